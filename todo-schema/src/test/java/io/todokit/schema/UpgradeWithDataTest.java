package io.todokit.schema;

import static io.todokit.schema.SchemaMigrationTest.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.todokit.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows written at every intermediate version are all present and correct at the head. */
class UpgradeWithDataTest {

  private static final String ALICE = "00000000-0000-0000-0000-00000000000a";
  private static final String BOB = "00000000-0000-0000-0000-00000000000b";

  @Test
  void rowsInsertedAtEachVersionSurviveEveryLaterStep() throws SQLException {
    try (TestDatabase db = TestDatabase.empty()) {
      TodoSchema.standard().migrate(db.dataSource(), SchemaStep.USERS.version());
      execute(
          db,
          "INSERT INTO users (id, username, email, password_hash, time_zone) VALUES "
              + "('"
              + ALICE
              + "', 'alice', 'Alice@Example.org', 'hash-a', 'Europe/Berlin'), "
              + "('"
              + BOB
              + "', 'bob', 'bob@example.org', 'hash-b', DEFAULT)");

      TodoSchema.standard().migrate(db.dataSource(), SchemaStep.TASKS.version());
      execute(
          db,
          "INSERT INTO tasks (user_id, id, title, status, completed_at) VALUES "
              + "('"
              + ALICE
              + "', '10000000-0000-0000-0000-000000000001', 'written at V2', 'pending', NULL), "
              + "('"
              + BOB
              + "', '10000000-0000-0000-0000-000000000002', 'done at V2', 'completed', '2026-01-02T03:04:05Z')");

      TodoSchema.standard()
          .migrate(db.dataSource(), SchemaStep.CONVERSATIONS_AND_MESSAGES.version());
      execute(
          db,
          "INSERT INTO conversations (user_id, id, title) VALUES "
              + "('"
              + ALICE
              + "', '20000000-0000-0000-0000-000000000001', 'chat at V4');"
              + "INSERT INTO messages (user_id, conversation_id, role, content) VALUES "
              + "('"
              + ALICE
              + "', '20000000-0000-0000-0000-000000000001', 'user', 'hello'),"
              + "('"
              + ALICE
              + "', '20000000-0000-0000-0000-000000000001', 'assistant', 'hi')");

      TodoSchema.standard().migrate(db.dataSource(), SchemaStep.TASK_PRIORITY.version());
      execute(
          db,
          "INSERT INTO tasks (user_id, id, title, priority) VALUES "
              + "('"
              + ALICE
              + "', '10000000-0000-0000-0000-000000000005', 'urgent at V5', 'urgent')");

      TodoSchema.standard().migrate(db.dataSource(), SchemaStep.REMINDERS.version());
      execute(
          db,
          "INSERT INTO tasks (user_id, id, title, due_at, remind_at) VALUES "
              + "('"
              + ALICE
              + "', '10000000-0000-0000-0000-000000000007', 'due at V7', "
              + "'2026-03-01T09:00:00Z', '2026-03-01T08:00:00Z')");
      // remind_at moves into reminders at V14; the reminder is checked below.

      TodoSchema.standard().migrate(db.dataSource(), SchemaStep.TAGS.version());
      execute(
          db,
          "INSERT INTO tasks (user_id, id, title, recurrence_rule) VALUES "
              + "('"
              + ALICE
              + "', '10000000-0000-0000-0000-000000000009', 'weekly at V9', "
              + "'{\"frequency\": \"weekly\", \"interval\": 1, \"days\": [\"monday\"]}');"
              + "INSERT INTO tags (user_id, id, name) VALUES "
              + "('"
              + ALICE
              + "', '30000000-0000-0000-0000-000000000001', 'Work');"
              + "INSERT INTO task_tags (user_id, task_id, tag_id) VALUES "
              + "('"
              + ALICE
              + "', '10000000-0000-0000-0000-000000000001', '30000000-0000-0000-0000-000000000001')");

      TodoSchema.standard().migrate(db.dataSource());

      assertThat(
              rows(
                  db,
                  "SELECT username || ' ' || email || ' ' || time_zone FROM users ORDER BY username"))
          .containsExactly("alice Alice@Example.org Europe/Berlin", "bob bob@example.org UTC");
      assertThat(
              rows(
                  db,
                  "SELECT title || ' ' || status || ' ' || priority || ' ' || coalesce(due_at::text, '-')"
                      + " || ' ' || (completed_at IS NOT NULL) || ' ' || version"
                      + " FROM tasks ORDER BY id"))
          .containsExactly(
              "written at V2 pending medium - false 0",
              "done at V2 completed medium - true 0",
              "urgent at V5 pending urgent - false 0",
              "due at V7 pending medium 2026-03-01 09:00:00+00 false 0",
              "weekly at V9 pending medium - false 0");
      assertThat(rows(db, "SELECT seq || ' ' || role || ' ' || content FROM messages ORDER BY seq"))
          .containsExactly("1 user hello", "2 assistant hi");
      assertThat(rows(db, "SELECT last_message_seq::text FROM conversations")).containsExactly("2");
      assertThat(rows(db, "SELECT name || ' ' || color FROM tags")).containsExactly("Work #007bff");
      assertThat(rows(db, "SELECT task_id::text FROM task_tags"))
          .containsExactly("10000000-0000-0000-0000-000000000001");
      assertThat(rows(db, "SELECT task_id || ' ' || at || ' ' || state FROM reminders"))
          .containsExactly("10000000-0000-0000-0000-000000000007 2026-03-01 08:00:00+00 pending");
      assertThat(TodoSchema.standard().verify(db.dataSource()).passed()).isTrue();
    }
  }

  @Test
  void rowsThatV11RefusesSurviveItAndVerifyCountsThemUntilTheyAreFixed() throws SQLException {
    try (TestDatabase db = TestDatabase.empty()) {
      TodoSchema.standard().migrate(db.dataSource(), SchemaStep.RECURRING_TEMPLATES.version());
      // All of these passed the V10 constraints: btrim only strips ASCII spaces, and PostgreSQL
      // knows GMT, Z and EST.
      execute(
          db,
          "INSERT INTO users (id, username, email, password_hash, time_zone) VALUES "
              + "('"
              + ALICE
              + "', 'alice', 'alice@example.org', 'hash-a', 'GMT'), "
              + "('"
              + BOB
              + "', 'bob', 'bob@example.org', E'\\u00a0', 'Europe/Berlin');"
              + "INSERT INTO tasks (user_id, title) VALUES ('"
              + BOB
              + "', E'\\u00a0\\u2003'), ('"
              + BOB
              + "', 'fine');"
              + "INSERT INTO recurring_tasks"
              + " (user_id, title, recurrence_rule, time_zone, starts_at, next_due_at) VALUES"
              + " ('"
              + BOB
              + "', E'\\u3000', '{\"frequency\": \"daily\"}', 'Z', now(), now()),"
              + " ('"
              + BOB
              + "', E'\\u205f', '{\"frequency\": \"daily\"}', 'EST', now(), now());"
              + "INSERT INTO conversations (user_id, id, title) VALUES ('"
              + BOB
              + "', '20000000-0000-0000-0000-000000000001', E'\\u2028');"
              + "INSERT INTO messages (user_id, conversation_id, role, content, tool_call_id)"
              + " VALUES ('"
              + BOB
              + "', '20000000-0000-0000-0000-000000000001', 'tool', 'ok', E'\\u202f');"
              + "INSERT INTO tags (user_id, name) VALUES ('"
              + BOB
              + "', E'\\u1680')");

      SchemaInfo migrated = TodoSchema.standard().migrate(db.dataSource());

      assertThat(migrated.currentVersion()).isEqualTo(SchemaStep.head().version());
      assertThat(TodoSchema.standard().verify(db.dataSource()).failures())
          .extracting(VerificationReport.Check::name, VerificationReport.Check::detail)
          .containsExactly(
              tuple("users.time_zone is a region id (Area/Location or UTC)", "1 offending row(s)"),
              tuple(
                  "recurring_tasks.time_zone is a region id (Area/Location or UTC)",
                  "2 offending row(s)"),
              tuple(
                  "titles and tag names are not blank (Unicode spaces count as blank)",
                  "5 offending row(s)"),
              tuple(
                  "password hashes and tool call ids are not blank (Unicode spaces count as blank)",
                  "2 offending row(s)"));
      // New writes are checked, including updates of the old rows.
      assertThatThrownBy(
              () -> execute(db, "UPDATE users SET is_active = false WHERE id = '" + ALICE + "'"))
          .hasMessageContaining("users_time_zone_valid");

      // The down script restores the V10 constraints, which the old rows pass.
      TodoSchema.standard().rollbackTo(db.dataSource(), SchemaStep.RECURRING_TEMPLATES.version());
      TodoSchema.standard().migrate(db.dataSource());

      // The fix docs/schema.md describes: correct the rows, then validate the constraints.
      execute(
          db,
          "UPDATE users SET time_zone = 'UTC' WHERE NOT todokit_is_time_zone(time_zone);"
              + "UPDATE users SET password_hash = 'reset-required'"
              + " WHERE todokit_is_blank(password_hash);"
              + "UPDATE recurring_tasks SET time_zone = 'America/New_York', title = 'untitled'"
              + " WHERE NOT todokit_is_time_zone(time_zone) OR todokit_is_blank(title);"
              + "UPDATE tasks SET title = 'untitled' WHERE todokit_is_blank(title);"
              + "UPDATE conversations SET title = 'untitled' WHERE todokit_is_blank(title);"
              + "DELETE FROM messages WHERE todokit_is_blank(tool_call_id);"
              + "DELETE FROM tags WHERE todokit_is_blank(name);"
              + "ALTER TABLE tasks VALIDATE CONSTRAINT tasks_title_length;"
              + "ALTER TABLE recurring_tasks VALIDATE CONSTRAINT recurring_tasks_title_length;"
              + "ALTER TABLE conversations VALIDATE CONSTRAINT conversations_title_length;"
              + "ALTER TABLE tags VALIDATE CONSTRAINT tags_name_length;"
              + "ALTER TABLE users VALIDATE CONSTRAINT users_password_hash_not_blank;"
              + "ALTER TABLE messages VALIDATE CONSTRAINT messages_tool_call_id_not_blank");
      assertThat(TodoSchema.standard().verify(db.dataSource()).failures()).isEmpty();
    }
  }

  @Test
  void v14CarriesEveryRemindAtOverAndU14BringsThemBack() throws SQLException {
    try (TestDatabase db = TestDatabase.empty()) {
      TodoSchema.standard().migrate(db.dataSource(), SchemaStep.OWN_SCHEMA.version());
      execute(
          db,
          "INSERT INTO users (id, username, email, password_hash) VALUES ('"
              + ALICE
              + "', 'alice', 'alice@example.org', 'hash-a');"
              + "INSERT INTO tasks (user_id, id, title, status, completed_at, due_at, remind_at,"
              + " reminded_at, created_at, updated_at) VALUES"
              + " ('"
              + ALICE
              + "', '10000000-0000-0000-0000-000000000001', 'armed', 'pending', NULL,"
              + " '2026-03-01T09:00:00Z', '2026-03-01T08:00:00Z', NULL, '2026-01-01T00:00:00Z',"
              + " '2026-01-01T00:00:00Z'),"
              + " ('"
              + ALICE
              + "', '10000000-0000-0000-0000-000000000002', 'sent', 'pending', NULL, NULL,"
              + " '2026-02-01T08:00:00Z', '2026-02-01T08:00:05Z', '2026-01-01T00:00:00Z',"
              + " '2026-01-01T00:00:00Z'),"
              + " ('"
              + ALICE
              + "', '10000000-0000-0000-0000-000000000003', 'done', 'completed',"
              + " '2026-01-05T00:00:00Z', NULL, '2026-02-02T08:00:00Z', NULL,"
              + " '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
              + " ('"
              + ALICE
              + "', '10000000-0000-0000-0000-000000000004', 'none', 'pending', NULL, NULL, NULL,"
              + " NULL, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");

      TodoSchema.standard().migrate(db.dataSource());

      assertThat(
              rows(
                  db,
                  "SELECT t.title || ' ' || r.at || ' ' || r.fire_at || ' ' || r.state || ' '"
                      + " || coalesce(r.next_attempt_at::text, '-') || ' '"
                      + " || coalesce(r.delivered_at::text, '-') || ' ' || r.attempts"
                      + " FROM reminders r JOIN tasks t ON t.user_id = r.user_id AND t.id ="
                      + " r.task_id ORDER BY t.id"))
          .containsExactly(
              "armed 2026-03-01 08:00:00+00 2026-03-01 08:00:00+00 pending"
                  + " 2026-03-01 08:00:00+00 - 0",
              "sent 2026-02-01 08:00:00+00 2026-02-01 08:00:00+00 delivered -"
                  + " 2026-02-01 08:00:05+00 0",
              "done 2026-02-02 08:00:00+00 2026-02-02 08:00:00+00 canceled - - 0");
      assertThat(
              rows(
                  db,
                  "SELECT count(*)::text FROM information_schema.columns"
                      + " WHERE table_name = 'tasks' AND column_name LIKE 'remind%'"))
          .containsExactly("0");

      // Written at V14: a second, later absolute reminder, and a relative one that is earlier
      // still; the down script keeps the earliest absolute one of each task.
      execute(
          db,
          "INSERT INTO reminders (user_id, task_id, at) VALUES ('"
              + ALICE
              + "', '10000000-0000-0000-0000-000000000001', '2026-03-01T08:30:00Z');"
              + "INSERT INTO reminders (user_id, task_id, before_due) VALUES ('"
              + ALICE
              + "', '10000000-0000-0000-0000-000000000001', interval '3 hours');"
              + "INSERT INTO reminders (user_id, task_id, at) VALUES ('"
              + ALICE
              + "', '10000000-0000-0000-0000-000000000004', '2026-04-01T10:00:00Z')");

      TodoSchema.standard().rollbackTo(db.dataSource(), SchemaStep.OWN_SCHEMA.version());

      assertThat(
              rows(
                  db,
                  "SELECT title || ' ' || coalesce(remind_at::text, '-') || ' '"
                      + " || coalesce(reminded_at::text, '-') FROM tasks ORDER BY id"))
          .containsExactly(
              "armed 2026-03-01 08:00:00+00 -",
              "sent 2026-02-01 08:00:00+00 2026-02-01 08:00:05+00",
              "done 2026-02-02 08:00:00+00 -",
              "none 2026-04-01 10:00:00+00 -");
      TodoSchema.standard().migrate(db.dataSource());
      assertThat(TodoSchema.standard().verify(db.dataSource()).passed()).isTrue();
      assertThat(rows(db, "SELECT state FROM reminders ORDER BY task_id, fire_at"))
          .containsExactly("pending", "delivered", "canceled", "pending");
    }
  }

  private static List<String> rows(TestDatabase db, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = SchemaMigrationTest.connect(db);
        var statement = connection.createStatement()) {
      statement.execute("SET TIME ZONE 'UTC'");
      ResultSet result = statement.executeQuery(sql);
      while (result.next()) {
        rows.add(result.getString(1));
      }
    }
    return rows;
  }
}
