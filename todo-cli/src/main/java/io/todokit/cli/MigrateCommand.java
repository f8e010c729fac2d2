package io.todokit.cli;

import io.todokit.schema.SchemaInfo;
import io.todokit.schema.SchemaState;
import io.todokit.schema.SchemaVersion;
import io.todokit.schema.TodoSchema;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code todo-cli migrate [--to V]}: applies the pending migrations, one line per version. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = {
      "Apply the pending migrations, up to the newest or to --to.",
      "Each migration runs in its own transaction: when one fails it is rolled back as a whole"
          + " and the database stays at the version before it; fix the cause and run migrate"
          + " again."
    },
    footer = ExitCode.HELP)
final class MigrateCommand implements Callable<Integer> {

  private final Io io;

  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Option(
      names = "--to",
      paramLabel = "VERSION",
      converter = SchemaVersions.class,
      description = {
        "The version to stop at: a number, or a step's name such as task-priority.",
        "Default: the newest."
      })
  @Nullable Integer to;

  MigrateCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    DataSource dataSource = connection.connect(io);
    TodoSchema schema = connection.schema();
    SchemaVersion version = SchemaVersions.check(schema, dataSource);
    if (version.legacySchema() != null) {
      if (!version.legacySchema().equals(schema.schemaName())) {
        throw new CliException(
            ExitCode.SCHEMA_FAILED, version.describe() + "; nothing was changed");
      }
      io.out()
          .printf(
              "schema %1$s holds todokit's tables as a release before 0.1.0 left them: carrying"
                  + " their history over from %1$s.flyway_schema_history to"
                  + " %1$s.todokit_schema_history (nothing runs again)%n",
              schema.schemaName());
      SchemaInfo adopted = schema.adoptLegacyHistory(dataSource);
      io.out().printf("carried over versions 1 to %d%n", adopted.currentVersion());
    }
    SchemaInfo before = schema.info(dataSource);
    int target = to == null ? before.latestVersion() : to;
    if (target == 0) {
      throw new CliException(
          ExitCode.USAGE,
          "--to 0 is not a migration target; to undo everything use rollback --to 0");
    }
    // A newer release migrated it (a rolling deploy): nothing to do, and nothing to undo here.
    if (before.state() == SchemaState.AHEAD) {
      if (target < before.latestVersion()) {
        throw new CliException(
            ExitCode.USAGE,
            "the database is at version "
                + before.currentVersion()
                + ", newer than --to "
                + target
                + ": it is "
                + before.describe()
                + ", and migrate only goes forward");
      }
      io.out().printf("the database is %s: nothing to migrate%n", before.describe());
      io.out().printf("%s%n", SchemaVersions.AHEAD_ADVICE);
      return ExitCode.OK.code();
    }
    if (before.currentVersion() > target) {
      throw new CliException(
          ExitCode.USAGE,
          "the database is at version "
              + before.currentVersion()
              + ", newer than --to "
              + target
              + ": to go back, use todo-cli rollback --to "
              + target);
    }
    List<SchemaInfo.Pending> pending =
        before.pending().stream().filter(migration -> migration.version() <= target).toList();
    if (pending.isEmpty()) {
      io.out()
          .printf(
              "the database is already at version %d: nothing to migrate%n",
              before.currentVersion());
      return ExitCode.OK.code();
    }

    io.out()
        .printf("migrating from version %d to version %d...%n", before.currentVersion(), target);
    io.out().flush();
    long started = System.nanoTime();
    for (SchemaInfo.Pending migration : pending) {
      long stepStarted = System.nanoTime();
      schema.migrate(dataSource, migration.version());
      io.out()
          .printf(
              "applied %s (%d ms)%n",
              SchemaVersions.label(migration.version()), millisSince(stepStarted));
      io.out().flush();
    }
    SchemaInfo after = schema.info(dataSource);
    io.out()
        .printf(
            Locale.ROOT,
            "done: %d migration%s applied in %.1f s; the database is at version %d of %d%n",
            pending.size(),
            pending.size() == 1 ? "" : "s",
            millisSince(started) / 1000.0,
            after.currentVersion(),
            after.latestVersion());
    return ExitCode.OK.code();
  }

  private static long millisSince(long nanoTime) {
    return (System.nanoTime() - nanoTime) / 1_000_000;
  }
}
