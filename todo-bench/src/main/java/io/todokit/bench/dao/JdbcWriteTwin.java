package io.todokit.bench.dao;

import static io.todokit.bench.dao.JdbcTwin.MESSAGE_COLUMNS;
import static io.todokit.bench.dao.JdbcTwin.TASK_COLUMNS;
import static io.todokit.bench.dao.TwinRows.message;
import static io.todokit.bench.dao.TwinRows.priority;
import static io.todokit.bench.dao.TwinRows.priorityName;
import static io.todokit.bench.dao.TwinRows.setTime;
import static io.todokit.bench.dao.TwinRows.setTimeouts;
import static io.todokit.bench.dao.TwinRows.task;
import static io.todokit.bench.dao.TwinRows.tasks;
import static io.todokit.bench.dao.TwinRows.template;
import static io.todokit.bench.dao.TwinRows.time;

import io.todokit.dao.NotFoundException;
import io.todokit.dao.RecurrenceJson;
import io.todokit.dao.conversations.Message;
import io.todokit.dao.recurring.MaterializeResult;
import io.todokit.dao.recurring.MissedPolicy;
import io.todokit.dao.recurring.RecurringTask;
import io.todokit.dao.tasks.Completion;
import io.todokit.dao.tasks.Priority;
import io.todokit.dao.tasks.Task;
import io.todokit.recurrence.RecurrenceSpec;
import io.todokit.recurrence.Schedule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The write half of {@link JdbcTwin}: completing a task, materializing due templates and appending
 * a message, each with the statements the DAO runs, in one transaction.
 */
final class JdbcWriteTwin {

  static final String INSERT_TASK =
      "insert into \"todokit\".\"tasks\" (\"user_id\", \"id\", \"title\", \"description\", \"priority\","
          + " \"due_at\", \"recurrence_rule\", \"created_at\", \"updated_at\")"
          + " values (cast(? as uuid), cast(? as uuid), ?, ?, cast(? as \"todokit\".\"task_priority\"), cast(?"
          + " as timestamp with time zone), cast(? as jsonb),"
          + " cast(? as timestamp with time zone), cast(? as timestamp with time zone)) returning "
          + TASK_COLUMNS;

  static final String INSERT_TASK_TAGS =
      "insert into \"todokit\".\"task_tags\" as \"tagged\" (\"user_id\", \"task_id\", \"tag_id\", \"created_at\") select"
          + " \"todokit\".\"tags\".\"user_id\", cast(? as uuid), \"todokit\".\"tags\".\"id\", cast(? as timestamp with time"
          + " zone) from \"todokit\".\"tags\" where (\"todokit\".\"tags\".\"user_id\" = cast(? as uuid) and \"todokit\".\"tags\".\"id\""
          + " in (cast(? as uuid), cast(? as uuid))) returning \"tagged\".\"tag_id\"";

  static final String COMPLETE =
      "update \"todokit\".\"tasks\" set \"status\" = cast(? as \"todokit\".\"task_status\"), \"completed_at\" = cast(? as"
          + " timestamp with time zone), \"version\" = (\"todokit\".\"tasks\".\"version\" + ?), \"updated_at\""
          + " = cast(? as timestamp with time zone) from \"todokit\".\"users\" where (\"todokit\".\"users\".\"id\" ="
          + " \"todokit\".\"tasks\".\"user_id\" and \"todokit\".\"tasks\".\"user_id\" = cast(? as uuid) and"
          + " \"todokit\".\"tasks\".\"id\" = cast(? as uuid) and \"todokit\".\"tasks\".\"status\" <> cast('completed' as"
          + " \"todokit\".\"task_status\")) returning "
          + TASK_COLUMNS
          + ", \"todokit\".\"users\".\"time_zone\"";

  static final String SELECT_TASK =
      "select "
          + TASK_COLUMNS
          + " from \"todokit\".\"tasks\" where (\"todokit\".\"tasks\".\"user_id\" = cast(? as uuid)"
          + " and \"todokit\".\"tasks\".\"id\" = cast(? as uuid))";

  static final String COPY_TAGS =
      "insert into \"todokit\".\"task_tags\" as \"tagged\" (\"user_id\", \"task_id\", \"tag_id\", \"created_at\") select"
          + " \"todokit\".\"task_tags\".\"user_id\", cast(? as uuid), \"todokit\".\"task_tags\".\"tag_id\", cast(? as"
          + " timestamp with time zone) from \"todokit\".\"task_tags\" where (\"todokit\".\"task_tags\".\"user_id\" ="
          + " cast(? as uuid) and \"todokit\".\"task_tags\".\"task_id\" = cast(? as uuid))";

  /** The next task's reminders, copied from the completed one (absolute ones shifted). */
  static final String COPY_REMINDERS =
      "insert into \"todokit\".\"reminders\" (\"user_id\", \"task_id\", \"at\", \"before_due\", \"created_at\","
          + " \"updated_at\") select \"todokit\".\"reminders\".\"user_id\", cast(? as uuid),"
          + " \"todokit\".\"reminders\".\"at\" + cast(? as interval day to second), \"todokit\".\"reminders\".\"before_due\","
          + " cast(? as timestamp with time zone), cast(? as timestamp with time zone) from"
          + " \"todokit\".\"reminders\" where (\"todokit\".\"reminders\".\"user_id\" = cast(? as uuid) and"
          + " \"todokit\".\"reminders\".\"task_id\" = cast(? as uuid)) order by"
          + " \"todokit\".\"reminders\".\"created_at\", \"todokit\".\"reminders\".\"id\"";

  static final String DUE_TEMPLATES =
      "select \"todokit\".\"recurring_tasks\".\"id\", \"todokit\".\"recurring_tasks\".\"user_id\","
          + " \"todokit\".\"recurring_tasks\".\"title\", \"todokit\".\"recurring_tasks\".\"description\","
          + " \"todokit\".\"recurring_tasks\".\"priority\", \"todokit\".\"recurring_tasks\".\"recurrence_rule\","
          + " \"todokit\".\"recurring_tasks\".\"time_zone\", \"todokit\".\"recurring_tasks\".\"starts_at\","
          + " \"todokit\".\"recurring_tasks\".\"next_due_at\", \"todokit\".\"recurring_tasks\".\"missed_policy\","
          + " \"todokit\".\"recurring_tasks\".\"is_active\", \"todokit\".\"recurring_tasks\".\"created_at\","
          + " \"todokit\".\"recurring_tasks\".\"updated_at\", \"todokit\".\"recurring_tasks\".\"end_reason\","
          + " (SELECT array_agg((extract(EPOCH FROM r.d) * 1000000)::bigint ORDER BY r.o) FROM"
          + " unnest(\"todokit\".\"recurring_tasks\".\"reminders_before_due\") WITH ORDINALITY AS r(d, o))"
          + " as \"reminders_before_due_us\" from"
          + " \"todokit\".\"recurring_tasks\" where (\"todokit\".\"recurring_tasks\".\"is_active\" and"
          + " \"todokit\".\"recurring_tasks\".\"next_due_at\" <= cast(? as timestamp with time zone) and"
          + " ((\"todokit\".\"recurring_tasks\".\"time_zone\" = 'UTC' OR \"todokit\".\"recurring_tasks\".\"time_zone\" ~"
          + " '^[A-Za-z]+(/[A-Za-z0-9_+-]+)+$') AND NOT \"todokit\".\"todokit_is_blank\"(\"todokit\".\"recurring_tasks\".\"title\")))"
          + " order by \"todokit\".\"recurring_tasks\".\"next_due_at\" fetch next ? rows only for update skip"
          + " locked";

  private static final String OCCURRENCE_VALUES =
      "(cast(? as uuid), cast(? as uuid), ?, ?, cast(? as \"todokit\".\"task_priority\"), cast(? as timestamp"
          + " with time zone), cast(? as uuid), cast(? as timestamp with time zone), cast(? as"
          + " timestamp with time zone), cast(? as timestamp with time zone))";

  static String insertOccurrences(int rows) {
    return "insert into \"todokit\".\"tasks\" (\"user_id\", \"id\", \"title\", \"description\", \"priority\","
        + " \"due_at\", \"template_id\", \"occurrence_at\", \"created_at\", \"updated_at\") values "
        + String.join(", ", Collections.nCopies(rows, OCCURRENCE_VALUES))
        + " on conflict (\"user_id\", \"template_id\", \"occurrence_at\") where \"template_id\" is"
        + " not null do nothing returning "
        + TASK_COLUMNS;
  }

  static final String ADVANCE_TEMPLATE =
      "update \"todokit\".\"recurring_tasks\" set \"next_due_at\" = cast(? as timestamp with time zone),"
          + " \"updated_at\" = cast(? as timestamp with time zone) where"
          + " (\"todokit\".\"recurring_tasks\".\"user_id\" = cast(? as uuid) and \"todokit\".\"recurring_tasks\".\"id\" ="
          + " cast(? as uuid))";

  /**
   * A template whose rule ended (not compared with the DAO's: the benchmark's rules do not end).
   */
  static final String END_TEMPLATE =
      "update \"todokit\".\"recurring_tasks\" set \"next_due_at\" = null, \"is_active\" = false,"
          + " \"end_reason\" = 'the rule ended', \"updated_at\" = cast(? as timestamp with time"
          + " zone) where (\"todokit\".\"recurring_tasks\".\"user_id\" = cast(? as uuid) and"
          + " \"todokit\".\"recurring_tasks\".\"id\" = cast(? as uuid))";

  static final String APPEND =
      "insert into \"todokit\".\"messages\" (\"user_id\", \"conversation_id\", \"id\", \"role\", \"content\","
          + " \"tool_calls\", \"tool_call_id\", \"created_at\") values (cast(? as uuid), cast(? as"
          + " uuid), cast(? as uuid), cast(? as \"todokit\".\"message_role\"), ?, cast(? as jsonb), ?, cast(?"
          + " as timestamp with time zone)) returning "
          + MESSAGE_COLUMNS;

  private final DataSource dataSource;

  JdbcWriteTwin(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  Completion complete(UUID user, UUID taskId) throws SQLException {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    UUID nextId = TwinIds.uuidV7(now);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      setTimeouts(c);
      try {
        Task completed;
        String zone;
        try (PreparedStatement s = c.prepareStatement(COMPLETE)) {
          s.setString(1, "completed");
          s.setObject(2, time(now));
          s.setLong(3, 1L);
          s.setObject(4, time(now));
          s.setObject(5, user);
          s.setObject(6, taskId);
          try (ResultSet r = s.executeQuery()) {
            if (!r.next()) {
              completed = null;
              zone = null;
            } else {
              completed = task(r);
              zone = r.getString(15);
            }
          }
        }
        Completion result;
        if (completed == null) {
          try (PreparedStatement s = c.prepareStatement(SELECT_TASK)) {
            s.setObject(1, user);
            s.setObject(2, taskId);
            List<Task> current = tasks(s);
            if (current.isEmpty()) {
              throw new NotFoundException("task", taskId);
            }
            result = new Completion(current.get(0), Optional.empty());
          }
        } else {
          RecurrenceSpec rule = completed.recurrence();
          Instant due = completed.dueAt();
          Optional<Instant> nextDue =
              rule == null || due == null
                  ? Optional.empty()
                  : rule.nextInSeries(due, ZoneId.of(java.util.Objects.requireNonNull(zone)), now);
          if (nextDue.isEmpty() || rule == null || due == null) {
            result = new Completion(completed, Optional.empty());
          } else {
            Task next =
                insertTask(
                    c,
                    user,
                    nextId,
                    completed.title(),
                    completed.description(),
                    completed.priority(),
                    nextDue.get(),
                    rule.forNextInSeries(),
                    now);
            try (PreparedStatement s = c.prepareStatement(COPY_TAGS)) {
              s.setObject(1, nextId);
              s.setObject(2, time(now));
              s.setObject(3, user);
              s.setObject(4, taskId);
              s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(COPY_REMINDERS)) {
              s.setObject(1, nextId);
              s.setObject(
                  2,
                  new org.postgresql.util.PGInterval(
                      0, 0, 0, 0, 0, Duration.between(due, nextDue.get()).toNanos() / 1e9));
              s.setObject(3, time(now));
              s.setObject(4, time(now));
              s.setObject(5, user);
              s.setObject(6, taskId);
              s.executeUpdate();
            }
            result = new Completion(completed, Optional.of(next));
          }
        }
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  MaterializeResult materializeDue(Instant now, int limit) throws SQLException {
    Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      setTimeouts(c);
      try {
        List<RecurringTask> due = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(DUE_TEMPLATES)) {
          s.setObject(1, time(now));
          s.setInt(2, limit);
          try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
              due.add(template(r));
            }
          }
        }
        List<Task> created = new ArrayList<>();
        List<UUID> deactivated = new ArrayList<>();
        List<UUID> backlogged = new ArrayList<>();
        for (RecurringTask template : due) {
          // Each template under a savepoint of its own, as the DAO isolates them.
          java.sql.Savepoint savepoint = c.setSavepoint("todokit_template");
          Schedule schedule = template.recurrence().schedule(template.dtstart());
          Instant from = java.util.Objects.requireNonNull(template.nextDueAt());
          List<Instant> toCreate;
          if (template.missedPolicy() == MissedPolicy.LATEST) {
            toCreate = schedule.latestIn(from, now).map(List::of).orElse(List.of());
          } else {
            toCreate = schedule.in(from, now, 1_001);
            if (toCreate.size() > 1_000) {
              toCreate = toCreate.subList(0, 1_000);
              backlogged.add(template.id());
            }
          }
          Optional<Instant> next = schedule.after(toCreate.isEmpty() ? now : toCreate.getLast());
          if (!toCreate.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement(insertOccurrences(toCreate.size()))) {
              int i = 0;
              for (Instant occurrence : toCreate) {
                OffsetDateTime at = time(occurrence);
                s.setObject(++i, template.userId());
                s.setObject(++i, TwinIds.uuidV7(createdAt));
                s.setString(++i, template.title());
                s.setString(++i, template.description());
                s.setString(++i, priorityName(template.priority()));
                s.setObject(++i, at);
                s.setObject(++i, template.id());
                s.setObject(++i, at);
                s.setObject(++i, time(createdAt));
                s.setObject(++i, time(createdAt));
              }
              created.addAll(tasks(s));
            }
          }
          if (next.isEmpty()) {
            deactivated.add(template.id());
          }
          if (next.isPresent()) {
            try (PreparedStatement s = c.prepareStatement(ADVANCE_TEMPLATE)) {
              s.setObject(1, time(next.get()));
              s.setObject(2, time(createdAt));
              s.setObject(3, template.userId());
              s.setObject(4, template.id());
              s.executeUpdate();
            }
          } else {
            try (PreparedStatement s = c.prepareStatement(END_TEMPLATE)) {
              s.setObject(1, time(createdAt));
              s.setObject(2, template.userId());
              s.setObject(3, template.id());
              s.executeUpdate();
            }
          }
          c.releaseSavepoint(savepoint);
        }
        c.commit();
        return new MaterializeResult(
            created, deactivated, backlogged, List.of(), due.size(), limit);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  Message appendUserMessage(UUID user, UUID conversation, String content) throws SQLException {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    UUID id = TwinIds.uuidV7(now);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      setTimeouts(c);
      try {
        Message message;
        try (PreparedStatement s = c.prepareStatement(APPEND)) {
          s.setObject(1, user);
          s.setObject(2, conversation);
          s.setObject(3, id);
          s.setString(4, "user");
          s.setString(5, content);
          s.setNull(6, Types.OTHER);
          s.setNull(7, Types.VARCHAR);
          s.setObject(8, time(now));
          try (ResultSet r = s.executeQuery()) {
            r.next();
            message = message(r);
          }
        }
        c.commit();
        return message;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  // ----------------------------------------------------------------------------- helpers

  static Task insertTask(
      Connection c,
      UUID user,
      UUID id,
      String title,
      @Nullable String description,
      Priority priority,
      @Nullable Instant dueAt,
      @Nullable RecurrenceSpec rule,
      Instant now)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT_TASK)) {
      s.setObject(1, user);
      s.setObject(2, id);
      s.setString(3, title);
      s.setString(4, description);
      s.setString(5, priorityName(priority));
      setTime(s, 6, dueAt);
      s.setString(7, rule == null ? null : RecurrenceJson.format(rule));
      s.setObject(8, time(now));
      s.setObject(9, time(now));
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return task(r);
      }
    }
  }
}
