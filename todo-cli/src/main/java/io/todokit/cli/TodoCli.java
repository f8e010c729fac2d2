package io.todokit.cli;

import io.todokit.schema.SchemaException;
import io.todokit.schema.SchemaStep;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code todo-cli}: migrates, inspects, verifies and rolls back the todokit schema of a PostgreSQL
 * database, and exports and imports users' data. Run {@code todo-cli --help}; docs/operations.md is
 * the operator's guide.
 *
 * <p>Not thread-safe: one instance serves one command line.
 */
@Command(
    name = "todo-cli",
    mixinStandardHelpOptions = true,
    versionProvider = TodoCli.Version.class,
    synopsisSubcommandLabel = "COMMAND",
    description = {
      "Migrate, inspect, verify and roll back the todokit schema of a PostgreSQL database;"
          + " export and import users' data.",
      "Connection: --url, or the environment variables TODO_PG_URL, TODO_PG_USER and"
          + " TODO_PG_PASSWORD; --password-file reads the password from a file."
    },
    footer = ExitCode.HELP)
public final class TodoCli {

  private static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";
  private static final String FLYWAY_COMMANDS_LOG_LEVEL_PROPERTY =
      "org.slf4j.simpleLogger.log.org.flywaydb.core.internal.command";

  private TodoCli() {}

  /**
   * Runs one command and exits with its exit code.
   *
   * @param args the command line, e.g. {@code migrate --url jdbc:postgresql://localhost/todo}
   */
  public static void main(String[] args) {
    // slf4j-simple reads its level once, when Flyway creates its first logger: decide before.
    if (System.getProperty(LOG_LEVEL_PROPERTY) == null) {
      boolean verbose = List.of(args).contains("--verbose") || List.of(args).contains("-v");
      System.setProperty(LOG_LEVEL_PROPERTY, verbose ? "info" : "warn");
      if (verbose) {
        System.setProperty(FLYWAY_COMMANDS_LOG_LEVEL_PROPERTY, "info");
      }
    }
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    Io io =
        new Io(
            out,
            err,
            System.getenv(),
            Terminal.system(),
            System.in,
            System.out,
            Terminal.interactive() ? err : null);
    int exitCode = commandLine(io).execute(args);
    out.flush();
    err.flush();
    System.exit(exitCode);
  }

  /** The command line with every command, writing to and reading from {@code io}. */
  static CommandLine commandLine(Io io) {
    CommandLine commandLine =
        new CommandLine(new TodoCli())
            .addSubcommand(new MigrateCommand(io))
            .addSubcommand(new InfoCommand(io))
            .addSubcommand(new VerifyCommand(io))
            .addSubcommand(new RollbackCommand(io))
            .addSubcommand(new ExportCommand(io))
            .addSubcommand(new ImportCommand(io));
    commandLine.setOut(io.out());
    commandLine.setErr(io.err());
    commandLine.setParameterExceptionHandler(TodoCli::reportUsageError);
    commandLine.setExecutionExceptionHandler(TodoCli::reportFailure);
    return commandLine;
  }

  private static int reportUsageError(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    command.getOut().flush();
    String suggestions = "";
    if (e instanceof UnmatchedArgumentException unmatched
        && !unmatched.getSuggestions().isEmpty()) {
      suggestions = "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
    }
    command
        .getErr()
        .printf(
            "todo-cli: error: %s (see '%s --help')%n",
            // picocli repeats what it could not match, which may be a URL with a password.
            PostgresUrl.redact(oneLine(e.getMessage()) + suggestions),
            command.getCommandSpec().qualifiedName());
    command.getErr().flush();
    return ExitCode.USAGE.code();
  }

  private static int reportFailure(Exception e, CommandLine command, ParseResult fullParseResult) {
    ExitCode exitCode;
    String message;
    if (e instanceof CliException failure) {
      exitCode = failure.exitCode();
      message = failure.getMessage();
    } else if (e instanceof SchemaException) {
      exitCode = ExitCode.SCHEMA_FAILED;
      message = e.getMessage();
    } else {
      exitCode = ExitCode.SCHEMA_FAILED;
      message = "unexpected " + e;
    }
    command.getOut().flush();
    PrintWriter err = command.getErr();
    err.println("todo-cli: error: " + PostgresUrl.redact(oneLine(message)));
    if (command.getParseResult().hasMatchedOption("--verbose")) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      err.print(PostgresUrl.redact(trace.toString()));
    }
    err.flush();
    return exitCode.code();
  }

  /**
   * Flyway's messages span lines (a ruler, "SQL State : …", the statement); the error is one line,
   * so the lines are joined and the rulers dropped, and so is Flyway's advice to run Flyway with
   * -X, which is no option of todo-cli.
   */
  static String oneLine(@Nullable String message) {
    return String.valueOf(message)
        .lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.chars().allMatch(c -> c == '-'))
        .filter(line -> !line.contains("Run Flyway with -X"))
        .map(line -> line.replaceAll("\\s+", " "))
        .collect(Collectors.joining("; "));
  }

  /** {@code todo-cli 0.1.0 (schema V1 to V10)} and the Java runtime. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties properties = new Properties();
      try (InputStream in = TodoCli.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new String[] {
        "todo-cli " + properties.getProperty("version", "(unknown version)"),
        "schema versions 1 to "
            + SchemaStep.head().version()
            + ", newest "
            + SchemaVersions.label(SchemaStep.head().version()),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
      };
    }
  }
}
