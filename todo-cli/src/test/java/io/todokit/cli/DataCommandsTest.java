package io.todokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export} and {@code import} end to end, on real databases, as an operator runs them. */
class DataCommandsTest {

  private static TestDatabase source;
  private static final UUID ALICE = UUID.randomUUID();
  private static final UUID BOB = UUID.randomUUID();

  @TempDir Path dir;

  @BeforeAll
  static void fill() {
    source = TestDatabase.migrated();
    for (UUID user : new UUID[] {ALICE, BOB}) {
      String name = "u" + user.toString().substring(0, 8);
      Cli.execute(
          source,
          "SET search_path = todokit;"
              + " INSERT INTO users (id, username, email, password_hash) VALUES ('"
              + user
              + "', '"
              + name
              + "', '"
              + name
              + "@example.org', 'x');"
              + " INSERT INTO tasks (user_id, id, title, due_at) SELECT '"
              + user
              + "', gen_random_uuid(), 'Task ' || g, timestamptz '2026-03-01' + g * interval '1 h'"
              + " FROM generate_series(1, 50) g;"
              + " INSERT INTO conversations (user_id, id, title) VALUES ('"
              + user
              + "', gen_random_uuid(), 'Chat');"
              + " INSERT INTO messages (user_id, conversation_id, id, role, content)"
              + " SELECT user_id, id, gen_random_uuid(), 'user', 'hello' FROM conversations"
              + " WHERE user_id = '"
              + user
              + "'");
    }
  }

  @AfterAll
  static void drop() {
    source.close();
  }

  @Test
  void exportsAUserToAFileAndImportsItIntoAnotherDatabaseLosslessly() throws Exception {
    Path file = dir.resolve("alice.ndjson");
    Cli.Result export =
        Cli.on(source, "export", "--user-id", ALICE.toString(), "--out", file.toString());
    assertThat(export.exitCode()).as(export.err()).isZero();
    assertThat(export.out())
        .contains(
            "exported 1 user: users 1, tags 0, recurring_tasks 0, tasks 50, task_tags 0,"
                + " reminders 0, conversations 1, messages 1");
    String text = Files.readString(file);
    assertThat(text.lines().count()).isEqualTo(1 + 1 + 50 + 1 + 1);
    assertThat(text).doesNotContain(BOB.toString());

    try (TestDatabase target = TestDatabase.migrated()) {
      Cli.Result imported = Cli.on(target, "import", "--in", file.toString());
      assertThat(imported.exitCode()).as(imported.err()).isZero();
      assertThat(imported.out()).contains("imported 1 user: users 1, tags 0").contains("tasks 50");
      Path again = dir.resolve("again.ndjson");
      assertThat(Cli.on(target, "export", "--out", again.toString()).exitCode()).isZero();
      assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(file));

      // A second import of the same user is refused, with the line and exit code 4.
      Cli.Result twice = Cli.on(target, "import", "--in", file.toString());
      assertThat(twice.exitCode()).isEqualTo(4);
      assertThat(twice.err())
          .startsWith("todo-cli: error: refused: line 2: users.id: already exists");
    }
  }

  @Test
  void exportsEveryUserToStandardOutputAndImportsFromStandardInput() {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    Cli.Result export = Cli.piped(source, new byte[0], stdout, "export");
    assertThat(export.exitCode()).as(export.err()).isZero();
    // Standard output carries only the data; what the command says goes to standard error.
    assertThat(export.out()).isEmpty();
    assertThat(export.err()).contains("database: ").contains("exported 2 users");
    String data = stdout.toString(StandardCharsets.UTF_8);
    assertThat(data)
        .startsWith("{\"type\": \"header\"")
        .contains(ALICE.toString())
        .contains(BOB.toString());
    assertThat(data.lines()).allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));

    try (TestDatabase target = TestDatabase.migrated()) {
      Cli.Result imported =
          Cli.piped(target, stdout.toByteArray(), new ByteArrayOutputStream(), "import");
      assertThat(imported.exitCode()).as(imported.err()).isZero();
      assertThat(imported.out()).contains("imported 2 users").contains("tasks 100");
    }
  }

  @Test
  void anInvalidLineStopsTheImportWithItsLineAndExitCode4() throws Exception {
    Path file = dir.resolve("bad.ndjson");
    Cli.Result export =
        Cli.on(source, "export", "--user-id", BOB.toString(), "--out", file.toString());
    assertThat(export.exitCode()).isZero();
    java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
    lines.set(4, lines.get(4).replace("\"status\": \"pending\"", "\"status\": \"someday\""));
    Files.write(file, lines);
    try (TestDatabase target = TestDatabase.migrated()) {
      Cli.Result imported = Cli.on(target, "import", "--in", file.toString());
      assertThat(imported.exitCode()).isEqualTo(4);
      assertThat(imported.err())
          .startsWith(
              "todo-cli: error: refused: line 5: tasks.status: must be one of [completed,"
                  + " in_progress, pending]");
    }
  }

  @Test
  void exportingAnUnknownUserFailsWithExitCode4() {
    UUID ghost = UUID.randomUUID();
    Cli.Result export =
        Cli.piped(
            source,
            new byte[0],
            new ByteArrayOutputStream(),
            "export",
            "--user-id",
            ghost.toString());
    assertThat(export.exitCode()).isEqualTo(4);
    assertThat(export.err()).contains("todo-cli: error: user " + ghost + " not found");
  }
}
