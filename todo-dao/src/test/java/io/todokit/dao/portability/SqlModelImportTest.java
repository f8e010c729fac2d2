package io.todokit.dao.portability;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.DaoTestSupport;
import io.todokit.dao.reminders.Reminder;
import io.todokit.dao.tasks.Task;
import io.todokit.dao.tasks.TaskStatus;
import io.todokit.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The SQLModel importer on the seed's own DDL (both variants the seed documents), with rows that
 * map and rows that must be refused, imported into a todokit database.
 */
class SqlModelImportTest extends DaoTestSupport {

  private static void run(TestDatabase source, String sql) {
    try (Connection connection = source.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Migration 001–003 of the seed's Alembic plan: UUID ids, zoned timestamps, status. */
  private static final String UUID_VARIANT =
      """
      CREATE TABLE users (
          id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
          username VARCHAR(50) UNIQUE NOT NULL,
          email VARCHAR(255) UNIQUE NOT NULL,
          password_hash VARCHAR(255) NOT NULL,
          is_active BOOLEAN DEFAULT TRUE,
          created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
          updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW());
      CREATE TABLE tasks (
          id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
          user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          title VARCHAR(255) NOT NULL,
          description TEXT,
          priority VARCHAR(20) DEFAULT 'medium',
          status VARCHAR(20) DEFAULT 'pending',
          due_date TIMESTAMP WITH TIME ZONE,
          created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
          updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
          completed_at TIMESTAMP WITH TIME ZONE);
      CREATE TABLE tags (
          id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
          user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          name VARCHAR(100) NOT NULL,
          color VARCHAR(7),
          created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
          UNIQUE(user_id, name));
      CREATE TABLE task_tags (
          task_id UUID NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
          tag_id UUID NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
          created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
          PRIMARY KEY (task_id, tag_id));
      ALTER TABLE tasks ADD COLUMN recurrence_rule TEXT;
      CREATE TABLE conversations (
          id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
          user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          title VARCHAR(255),
          created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
          updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW());
      CREATE TABLE messages (
          id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
          conversation_id UUID NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
          role VARCHAR(20) NOT NULL,
          content TEXT NOT NULL,
          tool_calls JSONB,
          created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW());
      """;

  /** The SQLModel phases of the seed: TEXT ids, naive UTC timestamps, is_complete, remind_at. */
  private static final String TEXT_VARIANT =
      """
      CREATE TABLE users (id TEXT PRIMARY KEY, username VARCHAR(50) NOT NULL, email VARCHAR(255)
          NOT NULL, password_hash VARCHAR(255) NOT NULL, is_active BOOLEAN, created_at TIMESTAMP,
          updated_at TIMESTAMP);
      CREATE TABLE tasks (id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),
          title VARCHAR(255) NOT NULL, description TEXT, is_complete BOOLEAN NOT NULL DEFAULT false,
          created_at TIMESTAMP, updated_at TIMESTAMP, priority VARCHAR(20) DEFAULT 'medium',
          due_date TIMESTAMP, remind_at TIMESTAMP, recurrence_rule JSONB);
      CREATE TABLE tags (id TEXT PRIMARY KEY, user_id TEXT NOT NULL, name VARCHAR(50) NOT NULL,
          color VARCHAR(7) DEFAULT '#007bff', created_at TIMESTAMP, updated_at TIMESTAMP);
      CREATE TABLE task_tags (task_id TEXT NOT NULL, tag_id TEXT NOT NULL, created_at TIMESTAMP);
      CREATE TABLE recurring_tasks (id TEXT PRIMARY KEY, user_id TEXT NOT NULL,
          title VARCHAR(200) NOT NULL, description VARCHAR(2000), priority VARCHAR(20),
          recurrence_rule JSONB NOT NULL, next_due_at TIMESTAMP, is_active BOOLEAN,
          created_at TIMESTAMP, updated_at TIMESTAMP);
      CREATE TABLE conversations (id UUID PRIMARY KEY, user_id TEXT NOT NULL, title VARCHAR(255),
          created_at TIMESTAMP, updated_at TIMESTAMP);
      CREATE TABLE messages (id UUID PRIMARY KEY, conversation_id UUID NOT NULL, user_id TEXT,
          role VARCHAR NOT NULL, content TEXT NOT NULL, tool_calls JSON, created_at TIMESTAMP);
      """;

  @Test
  void theUuidVariantMapsWhatMapsAndRefusesTheRestWithReasons() {
    UUID alice = UUID.randomUUID();
    UUID milk = UUID.randomUUID();
    UUID done = UUID.randomUUID();
    UUID weekly = UUID.randomUUID();
    UUID work = UUID.randomUUID();
    UUID chat = UUID.randomUUID();
    try (TestDatabase source = TestDatabase.empty()) {
      run(source, UUID_VARIANT);
      run(
          source,
          "INSERT INTO users (id, username, email, password_hash, created_at) VALUES"
              + " ('"
              + alice
              + "', 'alice_sqlmodel', 'alice@sqlmodel.example', 'h',"
              + " '2025-01-26 10:00:00+00'),"
              + " (gen_random_uuid(), 'bad user', 'bad@sqlmodel.example', 'h', now());"
              + " INSERT INTO tasks (id, user_id, title, priority, status, due_date,"
              + " completed_at, recurrence_rule) VALUES"
              + " ('"
              + milk
              + "', '"
              + alice
              + "', 'Buy milk', 'high', 'pending',"
              + " '2025-02-01 10:00:00+00', NULL, NULL),"
              + " ('"
              + done
              + "', '"
              + alice
              + "', 'Report', 'medium', 'completed', NULL,"
              + " '2025-01-27 09:00:00+00', NULL),"
              + " ('"
              + weekly
              + "', '"
              + alice
              + "', 'Sync', 'low', 'pending', NULL, NULL,"
              + " '{\"frequency\": \"weekly\", \"interval\": 1, \"days\": [\"mon\", \"fri\"],"
              + " \"end_date\": \"2025-12-31T23:59:59Z\"}'),"
              + " (gen_random_uuid(), '"
              + alice
              + "', 'Old', 'medium', 'archived', NULL, NULL,"
              + " NULL),"
              + " (gen_random_uuid(), '"
              + alice
              + "', '   ', 'medium', 'pending', NULL, NULL,"
              + " NULL),"
              + " (gen_random_uuid(), '"
              + alice
              + "', 'Hourly', 'medium', 'pending', NULL, NULL,"
              + " '{\"frequency\": \"hourly\"}');"
              + " INSERT INTO tasks (user_id, title) SELECT id, 'of a refused user' FROM users"
              + " WHERE username = 'bad user';"
              + " INSERT INTO tags (id, user_id, name, color) VALUES"
              + " ('"
              + work
              + "', '"
              + alice
              + "', 'work', NULL),"
              + " (gen_random_uuid(), '"
              + alice
              + "', 'red one', 'red');"
              + " INSERT INTO task_tags (task_id, tag_id) VALUES ('"
              + milk
              + "', '"
              + work
              + "');"
              + " INSERT INTO task_tags (task_id, tag_id) SELECT t.id, '"
              + work
              + "' FROM tasks t"
              + " WHERE t.status = 'archived';"
              + " INSERT INTO conversations (id, user_id, title, created_at) VALUES"
              + " ('"
              + chat
              + "', '"
              + alice
              + "', NULL, '2025-01-26 11:00:00+00');"
              + " INSERT INTO messages (conversation_id, role, content, tool_calls, created_at)"
              + " VALUES ('"
              + chat
              + "', 'user', 'add milk', NULL, '2025-01-26 11:00:01+00'),"
              + " ('"
              + chat
              + "', 'assistant', '', '[{\"id\": \"call_1\", \"name\": \"add_task\","
              + " \"arguments\": \"{}\"}]', '2025-01-26 11:00:02+00'),"
              + " ('"
              + chat
              + "', 'tool', 'ok', NULL, '2025-01-26 11:00:03+00'),"
              + " ('"
              + chat
              + "', 'user', 'x', '{\"a\": 1}', '2025-01-26 11:00:04+00'),"
              + " ('"
              + chat
              + "', 'assistant', 'Added.', NULL, '2025-01-26 11:00:05+00')");

      SqlModelReport report = SqlModelImport.from(source.dataSource()).into(db);

      assertThat(report.mapped())
          .containsEntry("users", 1L)
          .containsEntry("tasks", 3L)
          .containsEntry("tags", 1L)
          .containsEntry("task_tags", 1L)
          .containsEntry("conversations", 1L)
          .containsEntry("messages", 3L);
      assertThat(report.refused().get("users"))
          .containsExactly(
              Map.entry(
                  "username: not 3 to 50 letters, digits, '.', '_' or '-' starting with a letter"
                      + " or digit",
                  1L));
      assertThat(report.refused().get("tasks"))
          .containsEntry("its user was refused", 1L)
          .containsEntry("status: not pending, in_progress or completed", 1L)
          .containsEntry("title: blank or longer than 255 characters", 1L)
          .hasSize(4);
      assertThat(report.refused().get("tasks").keySet())
          .anySatisfy(reason -> assertThat(reason).startsWith("recurrence_rule: "));
      assertThat(report.refused().get("tags")).containsExactly(Map.entry("color: not #RRGGBB", 1L));
      assertThat(report.refused().get("task_tags"))
          .containsExactly(Map.entry("its task was refused", 1L));
      assertThat(report.refused().get("messages"))
          .containsOnlyKeys(
              "role: a tool message needs the id of the call it answers, which the SQLModel"
                  + " schema does not keep",
              "tool_calls: only an assistant message carries tool calls");
      assertThat(report.imported().users()).isEqualTo(1);
      assertThat(report.imported().rows("tasks")).isEqualTo(3);

      Task milkTask = db.tasks().get(alice, milk);
      assertThat(milkTask.title()).isEqualTo("Buy milk");
      assertThat(milkTask.dueAt()).isEqualTo(Instant.parse("2025-02-01T10:00:00Z"));
      Task doneTask = db.tasks().get(alice, done);
      assertThat(doneTask.status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(doneTask.completedAt()).isEqualTo(Instant.parse("2025-01-27T09:00:00Z"));
      assertThat(db.tasks().get(alice, weekly).recurrence()).isNotNull();
      assertThat(db.tags().list(alice))
          .singleElement()
          .satisfies(
              tag -> {
                assertThat(tag.tag().name()).isEqualTo("work");
                assertThat(tag.tag().color()).isEqualTo("#007bff");
              });
      assertThat(db.conversations().get(alice, chat).title()).isEqualTo("New conversation");
      assertThat(count("SELECT last_message_seq FROM conversations WHERE id = ?", chat))
          .isEqualTo(3);
      assertThat(count("SELECT max(seq) FROM messages WHERE conversation_id = ?", chat))
          .isEqualTo(3);
    }
  }

  @Test
  void theTextVariantDerivesStableIdsReadsNaiveTimesAsUtcAndTurnsRemindAtIntoReminders() {
    try (TestDatabase source = TestDatabase.empty()) {
      run(source, TEXT_VARIANT);
      UUID chat = UUID.randomUUID();
      run(
          source,
          "INSERT INTO users VALUES ('user-1', 'bob_sqlmodel', 'bob@sqlmodel.example', 'h', true,"
              + " '2025-01-31 08:00:00', '2025-01-31 08:00:00');"
              + " INSERT INTO tasks (id, user_id, title, is_complete, created_at, updated_at,"
              + " due_date, remind_at) VALUES"
              + " ('task-1', 'user-1', 'Team meeting', false, '2025-01-31 08:00:00',"
              + " '2025-01-31 08:00:00', '2025-02-01 14:00:00', '2025-02-01 13:30:00'),"
              + " ('task-2', 'user-1', 'Done thing', true, '2025-01-31 08:00:00',"
              + " '2025-01-31 09:00:00', NULL, '2025-02-01 13:30:00');"
              + " INSERT INTO tags VALUES ('tag-1', 'user-1', 'home', '#00FF00',"
              + " '2025-01-31 08:00:00', '2025-01-31 08:00:00');"
              + " INSERT INTO task_tags VALUES ('task-1', 'tag-1', '2025-01-31 08:00:00');"
              + " INSERT INTO recurring_tasks VALUES ('rt-1', 'user-1', 'Weekly team meeting',"
              + " 'Sync', 'high', '{\"frequency\": \"weekly\", \"interval\": 1, \"days\":"
              + " [\"mon\"]}', '2025-02-03 10:00:00', true, '2025-01-31 08:00:00',"
              + " '2025-01-31 08:00:00'),"
              + " ('rt-2', 'user-1', 'Odd', NULL, 'critical', '{\"frequency\": \"daily\"}',"
              + " NULL, true, NULL, NULL);"
              + " INSERT INTO conversations VALUES ('"
              + chat
              + "', 'user-1', 'Plans',"
              + " '2025-01-31 08:00:00', '2025-01-31 08:05:00');"
              + " INSERT INTO messages VALUES (gen_random_uuid(), '"
              + chat
              + "', 'user-1',"
              + " 'system', 'You are helpful', NULL, '2025-01-31 08:00:01')");

      SqlModelReport report = SqlModelImport.from(source.dataSource()).into(db);

      assertThat(report.mapped())
          .containsEntry("users", 1L)
          .containsEntry("tasks", 2L)
          .containsEntry("reminders", 2L)
          .containsEntry("tags", 1L)
          .containsEntry("task_tags", 1L)
          .containsEntry("recurring_tasks", 1L)
          .containsEntry("messages", 1L);
      assertThat(report.refused())
          .containsOnlyKeys("recurring_tasks")
          .containsEntry(
              "recurring_tasks", Map.of("priority: not low, medium, high or urgent", 1L));

      UUID bob = SqlModelImport.uuid("users", "user-1");
      UUID meeting = SqlModelImport.uuid("tasks", "task-1");
      assertThat(db.users().get(bob).username()).isEqualTo("bob_sqlmodel");
      Task task = db.tasks().get(bob, meeting);
      assertThat(task.dueAt()).isEqualTo(Instant.parse("2025-02-01T14:00:00Z"));
      assertThat(task.createdAt()).isEqualTo(Instant.parse("2025-01-31T08:00:00Z"));
      List<Reminder> reminders = db.reminders().list(bob, meeting);
      assertThat(reminders)
          .singleElement()
          .satisfies(r -> assertThat(r.fireAt()).isEqualTo(Instant.parse("2025-02-01T13:30:00Z")));
      assertThat(
              count("SELECT count(*) FROM reminders WHERE user_id = ? AND state = 'canceled'", bob))
          .isEqualTo(1);
      assertThat(db.tags().tagsOf(bob, meeting))
          .singleElement()
          .satisfies(tag -> assertThat(tag.name()).isEqualTo("home"));
      assertThat(db.recurring().list(bob))
          .singleElement()
          .satisfies(t -> assertThat(t.title()).isEqualTo("Weekly team meeting"));

      // The same source again: the ids are the same, so the user is refused, not duplicated.
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> SqlModelImport.from(source.dataSource()).into(db))
          .isInstanceOf(io.todokit.dao.DuplicateException.class);
      assertThat(count("SELECT count(*) FROM users WHERE username = 'bob_sqlmodel'")).isEqualTo(1);
    }
  }
}
