package io.todokit.cli;

import io.todokit.dao.TodoDb;
import io.todokit.dao.portability.ImportReport;
import io.todokit.dao.portability.Portability;
import io.todokit.dao.portability.SqlModelImport;
import io.todokit.dao.portability.SqlModelReport;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code todo-cli import}: a file of {@code export}, one transaction per user. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Read a file of todo-cli export and write it through COPY, each user in one transaction."
          + " A user who already exists (id, username or email) is refused; the first invalid"
          + " record stops the import with its line and field, and nothing of its user is"
          + " written (the users before it stay imported).",
    },
    footer = ExitCode.HELP)
final class ImportCommand implements Callable<Integer> {

  private final Io io;

  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Option(
      names = "--in",
      paramLabel = "FILE",
      description = "The file to read. Default: standard input.")
  @Nullable Path in;

  @Option(
      names = "--from-sqlmodel",
      paramLabel = "URL",
      description = {
        "Import from the database of the SQLModel backend todokit grew from instead of a file:"
            + " jdbc:postgresql://host:port/db or postgresql://user@host:port/db; read only."
      })
  @Nullable String fromSqlModel;

  @Option(
      names = "--from-user",
      paramLabel = "USER",
      description = "The user to connect to --from-sqlmodel as. Default: the URL's user.")
  @Nullable String fromUser;

  @Option(
      names = "--from-password-file",
      paramLabel = "FILE",
      description = "A file whose first line is the password of --from-sqlmodel.")
  @Nullable Path fromPasswordFile;

  @Option(
      names = "--from-schema",
      paramLabel = "SCHEMA",
      description = "The schema of the SQLModel tables. Default: public.")
  String fromSchema = "public";

  ImportCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    TodoDb db = DataCommands.todoDb(connection.connect(io), connection.schema());
    if (fromSqlModel != null) {
      if (in != null) {
        throw new CliException(ExitCode.USAGE, "--in and --from-sqlmodel exclude each other");
      }
      return fromSqlModel(db);
    }
    Portability portability = db.portability().withProgress(DataCommands.progress(io, "imported"));
    Path file = in;
    ImportReport report =
        DataCommands.run(
            io,
            () -> {
              if (file == null) {
                return portability.importFrom(io.stdin());
              }
              try (InputStream stream = new BufferedInputStream(Files.newInputStream(file))) {
                return portability.importFrom(stream);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    io.out()
        .printf(
            "imported %d user%s: %s%n",
            report.users(), report.users() == 1 ? "" : "s", DataCommands.counts(report.rows()));
    return ExitCode.OK.code();
  }

  private int fromSqlModel(TodoDb db) {
    ConnectionOptions from = new ConnectionOptions();
    from.url = fromSqlModel;
    from.user = fromUser;
    from.passwordFile = fromPasswordFile;
    DataSource source = from.connect(io, "source ");
    SqlModelReport report =
        DataCommands.run(io, () -> SqlModelImport.from(source).inSchema(fromSchema).into(db));
    io.out().printf("mapped: %s%n", DataCommands.counts(report.mapped()));
    report
        .refused()
        .forEach(
            (kind, reasons) ->
                reasons.forEach(
                    (reason, count) ->
                        io.out().printf("refused %s: %d (%s)%n", kind, count, reason)));
    io.out()
        .printf(
            "imported %d user%s: %s%n",
            report.imported().users(),
            report.imported().users() == 1 ? "" : "s",
            DataCommands.counts(report.imported().rows()));
    return ExitCode.OK.code();
  }
}
