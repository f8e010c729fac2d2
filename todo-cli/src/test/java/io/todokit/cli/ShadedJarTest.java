package io.todokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.schema.TodoSchema;
import io.todokit.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code target/todo-cli.jar} as an operator runs it: a separate JVM, {@code java -jar}. Runs in
 * the package phase, after the shade plugin has built the jar (see the module's pom).
 */
class ShadedJarTest {

  private static final int HEAD = TodoSchema.latestVersion();

  private static final Path JAR =
      Path.of(System.getProperty("todo.cli.jar", "target/todo-cli.jar"));

  @Test
  void printsHelpAndExits0() throws Exception {
    Run run = java(Map.of(), "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Usage: todo-cli [-hV] COMMAND").contains("rollback");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void migratesAndVerifiesARealDatabaseWithFlywayFoundThroughMergedServiceFiles() throws Exception {
    try (TestDatabase db = TestDatabase.empty()) {
      Run migrate = java(Cli.env(db), "migrate");
      Run verify = java(Cli.env(db), "verify");

      assertThat(migrate.exitCode()).as(migrate.err()).isZero();
      assertThat(migrate.out()).contains("applied V13 own_schema");
      // Quiet by default: no Flyway INFO lines.
      assertThat(migrate.err()).isEmpty();
      assertThat(verify.exitCode()).as(verify.err()).isZero();
      assertThat(verify.out()).contains("0 failed - schema OK");
    }
  }

  @Test
  void reportsAFailedMigrationInOneLineWithExit3() throws Exception {
    try (TestDatabase db = TestDatabase.empty()) {
      java(Cli.env(db), "migrate", "--to", "8");
      Cli.execute(db, "CREATE TABLE todokit.task_tags (id int)");

      Run run = java(Cli.env(db), "migrate");

      assertThat(run.exitCode()).isEqualTo(3);
      assertThat(run.out())
          .contains("migrating from version 8 to version " + HEAD + "...")
          .doesNotContain("applied V9");
      assertThat(run.err().lines().toList())
          .singleElement()
          .asString()
          .startsWith(
              "todo-cli: error: migration failed and was rolled back; the database is at"
                  + " version 8: Failed to execute script V9__tags.sql; SQL State : 42P07;")
          .contains("relation \"task_tags\" already exists");
    }
  }

  @Test
  void refusesToRollBackWithoutATerminalOrYes() throws Exception {
    try (TestDatabase db = TestDatabase.migrated()) {
      Run run = java(Cli.env(db), "rollback", "--to", "4");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).startsWith("todo-cli: error: cannot ask for confirmation");
      assertThat(java(Cli.env(db), "info").out())
          .contains("schema version: " + HEAD + " of " + HEAD);
    }
  }

  @Test
  void aPasswordInTheUrlOptionIsNeverPrintedNotEvenInFlywaysVerboseLog() throws Exception {
    try (TestDatabase db = TestDatabase.migrated()) {
      String secret = db.password().isEmpty() ? "Never-Shown-7f3a" : db.password();
      String url = db.jdbcUrl() + "?user=" + db.username() + "&password=" + secret;

      Run info = java(Map.of(), "info", "--verbose", "--url", url);
      Run verify = java(Map.of(), "verify", "--verbose", "--url", url);

      assertThat(info.exitCode()).as(info.err()).isZero();
      assertThat(verify.exitCode()).as(verify.err()).isZero();
      for (Run run : List.of(info, verify)) {
        assertThat(run.out()).doesNotContain(secret);
        assertThat(run.err()).doesNotContain(secret);
        assertThat(run.err().lines().filter(line -> line.contains("warning: --url holds")))
            .hasSize(1);
      }
    }
  }

  private record Run(int exitCode, String out, String err) {}

  private static Run java(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    assertThat(JAR).as("the shaded jar; run mvn package").isRegularFile();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("TODO_PG_URL");
    builder.environment().putAll(env);
    Path out = Files.createTempFile("todo-cli", ".out");
    Path err = Files.createTempFile("todo-cli", ".err");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("todo-cli " + String.join(" ", args) + " did not finish");
    }
    Run run =
        new Run(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return run;
  }
}
