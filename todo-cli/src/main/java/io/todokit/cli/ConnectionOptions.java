package io.todokit.cli;

import io.todokit.schema.TodoSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Option;

/** The options every command shares: which database to connect to, and how much to say. */
final class ConnectionOptions {

  static final String URL_VARIABLE = "TODO_PG_URL";
  static final String USER_VARIABLE = "TODO_PG_USER";
  static final String PASSWORD_VARIABLE = "TODO_PG_PASSWORD";

  /** The oldest and newest PostgreSQL major versions the migrations are tested on. */
  private static final int OLDEST_SUPPORTED = 15;

  private static final int NEWEST_SUPPORTED = 18;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = {
        "The database: jdbc:postgresql://host:port/db or postgresql://user@host:port/db.",
        "Default: the environment variable " + URL_VARIABLE + "."
      })
  @Nullable String url;

  @Option(
      names = "--user",
      paramLabel = "USER",
      description = {
        "The user to connect as.",
        "Default: the URL's user, or " + USER_VARIABLE + " with " + URL_VARIABLE + "."
      })
  @Nullable String user;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = {
        "A file whose first line is the password (never give a password on the command line).",
        "Default: " + PASSWORD_VARIABLE + " with " + URL_VARIABLE + ", or the URL's password."
      })
  @Nullable Path passwordFile;

  @Option(
      names = "--schema",
      paramLabel = "SCHEMA",
      description = {
        "The PostgreSQL schema of todokit's tables and its history table todokit_schema_history"
            + " (created by migrate when missing).",
        "Default: " + TodoSchema.DEFAULT_SCHEMA + "."
      })
  String schema = TodoSchema.DEFAULT_SCHEMA;

  @Option(
      names = {"-v", "--verbose"},
      description = "Log what Flyway does, and print stack traces with errors.")
  boolean verbose;

  /**
   * todokit's schema in the database: {@code --schema}.
   *
   * @throws CliException (exit 2) when the name is not a usable schema name
   */
  TodoSchema schema() {
    try {
      return TodoSchema.in(schema);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, "--schema: " + e.getMessage(), e);
    }
  }

  /**
   * Connects once, to fail early with a clear message, and prints which database this is.
   *
   * @throws CliException (exit 2) when no URL is given, it is not a PostgreSQL URL, the password
   *     file cannot be read, or the server cannot be reached or refuses the login
   */
  DataSource connect(Io io) {
    return connect(io, "");
  }

  /**
   * Like {@link #connect(Io)}, with the line about the database after a prefix ({@code "-- "} makes
   * it an SQL comment).
   */
  DataSource connect(Io io, String headerPrefix) {
    TodoSchema todo = schema();
    boolean fromEnvironment = url == null;
    String text = fromEnvironment ? io.env().get(URL_VARIABLE) : url;
    if (text == null || text.isBlank()) {
      throw new CliException(
          ExitCode.USAGE,
          "no database given: pass --url jdbc:postgresql://host:port/db"
              + " or set the environment variable "
              + URL_VARIABLE);
    }
    PostgresUrl parsed;
    try {
      parsed = PostgresUrl.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CliException(
          ExitCode.USAGE, (fromEnvironment ? URL_VARIABLE + " is " : "") + e.getMessage(), e);
    }
    if (!fromEnvironment && parsed.carriesPassword()) {
      io.err().println(passwordInUrlWarning(parsed));
    }
    String userName =
        firstOf(user, fromEnvironment ? io.env().get(USER_VARIABLE) : null, parsed.user());
    String password =
        firstOf(
            passwordFile == null ? null : readPassword(passwordFile),
            fromEnvironment ? io.env().get(PASSWORD_VARIABLE) : null,
            parsed.password());

    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    try {
      dataSource.setURL(parsed.jdbcUrl());
    } catch (IllegalArgumentException e) {
      throw new CliException(
          ExitCode.USAGE, "the JDBC driver does not accept the URL " + parsed, e);
    }
    if (!parsed.jdbcUrl().contains("ApplicationName=")) {
      dataSource.setApplicationName("todo-cli");
    }
    if (userName != null) {
      dataSource.setUser(userName);
    }
    if (password != null) {
      dataSource.setPassword(password);
    }
    if (parsed.sslPassword() != null) {
      // Given apart, so that the URL todo-cli prints does not hold it.
      dataSource.setSslPassword(parsed.sslPassword());
    }

    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData metaData = connection.getMetaData();
      io.out()
          .printf(
              "%sdatabase: %s as %s (PostgreSQL %s), todokit schema %s%n",
              headerPrefix,
              parsed,
              metaData.getUserName(),
              metaData.getDatabaseProductVersion(),
              todo.schemaName());
      int major = metaData.getDatabaseMajorVersion();
      if (major < OLDEST_SUPPORTED || major > NEWEST_SUPPORTED) {
        io.err()
            .printf(
                "todo-cli: warning: PostgreSQL %d is outside the tested versions %d to %d%n",
                major, OLDEST_SUPPORTED, NEWEST_SUPPORTED);
      }
    } catch (SQLException e) {
      throw new CliException(
          ExitCode.USAGE,
          "cannot connect to "
              + parsed
              + (userName == null ? "" : " as " + userName)
              + ": "
              + e.getMessage(),
          e);
    }
    return dataSource;
  }

  /**
   * The warning about {@code --url user:password@…} or {@code ?password=…}: the command line shows
   * in {@code ps} and stays in the shell history. It names what to use instead, never the password.
   */
  private static String passwordInUrlWarning(PostgresUrl url) {
    String what =
        url.password() == null
            ? "an SSL key password (sslpassword)"
            : url.sslPassword() == null
                ? "a password"
                : "a password and an SSL key password (sslpassword)";
    String instead =
        url.sslPassword() == null
            ? "give it with --password-file FILE, or give the URL in "
                + URL_VARIABLE
                + " and the password in "
                + PASSWORD_VARIABLE
            : "give the URL in " + URL_VARIABLE + " and the password in " + PASSWORD_VARIABLE;
    return "todo-cli: warning: --url holds "
        + what
        + ", which other users can see in the process list and which stays in the shell history;"
        + " "
        + instead
        + " instead";
  }

  private static String readPassword(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty()) {
        throw new CliException(ExitCode.USAGE, "the password file " + file + " is empty");
      }
      return lines.getFirst();
    } catch (IOException e) {
      throw new CliException(
          ExitCode.USAGE, "cannot read the password file " + file + ": " + describe(e), e);
    }
  }

  private static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return String.valueOf(e.getMessage());
  }

  @SafeVarargs
  private static <T> @Nullable T firstOf(@Nullable T... candidates) {
    for (T candidate : candidates) {
      if (candidate != null) {
        return candidate;
      }
    }
    return null;
  }
}
