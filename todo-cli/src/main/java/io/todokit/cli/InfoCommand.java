package io.todokit.cli;

import io.todokit.schema.SchemaInfo;
import io.todokit.schema.SchemaState;
import io.todokit.schema.SchemaVersion;
import io.todokit.schema.TodoSchema;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code todo-cli info}: the current version and every migration, applied or pending. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = "Show the schema version and a table of the applied and pending migrations.",
    footer = ExitCode.HELP)
final class InfoCommand implements Callable<Integer> {

  private static final String ROW = "%-8s %-8s %-20s %s%n";

  private final Io io;

  @Mixin ConnectionOptions connection = new ConnectionOptions();

  InfoCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    DataSource dataSource = connection.connect(io);
    TodoSchema schema = connection.schema();
    SchemaInfo info = schema.info(dataSource);
    if (info.currentVersion() == 0) {
      SchemaVersion version = SchemaVersions.check(schema, dataSource);
      if (version.legacySchema() != null) {
        io.out().printf("%s%n%n", version.describe());
      }
    }
    if (info.state() == SchemaState.AHEAD && !info.failedMigrationRecorded()) {
      io.out().printf("schema version: %d, %s%n", info.currentVersion(), info.describe());
      io.out().printf("%s%n%n", SchemaVersions.AHEAD_ADVICE);
    } else {
      io.out()
          .printf(
              "schema version: %d of %d (%s)%n%n",
              info.currentVersion(), info.latestVersion(), info.describe());
    }
    io.out().printf(ROW, "VERSION", "STATE", "INSTALLED ON", "SCRIPT");
    for (SchemaInfo.Applied applied : info.applied()) {
      io.out()
          .printf(
              ROW,
              "V" + applied.version(),
              applied.success() ? "applied" : "FAILED",
              format(applied.installedOn()),
              applied.script());
    }
    for (SchemaInfo.Pending pending : info.pending()) {
      io.out().printf(ROW, "V" + pending.version(), "pending", "", pending.script());
    }
    return ExitCode.OK.code();
  }

  private static String format(@Nullable Instant instant) {
    return instant == null ? "" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
