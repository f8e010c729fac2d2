package io.todokit.cli;

import io.todokit.dao.TodoDb;
import io.todokit.dao.portability.ExportReport;
import io.todokit.dao.portability.Portability;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code todo-cli export}: one user's or every user's data as newline-delimited JSON. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write one user's (or every user's) data as newline-delimited JSON, from one snapshot:"
          + " users, tags, templates, tasks, their tags, reminders, conversations and messages"
          + " (docs/portability.md)."
    },
    footer = ExitCode.HELP)
final class ExportCommand implements Callable<Integer> {

  private final Io io;

  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Option(
      names = "--user-id",
      paramLabel = "ID",
      description = {
        "The id of the user to export. Default: every user.",
        "(--user is the database login, as in the other commands.)"
      })
  @Nullable UUID user;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "The file to write (replaced). Default: standard output.")
  @Nullable Path out;

  ExportCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    // Standard output may carry the data: the lines about the database go to standard error.
    Io results = out == null ? io.resultsToErr() : io;
    TodoDb db = DataCommands.todoDb(connection.connect(results), connection.schema());
    Portability portability = db.portability().withProgress(DataCommands.progress(io, "exported"));
    ExportReport report;
    if (out == null) {
      report = DataCommands.run(io, () -> export(portability, io.stdout()));
      io.stdout().flush();
    } else {
      Path file = out;
      report =
          DataCommands.run(
              io,
              () -> {
                try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file))) {
                  return export(portability, stream);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
    }
    results
        .out()
        .printf(
            "exported %d user%s: %s%n",
            report.users(), report.users() == 1 ? "" : "s", DataCommands.counts(report.rows()));
    return ExitCode.OK.code();
  }

  private ExportReport export(Portability portability, OutputStream stream) {
    UUID one = user;
    return one == null ? portability.exportAll(stream) : portability.exportUser(one, stream);
  }
}
