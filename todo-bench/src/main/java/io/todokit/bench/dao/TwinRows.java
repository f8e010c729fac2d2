package io.todokit.bench.dao;

import static io.todokit.bench.dao.JdbcTwin.SET_TIMEOUTS;

import io.todokit.dao.RecurrenceJson;
import io.todokit.dao.conversations.Message;
import io.todokit.dao.conversations.MessageRole;
import io.todokit.dao.conversations.ToolCall;
import io.todokit.dao.recurring.MissedPolicy;
import io.todokit.dao.recurring.RecurringTask;
import io.todokit.dao.tasks.Priority;
import io.todokit.dao.tasks.Task;
import io.todokit.dao.tasks.TaskStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The twins' row mapping and parameter helpers, the same conversions the DAOs make. */
final class TwinRows {

  private TwinRows() {}

  static List<Task> tasks(PreparedStatement s) throws SQLException {
    List<Task> tasks = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        tasks.add(task(r));
      }
    }
    return tasks;
  }

  static Task task(ResultSet r) throws SQLException {
    String rule = r.getString(9);
    return new Task(
        r.getObject(1, UUID.class),
        r.getObject(2, UUID.class),
        r.getString(3),
        r.getString(4),
        status(r.getString(5)),
        priority(r.getString(6)),
        instant(r, 7),
        instant(r, 8),
        rule == null ? null : RecurrenceJson.parse(rule),
        r.getObject(10, UUID.class),
        instant(r, 11),
        r.getLong(12),
        instant(r, 13),
        instant(r, 14));
  }

  static RecurringTask template(ResultSet r) throws SQLException {
    return new RecurringTask(
        r.getObject(1, UUID.class),
        r.getObject(2, UUID.class),
        r.getString(3),
        r.getString(4),
        priority(r.getString(5)),
        RecurrenceJson.parse(r.getString(6)),
        ZoneId.of(r.getString(7)),
        instant(r, 8),
        instant(r, 9),
        MissedPolicy.valueOf(r.getString(10).toUpperCase(Locale.ROOT)),
        r.getBoolean(11),
        instant(r, 12),
        instant(r, 13),
        r.getString(14),
        List.of()); // the dataset's templates have no reminders
  }

  static Message message(ResultSet r) throws SQLException {
    return new Message(
        r.getObject(1, UUID.class),
        r.getObject(2, UUID.class),
        r.getLong(3),
        MessageRole.valueOf(r.getString(4).toUpperCase(Locale.ROOT)),
        r.getString(5),
        toolCalls(r.getString(6)),
        r.getString(7),
        instant(r, 8));
  }

  static @Nullable Instant instant(ResultSet r, int column) throws SQLException {
    OffsetDateTime value = r.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  static void setTime(PreparedStatement s, int index, @Nullable Instant value) throws SQLException {
    if (value == null) {
      s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      s.setObject(index, time(value));
    }
  }

  static TaskStatus status(String name) {
    return switch (name) {
      case "pending" -> TaskStatus.PENDING;
      case "in_progress" -> TaskStatus.IN_PROGRESS;
      case "completed" -> TaskStatus.COMPLETED;
      default -> throw new IllegalStateException("status " + name);
    };
  }

  static Priority priority(String name) {
    return switch (name) {
      case "low" -> Priority.LOW;
      case "medium" -> Priority.MEDIUM;
      case "high" -> Priority.HIGH;
      case "urgent" -> Priority.URGENT;
      default -> throw new IllegalStateException("priority " + name);
    };
  }

  static String priorityName(Priority priority) {
    return priority.name().toLowerCase(Locale.ROOT);
  }

  /** The cursor TaskDao.query hands out (the DAO's package-private TaskCursor, same format). */
  /** The list a twin's cursors are sealed for: the DAO digests the query's filters per call. */
  private static final String OPEN_BY_PRIORITY = "tasks:open-by-priority";

  /**
   * The cursor after {@code task}, sealed with the DAO's default key as the DAO seals its own (the
   * sort key, an HMAC of user, list and key). Not openable by the DAO: its list is a fixed name,
   * where the DAO's is a digest of the query's filters (one SHA-256 of ~100 bytes more per call).
   */
  static String cursor(UUID user, Task task) {
    String payload =
        "t2|"
            + task.priority().name()
            + '|'
            + (task.dueAt() == null ? "" : Long.toString(micros(task.dueAt())))
            + '|'
            + micros(task.createdAt())
            + '|'
            + task.id();
    return CURSORS.seal(user, OPEN_BY_PRIORITY, payload);
  }

  private static final io.todokit.dao.internal.CursorCodec CURSORS =
      io.todokit.dao.internal.CursorCodec.defaultKey();

  static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  /** todokit's default timeouts for the open transaction, as the DAOs set them. */
  static void setTimeouts(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SET_TIMEOUTS)) {
      s.setString(1, "30000");
      s.setString(2, "5000");
      s.execute();
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** OpenAI's tool_calls array, as the DAO stores it. */
  private static List<ToolCall> toolCalls(@Nullable String json) throws SQLException {
    if (json == null) {
      return List.of();
    }
    try {
      List<ToolCall> calls = new ArrayList<>();
      for (com.fasterxml.jackson.databind.JsonNode call : JSON.readTree(json)) {
        calls.add(
            ToolCall.of(
                call.path("id").asText(""),
                call.path("function").path("name").asText(""),
                call.path("function").path("arguments").asText("{}")));
      }
      return List.copyOf(calls);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new SQLException(e);
    }
  }
}
