package io.todokit.cli;

import io.todokit.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Runs todo-cli in-process, as a user would from a shell, and captures what it prints. */
final class Cli {

  private Cli() {}

  /**
   * What one run did.
   *
   * @param exitCode the exit code
   * @param out standard output
   * @param err standard error
   * @param prompts the questions asked on the terminal
   */
  record Result(int exitCode, String out, String err, List<String> prompts) {}

  /** Runs with no environment variables and no terminal. */
  static Result run(String... args) {
    return run(Map.of(), null, args);
  }

  /**
   * Runs one command line.
   *
   * @param env the environment variables
   * @param answer what the user types at a confirmation prompt; null: there is no terminal
   */
  static Result run(Map<String, String> env, @Nullable String answer, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> prompts = new ArrayList<>();
    Terminal terminal =
        prompt -> {
          prompts.add(prompt);
          return answer;
        };
    Io io = new Io(new PrintWriter(out, true), new PrintWriter(err, true), env, terminal);
    int exitCode = TodoCli.commandLine(io).execute(args);
    return new Result(exitCode, out.toString(), err.toString(), prompts);
  }

  /**
   * Runs a command against the database with {@code stdin} as standard input and standard output's
   * bytes collected in {@code stdout} (what export and import use); {@code out} of the result holds
   * what the commands print as text.
   */
  static Result piped(TestDatabase db, byte[] stdin, OutputStream stdout, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Io io =
        new Io(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            env(db),
            prompt -> null,
            new ByteArrayInputStream(stdin),
            stdout,
            null);
    int exitCode = TodoCli.commandLine(io).execute(args);
    return new Result(exitCode, out.toString(), err.toString(), List.of());
  }

  /** The environment variables that point todo-cli at the database. */
  static Map<String, String> env(TestDatabase db) {
    Map<String, String> env = new HashMap<>();
    env.put("TODO_PG_URL", db.jdbcUrl());
    env.put("TODO_PG_USER", db.username());
    if (!db.password().isEmpty()) {
      env.put("TODO_PG_PASSWORD", db.password());
    }
    return env;
  }

  /** Runs a command against the database, connected through the environment. */
  static Result on(TestDatabase db, String... args) {
    return run(env(db), null, args);
  }

  /**
   * Records version 99 as applied, as a newer release of todokit does when it migrates the database
   * during a rolling deploy (its script is not in this release).
   */
  static void migrateWithANewerRelease(TestDatabase db) {
    execute(
        db,
        "INSERT INTO todokit.todokit_schema_history (installed_rank, version, description, type, script,"
            + " checksum, installed_by, execution_time, success)"
            + " VALUES (100, '99', 'newer release', 'SQL', 'V99__newer_release.sql', 0,"
            + " current_user, 0, true)");
  }

  /** Runs SQL as the test's setup, outside the tool. */
  static void execute(TestDatabase db, String sql) {
    try (Connection connection = db.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
