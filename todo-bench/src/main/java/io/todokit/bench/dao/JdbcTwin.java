package io.todokit.bench.dao;

import io.todokit.dao.NotFoundException;
import io.todokit.dao.Page;
import io.todokit.dao.PageRequest;
import io.todokit.dao.RecurrenceJson;
import io.todokit.dao.conversations.Message;
import io.todokit.dao.conversations.MessageRole;
import io.todokit.dao.conversations.ToolCall;
import io.todokit.dao.recurring.MaterializeResult;
import io.todokit.dao.recurring.MissedPolicy;
import io.todokit.dao.recurring.RecurringTask;
import io.todokit.dao.tags.Tag;
import io.todokit.dao.tasks.Completion;
import io.todokit.dao.tasks.Priority;
import io.todokit.dao.tasks.Task;
import io.todokit.dao.tasks.TaskStatus;
import io.todokit.recurrence.RecurrenceSpec;
import io.todokit.recurrence.Schedule;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The floor each DAO path is measured against: the exact SQL the DAO sends (captured with a jOOQ
 * {@code ExecuteListener}, see {@link PlansMain}; {@code DaoBenchmarkSmokeTest} checks it is still
 * the same), through plain {@link PreparedStatement}s with {@code ?} parameters, mapped by hand
 * into the DAO's own record types. Writes run the same statements in one transaction. Stateless and
 * thread-safe.
 */
final class JdbcTwin {

  /**
   * What every todokit transaction sends first (its statement and lock timeouts): the twin's writes
   * send it too, so that the comparison is of equal work.
   */
  static final String SET_TIMEOUTS =
      "select set_config('statement_timeout', ?, true), set_config('lock_timeout', ?, true)";

  static final String TASK_COLUMNS =
      "\"todokit\".\"tasks\".\"id\", \"todokit\".\"tasks\".\"user_id\", \"todokit\".\"tasks\".\"title\", \"todokit\".\"tasks\".\"description\","
          + " \"todokit\".\"tasks\".\"status\", \"todokit\".\"tasks\".\"priority\", \"todokit\".\"tasks\".\"due_at\","
          + " \"todokit\".\"tasks\".\"completed_at\","
          + " \"todokit\".\"tasks\".\"recurrence_rule\", \"todokit\".\"tasks\".\"template_id\", \"todokit\".\"tasks\".\"occurrence_at\","
          + " \"todokit\".\"tasks\".\"version\", \"todokit\".\"tasks\".\"created_at\", \"todokit\".\"tasks\".\"updated_at\"";

  private static final String BY_DUE =
      " order by \"todokit\".\"tasks\".\"due_at\" asc nulls last, \"todokit\".\"tasks\".\"created_at\" asc,"
          + " \"todokit\".\"tasks\".\"id\" asc";

  static final String OVERDUE =
      "select "
          + TASK_COLUMNS
          + " from \"todokit\".\"tasks\" where (\"todokit\".\"tasks\".\"user_id\" = cast(? as uuid)"
          + " and \"todokit\".\"tasks\".\"status\" <> cast('completed' as \"todokit\".\"task_status\")"
          + " and \"todokit\".\"tasks\".\"due_at\" < cast(? as timestamp with time zone))"
          + BY_DUE;

  static final String USER_ZONE =
      "select \"todokit\".\"users\".\"time_zone\" from \"todokit\".\"users\" where \"todokit\".\"users\".\"id\" = cast(? as uuid)";

  static final String DUE_TODAY =
      "select "
          + TASK_COLUMNS
          + " from \"todokit\".\"tasks\" where (\"todokit\".\"tasks\".\"user_id\" = cast(? as uuid)"
          + " and \"todokit\".\"tasks\".\"status\" <> cast('completed' as \"todokit\".\"task_status\")"
          + " and \"todokit\".\"tasks\".\"due_at\" >= cast(? as timestamp with time zone)"
          + " and \"todokit\".\"tasks\".\"due_at\" < cast(? as timestamp with time zone))"
          + BY_DUE;

  static final String BY_TAG =
      "select "
          + TASK_COLUMNS
          + " from \"todokit\".\"tasks\" join \"todokit\".\"task_tags\" on (\"todokit\".\"task_tags\".\"user_id\""
          + " = \"todokit\".\"tasks\".\"user_id\" and \"todokit\".\"task_tags\".\"task_id\" = \"todokit\".\"tasks\".\"id\") where"
          + " (\"todokit\".\"task_tags\".\"user_id\" = cast(? as uuid) and \"todokit\".\"task_tags\".\"tag_id\" = cast(? as"
          + " uuid) and \"todokit\".\"tasks\".\"user_id\" = cast(? as uuid))"
          + BY_DUE;

  static final String TAG_EXISTS =
      "select exists (select 1 as \"one\" from \"todokit\".\"tags\" where (\"todokit\".\"tags\".\"user_id\" = cast(? as"
          + " uuid) and \"todokit\".\"tags\".\"id\" = cast(? as uuid)))";

  static final String TAGS_ANY =
      "select "
          + TASK_COLUMNS
          + " from \"todokit\".\"tasks\" where (\"todokit\".\"tasks\".\"user_id\" = cast(? as uuid)"
          + " and \"todokit\".\"tasks\".\"id\" in (select \"todokit\".\"task_tags\".\"task_id\" from \"todokit\".\"task_tags\" where"
          + " (\"todokit\".\"task_tags\".\"user_id\" = cast(? as uuid) and \"todokit\".\"task_tags\".\"tag_id\" in (cast(?"
          + " as uuid), cast(? as uuid)))))"
          + BY_DUE;

  static final String TAGS_ALL =
      "select "
          + TASK_COLUMNS
          + " from \"todokit\".\"tasks\" where (\"todokit\".\"tasks\".\"user_id\" = cast(? as uuid)"
          + " and \"todokit\".\"tasks\".\"id\" in (select \"todokit\".\"task_tags\".\"task_id\" from \"todokit\".\"task_tags\" where"
          + " (\"todokit\".\"task_tags\".\"user_id\" = cast(? as uuid) and \"todokit\".\"task_tags\".\"tag_id\" in (cast(?"
          + " as uuid), cast(? as uuid))) group by \"todokit\".\"task_tags\".\"task_id\" having count(*) = ?))"
          + BY_DUE;

  static final String TAGS_OF =
      "select \"todokit\".\"tags\".\"user_id\", \"todokit\".\"tags\".\"id\", \"todokit\".\"tags\".\"name\", \"todokit\".\"tags\".\"color\","
          + " \"todokit\".\"tags\".\"created_at\", \"todokit\".\"tags\".\"updated_at\", \"todokit\".\"tasks\".\"id\" as \"task_key\""
          + " from \"todokit\".\"tasks\" left outer join \"todokit\".\"task_tags\" on (\"todokit\".\"task_tags\".\"user_id\" ="
          + " \"todokit\".\"tasks\".\"user_id\" and \"todokit\".\"task_tags\".\"task_id\" = \"todokit\".\"tasks\".\"id\") left outer"
          + " join \"todokit\".\"tags\" on (\"todokit\".\"tags\".\"user_id\" = \"todokit\".\"task_tags\".\"user_id\" and"
          + " \"todokit\".\"tags\".\"id\" = \"todokit\".\"task_tags\".\"tag_id\") where (\"todokit\".\"tasks\".\"user_id\" = cast(? as"
          + " uuid) and \"todokit\".\"tasks\".\"id\" = cast(? as uuid)) order by lower(\"todokit\".\"tags\".\"name\"),"
          + " \"todokit\".\"tags\".\"id\"";

  static final String QUERY_OPEN =
      "select "
          + TASK_COLUMNS
          + " from \"todokit\".\"tasks\" where (\"todokit\".\"tasks\".\"user_id\" = cast(? as uuid)"
          + " and \"todokit\".\"tasks\".\"status\" <> cast('completed' as \"todokit\".\"task_status\")) order by"
          + " \"todokit\".\"tasks\".\"priority\" desc, \"todokit\".\"tasks\".\"due_at\" asc nulls last,"
          + " \"todokit\".\"tasks\".\"created_at\" asc, \"todokit\".\"tasks\".\"id\" asc fetch next ? rows only";

  static final String MESSAGE_COLUMNS =
      "\"todokit\".\"messages\".\"id\", \"todokit\".\"messages\".\"conversation_id\", \"todokit\".\"messages\".\"seq\","
          + " \"todokit\".\"messages\".\"role\", \"todokit\".\"messages\".\"content\", \"todokit\".\"messages\".\"tool_calls\","
          + " \"todokit\".\"messages\".\"tool_call_id\", \"todokit\".\"messages\".\"created_at\"";

  static final String LAST_MESSAGES =
      "select "
          + MESSAGE_COLUMNS
          + " from \"todokit\".\"messages\" where (\"todokit\".\"messages\".\"user_id\" = cast(?"
          + " as uuid) and \"todokit\".\"messages\".\"conversation_id\" = cast(? as uuid)) order by"
          + " \"todokit\".\"messages\".\"seq\" desc fetch next ? rows only";

  static final String CONVERSATION_EXISTS =
      "select exists (select 1 as \"one\" from \"todokit\".\"conversations\" where"
          + " (\"todokit\".\"conversations\".\"user_id\" = cast(? as uuid) and \"todokit\".\"conversations\".\"id\" ="
          + " cast(? as uuid)))";

  static final String INSERT_TASK =
      "insert into \"todokit\".\"tasks\" (\"user_id\", \"id\", \"title\", \"description\", \"priority\","
          + " \"due_at\", \"recurrence_rule\", \"created_at\", \"updated_at\")"
          + " values (cast(? as uuid), cast(? as uuid), ?, ?, cast(? as \"todokit\".\"task_priority\"), cast(?"
          + " as timestamp with time zone), cast(? as jsonb),"
          + " cast(? as timestamp with time zone), cast(? as timestamp with time zone)) returning "
          + TASK_COLUMNS;

  static final String INSERT_TASK_TAGS =
      "insert into \"todokit\".\"task_tags\" (\"user_id\", \"task_id\", \"tag_id\", \"created_at\") select"
          + " \"todokit\".\"tags\".\"user_id\", cast(? as uuid), \"todokit\".\"tags\".\"id\", cast(? as timestamp with time"
          + " zone) from \"todokit\".\"tags\" where (\"todokit\".\"tags\".\"user_id\" = cast(? as uuid) and \"todokit\".\"tags\".\"id\""
          + " in (cast(? as uuid), cast(? as uuid))) returning \"todokit\".\"task_tags\".\"tag_id\"";

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
      "insert into \"todokit\".\"task_tags\" (\"user_id\", \"task_id\", \"tag_id\", \"created_at\") select"
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
          + " \"todokit\".\"recurring_tasks\".\"updated_at\", \"todokit\".\"recurring_tasks\".\"end_reason\" from"
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

  JdbcTwin(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  // ------------------------------------------------------------------------------- reads

  List<Task> overdue(UUID user, Instant now) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(OVERDUE)) {
      s.setObject(1, user);
      s.setObject(2, time(now));
      return tasks(s);
    }
  }

  List<Task> dueToday(UUID user, Instant now) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      String zone;
      try (PreparedStatement s = c.prepareStatement(USER_ZONE)) {
        s.setObject(1, user);
        try (ResultSet r = s.executeQuery()) {
          if (!r.next()) {
            return List.of();
          }
          zone = r.getString(1);
        }
      }
      // The day's bounds with java.time, as the DAO computes them (gaps and overlaps at midnight).
      java.time.ZoneId id = java.time.ZoneId.of(zone);
      java.time.LocalDate today = now.atZone(id).toLocalDate();
      try (PreparedStatement s = c.prepareStatement(DUE_TODAY)) {
        s.setObject(1, user);
        s.setObject(2, time(today.atStartOfDay(id).toInstant()));
        s.setObject(3, time(today.plusDays(1).atStartOfDay(id).toInstant()));
        return tasks(s);
      }
    }
  }

  List<Task> byTag(UUID user, UUID tag) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(BY_TAG)) {
      s.setObject(1, user);
      s.setObject(2, tag);
      s.setObject(3, user);
      List<Task> tasks = tasks(s);
      if (tasks.isEmpty() && !exists(TAG_EXISTS, user, tag)) {
        throw new NotFoundException("tag", tag);
      }
      return tasks;
    }
  }

  List<Task> withTags(UUID user, UUID tag1, UUID tag2, boolean all) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(all ? TAGS_ALL : TAGS_ANY)) {
      s.setObject(1, user);
      s.setObject(2, user);
      s.setObject(3, tag1);
      s.setObject(4, tag2);
      if (all) {
        s.setInt(5, 2);
      }
      return tasks(s);
    }
  }

  List<Tag> tagsOf(UUID user, UUID task) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(TAGS_OF)) {
      s.setObject(1, user);
      s.setObject(2, task);
      List<Tag> tags = new ArrayList<>();
      boolean found = false;
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          found = true;
          UUID id = r.getObject(2, UUID.class);
          if (id != null) {
            tags.add(
                new Tag(
                    id,
                    r.getObject(1, UUID.class),
                    r.getString(3),
                    r.getString(4),
                    instant(r, 5),
                    instant(r, 6)));
          }
        }
      }
      if (!found) {
        throw new NotFoundException("task", task);
      }
      return List.copyOf(tags);
    }
  }

  Page<Task> openByPriority(UUID user, int limit) throws SQLException {
    List<Task> tasks;
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(QUERY_OPEN)) {
      s.setObject(1, user);
      s.setInt(2, limit + 1);
      tasks = tasks(s);
    }
    if (tasks.size() <= limit) {
      return Page.last(tasks);
    }
    List<Task> items = tasks.subList(0, limit);
    return Page.of(items, PageRequest.after(cursor(items.get(limit - 1)), limit));
  }

  List<Message> lastMessages(UUID user, UUID conversation, int n) throws SQLException {
    List<Message> newestFirst = new ArrayList<>(n);
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(LAST_MESSAGES)) {
      s.setObject(1, user);
      s.setObject(2, conversation);
      s.setInt(3, n);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          newestFirst.add(message(r));
        }
      }
    }
    if (newestFirst.isEmpty() && !exists(CONVERSATION_EXISTS, user, conversation)) {
      throw new NotFoundException("conversation", conversation);
    }
    Collections.reverse(newestFirst);
    return List.copyOf(newestFirst);
  }

  // ------------------------------------------------------------------------------ writes

  Task createWithTags(
      UUID user, String title, Priority priority, Instant dueAt, UUID tag1, UUID tag2)
      throws SQLException {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    UUID id = TwinIds.uuidV7(now);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      setTimeouts(c);
      try {
        Task task = insertTask(c, user, id, title, null, priority, dueAt, null, now);
        Set<UUID> attached = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(INSERT_TASK_TAGS)) {
          s.setObject(1, id);
          s.setObject(2, time(now));
          s.setObject(3, user);
          s.setObject(4, tag1);
          s.setObject(5, tag2);
          try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
              attached.add(r.getObject(1, UUID.class));
            }
          }
        }
        for (UUID tag : List.of(tag1, tag2)) {
          if (!attached.contains(tag)) {
            throw new NotFoundException("tag", tag);
          }
        }
        c.commit();
        return task;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
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

  private static Task insertTask(
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

  private boolean exists(String sql, UUID user, UUID id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, user);
      s.setObject(2, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() && r.getBoolean(1);
      }
    }
  }

  private static List<Task> tasks(PreparedStatement s) throws SQLException {
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

  private static RecurringTask template(ResultSet r) throws SQLException {
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
        r.getString(14));
  }

  private static Message message(ResultSet r) throws SQLException {
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

  private static @Nullable Instant instant(ResultSet r, int column) throws SQLException {
    OffsetDateTime value = r.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static void setTime(PreparedStatement s, int index, @Nullable Instant value)
      throws SQLException {
    if (value == null) {
      s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      s.setObject(index, time(value));
    }
  }

  private static TaskStatus status(String name) {
    return switch (name) {
      case "pending" -> TaskStatus.PENDING;
      case "in_progress" -> TaskStatus.IN_PROGRESS;
      case "completed" -> TaskStatus.COMPLETED;
      default -> throw new IllegalStateException("status " + name);
    };
  }

  private static Priority priority(String name) {
    return switch (name) {
      case "low" -> Priority.LOW;
      case "medium" -> Priority.MEDIUM;
      case "high" -> Priority.HIGH;
      case "urgent" -> Priority.URGENT;
      default -> throw new IllegalStateException("priority " + name);
    };
  }

  private static String priorityName(Priority priority) {
    return priority.name().toLowerCase(Locale.ROOT);
  }

  /** The cursor TaskDao.query hands out (the DAO's package-private TaskCursor, same format). */
  static String cursor(Task task) {
    String payload =
        "t1|"
            + task.priority().name()
            + '|'
            + (task.dueAt() == null ? "" : Long.toString(micros(task.dueAt())))
            + '|'
            + micros(task.createdAt())
            + '|'
            + task.id();
    CRC32 crc = new CRC32();
    crc.update(payload.getBytes(StandardCharsets.UTF_8));
    String text = payload + '|' + crc.getValue();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  /** todokit's default timeouts for the open transaction, as the DAOs set them. */
  private static void setTimeouts(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SET_TIMEOUTS)) {
      s.setString(1, "30000");
      s.setString(2, "5000");
      s.execute();
    }
  }
}
