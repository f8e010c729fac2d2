package io.todokit.dao.portability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Rows in every portable table, written with plain SQL so that every column holds a value the DAOs
 * would not choose on their own (a leased and a delivered reminder, tool calls, an interval array,
 * microseconds, escapes).
 */
final class PortabilityFixtures {

  private final DataSource source;

  PortabilityFixtures(DataSource source) {
    this.source = source;
  }

  /** A user with a row in every table; {@code name} makes username and email unique. */
  UUID richUser(String name) {
    UUID user = UUID.randomUUID();
    UUID tag = UUID.randomUUID();
    UUID template = UUID.randomUUID();
    UUID fromTemplate = UUID.randomUUID();
    UUID done = UUID.randomUUID();
    UUID conversation = UUID.randomUUID();
    Instant t0 = Instant.parse("2026-01-05T08:00:00.123456Z");
    sql(
        "INSERT INTO users (id, username, email, password_hash, time_zone, is_active, created_at,"
            + " updated_at) VALUES (?, ?, ?, '$argon2id$v=19$x', 'Europe/Berlin', false, ?, ?)",
        user,
        name,
        name + "@Example.org",
        ts(t0),
        ts(t0.plusSeconds(1)));
    sql(
        "INSERT INTO tags (user_id, id, name, color, created_at, updated_at)"
            + " VALUES (?, ?, 'Work', '#FF0000', ?, ?)",
        user,
        tag,
        ts(t0),
        ts(t0));
    sql(
        "INSERT INTO recurring_tasks (user_id, id, title, description, priority, recurrence_rule,"
            + " time_zone, starts_at, next_due_at, missed_policy, is_active, reminders_before_due,"
            + " created_at, updated_at) VALUES (?, ?, 'Stand-up', 'daily\tsync', 'high',"
            + " '{\"frequency\": \"weekly\", \"interval\": 2, \"days\": [\"MO\", \"TH\"],"
            + " \"end_date\": null, \"x\": 1.50}'::jsonb, 'Europe/Berlin', ?, ?, 'all', true,"
            + " ARRAY[interval '15 minutes', interval '1 day 2 hours'], ?, ?)",
        user,
        template,
        ts(t0),
        ts(t0.plusSeconds(86_400)),
        ts(t0),
        ts(t0));
    sql(
        "INSERT INTO tasks (user_id, id, title, description, status, priority, due_at,"
            + " recurrence_rule, template_id, occurrence_at, version, created_at, updated_at)"
            + " VALUES (?, ?, 'Stand-up', 'line one\nline two \\ back \"quoted\" é 😀', 'in_progress',"
            + " 'urgent', ?, NULL, ?, ?, 3, ?, ?)",
        user,
        fromTemplate,
        ts(t0.plusSeconds(3_600)),
        template,
        ts(t0),
        ts(t0),
        ts(t0.plusMillis(1)));
    sql(
        "INSERT INTO tasks (user_id, id, title, status, completed_at, priority, due_at,"
            + " recurrence_rule, version, created_at, updated_at) VALUES (?, ?, 'Pay rent',"
            + " 'completed', ?, 'low', ?, '{\"frequency\": \"monthly\", \"interval\": 1}', 0, ?, ?)",
        user,
        done,
        ts(t0.plusSeconds(60)),
        ts(t0.plusSeconds(7_200)),
        ts(t0),
        ts(t0));
    sql(
        "INSERT INTO task_tags (user_id, task_id, tag_id, created_at) VALUES (?, ?, ?, ?)",
        user,
        fromTemplate,
        tag,
        ts(t0));
    UUID relative = UUID.randomUUID();
    UUID leased = UUID.randomUUID();
    UUID delivered = UUID.randomUUID();
    sql(
        "INSERT INTO reminders (user_id, id, task_id, before_due, created_at, updated_at)"
            + " VALUES (?, ?, ?, interval '15 minutes', ?, ?)",
        user,
        relative,
        fromTemplate,
        ts(t0),
        ts(t0));
    sql(
        "INSERT INTO reminders (user_id, id, task_id, at, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?)",
        user,
        leased,
        fromTemplate,
        ts(t0.plusSeconds(10)),
        ts(t0),
        ts(t0),
        user,
        delivered,
        fromTemplate,
        ts(t0.plusSeconds(20)),
        ts(t0),
        ts(t0));
    sql(
        "UPDATE reminders SET state = 'leased', lease_token = gen_random_uuid(), attempts = 2,"
            + " last_error = 'smtp: timeout', updated_at = ? WHERE user_id = ? AND id = ?",
        ts(t0.plusSeconds(30)),
        user,
        leased);
    sql(
        "UPDATE reminders SET state = 'delivered', next_attempt_at = NULL, attempts = 1,"
            + " delivered_at = ?, updated_at = ? WHERE user_id = ? AND id = ?",
        ts(t0.plusSeconds(21)),
        ts(t0.plusSeconds(21)),
        user,
        delivered);
    sql(
        "INSERT INTO conversations (user_id, id, title, created_at, updated_at)"
            + " VALUES (?, ?, 'Planning', ?, ?)",
        user,
        conversation,
        ts(t0),
        ts(t0));
    message(user, conversation, "user", "add a task", null, null, t0.plusSeconds(1));
    message(
        user,
        conversation,
        "assistant",
        "",
        "[{\"id\": \"call_1\", \"name\": \"add_task\", \"arguments\": \"{\\\"title\\\":\\\"x\\\"}\"}]",
        null,
        t0.plusSeconds(2));
    message(user, conversation, "tool", "{\"ok\":true}", null, "call_1", t0.plusSeconds(3));
    sql(
        "UPDATE conversations SET updated_at = ? WHERE user_id = ? AND id = ?",
        ts(t0.plusSeconds(5)),
        user,
        conversation);
    sql(
        "INSERT INTO task_effects (user_id, id, task_id, kind, conversation_id, message_id,"
            + " tool_call_id, idempotency_key, created_at)"
            + " VALUES (?, ?, ?, 'created', ?, NULL, 'call_1', 'key \"1\"', ?)",
        user,
        UUID.randomUUID(),
        done,
        conversation,
        ts(t0.plusSeconds(2)));
    return user;
  }

  /** {@code count} more tasks for a user, a fifth of them tagged and a tenth with a reminder. */
  void bulkTasks(UUID user, int count) {
    UUID tag = UUID.randomUUID();
    sql(
        "INSERT INTO tags (user_id, id, name, created_at, updated_at)"
            + " VALUES (?, ?, 'bulk', now(), now())",
        user,
        tag);
    sql(
        "INSERT INTO tasks (user_id, id, title, description, status, completed_at, priority,"
            + " due_at, version, created_at, updated_at)"
            + " SELECT ?, gen_random_uuid(), 'Task ' || g, CASE WHEN g % 3 = 0 THEN 'note ' || g END,"
            + " (CASE WHEN g % 4 = 0 THEN 'completed' ELSE 'pending' END)::task_status,"
            + " CASE WHEN g % 4 = 0 THEN timestamptz '2026-01-01' + g * interval '1 second' END,"
            + " (ARRAY['low', 'medium', 'high', 'urgent'])[1 + g % 4]::task_priority,"
            + " CASE WHEN g % 2 = 0 THEN timestamptz '2026-02-01' + g * interval '61.000123 s' END,"
            + " g % 7, timestamptz '2025-12-01' + g * interval '1.5 ms',"
            + " timestamptz '2025-12-02' + g * interval '1.5 ms'"
            + " FROM generate_series(1, ?) g",
        user, count);
    sql(
        "INSERT INTO task_tags (user_id, task_id, tag_id, created_at)"
            + " SELECT user_id, id, ?, created_at FROM tasks WHERE user_id = ? AND version = 1",
        tag,
        user);
    sql(
        "INSERT INTO reminders (user_id, id, task_id, before_due, created_at, updated_at)"
            + " SELECT user_id, gen_random_uuid(), id, interval '10 minutes', created_at, created_at"
            + " FROM tasks WHERE user_id = ? AND version = 2 AND due_at IS NOT NULL",
        user);
  }

  private void message(
      UUID user,
      UUID conversation,
      String role,
      String content,
      @Nullable String toolCalls,
      @Nullable String toolCallId,
      Instant at) {
    sql(
        "INSERT INTO messages (user_id, conversation_id, id, role, content, tool_calls,"
            + " tool_call_id, created_at) VALUES (?, ?, ?, ?::message_role, ?, ?::jsonb, ?, ?)",
        user,
        conversation,
        UUID.randomUUID(),
        role,
        content,
        toolCalls,
        toolCallId,
        ts(at));
  }

  private static OffsetDateTime ts(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  int sql(String sql, Object... parameters) {
    try (Connection connection = source.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
