package io.todokit.bench.dao;

import static io.todokit.bench.dao.TwinRows.cursor;
import static io.todokit.bench.dao.TwinRows.instant;
import static io.todokit.bench.dao.TwinRows.message;
import static io.todokit.bench.dao.TwinRows.setTimeouts;
import static io.todokit.bench.dao.TwinRows.tasks;
import static io.todokit.bench.dao.TwinRows.time;

import io.todokit.dao.NotFoundException;
import io.todokit.dao.Page;
import io.todokit.dao.PageRequest;
import io.todokit.dao.conversations.Message;
import io.todokit.dao.recurring.MaterializeResult;
import io.todokit.dao.tags.Tag;
import io.todokit.dao.tasks.Completion;
import io.todokit.dao.tasks.Priority;
import io.todokit.dao.tasks.Task;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

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

  private final DataSource dataSource;

  private final JdbcWriteTwin writes;

  JdbcTwin(DataSource dataSource) {
    this.dataSource = dataSource;
    this.writes = new JdbcWriteTwin(dataSource);
  }

  // ------------------------------------------------------------------------------ writes

  Completion complete(UUID user, UUID taskId) throws SQLException {
    return writes.complete(user, taskId);
  }

  MaterializeResult materializeDue(Instant now, int limit) throws SQLException {
    return writes.materializeDue(now, limit);
  }

  Message appendUserMessage(UUID user, UUID conversation, String content) throws SQLException {
    return writes.appendUserMessage(user, conversation, content);
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
    return Page.of(items, PageRequest.after(cursor(user, items.get(limit - 1)), limit));
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
        Task task = JdbcWriteTwin.insertTask(c, user, id, title, null, priority, dueAt, null, now);
        Set<UUID> attached = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(JdbcWriteTwin.INSERT_TASK_TAGS)) {
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
}
