package io.todokit.bench.dao;

import static io.todokit.bench.dao.JdbcTwin.TASK_COLUMNS;
import static io.todokit.bench.dao.TwinRows.priorityName;
import static io.todokit.bench.dao.TwinRows.setTime;
import static io.todokit.bench.dao.TwinRows.setTimeouts;
import static io.todokit.bench.dao.TwinRows.task;
import static io.todokit.bench.dao.TwinRows.time;

import io.todokit.dao.NotFoundException;
import io.todokit.dao.tasks.NewTask;
import io.todokit.dao.tasks.Task;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The JDBC twins of the batch writes: {@code createAll} with the DAO's statements (tags locked, one
 * multi-row INSERT of the tasks, one of the tag links), and 1,000 single creates in one transaction
 * (the statements of {@code create}, without savepoints). Tasks without rules or reminders only, as
 * the benchmark creates them.
 */
final class JdbcBatchTwin {

  static final String LOCK_TAGS =
      "select \"todokit\".\"tags\".\"id\" from \"todokit\".\"tags\" where (\"todokit\".\"tags\".\"user_id\" ="
          + " cast(? as uuid) and \"todokit\".\"tags\".\"id\" = any (cast(? as uuid[]))) for key share";

  private static final String TASK_VALUES =
      "(cast(? as uuid), cast(? as uuid), ?, ?, cast(? as \"todokit\".\"task_priority\"), cast(? as"
          + " timestamp with time zone), cast(? as jsonb), cast(? as timestamp with time zone), cast(?"
          + " as timestamp with time zone))";

  private static final String LINK_VALUES =
      "(cast(? as uuid), cast(? as uuid), cast(? as uuid), cast(? as timestamp with time zone))";

  /** The multi-row INSERT of {@code rows} tasks, as {@code createAll} sends it. */
  static String insertTasks(int rows) {
    return "insert into \"todokit\".\"tasks\" (\"user_id\", \"id\", \"title\", \"description\", \"priority\","
        + " \"due_at\", \"recurrence_rule\", \"created_at\", \"updated_at\") values "
        + String.join(", ", Collections.nCopies(rows, TASK_VALUES))
        + " returning "
        + TASK_COLUMNS;
  }

  /** The multi-row INSERT of {@code rows} tag links, as {@code createAll} sends it. */
  static String insertLinks(int rows) {
    return "insert into \"todokit\".\"task_tags\" (\"user_id\", \"task_id\", \"tag_id\", \"created_at\")"
        + " values "
        + String.join(", ", Collections.nCopies(rows, LINK_VALUES));
  }

  private final DataSource dataSource;

  JdbcBatchTwin(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** {@code createAll} of up to 1,000 tasks (one INSERT of tasks, at most 4,000 links). */
  List<Task> createAll(UUID user, List<NewTask> tasks) throws SQLException {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<UUID> ids = new ArrayList<>(tasks.size());
    for (int i = 0; i < tasks.size(); i++) {
      ids.add(TwinIds.uuidV7(now));
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      setTimeouts(c);
      try {
        Set<UUID> wanted = new LinkedHashSet<>();
        int links = 0;
        for (NewTask task : tasks) {
          wanted.addAll(task.tagIds());
          links += task.tagIds().size();
        }
        if (!wanted.isEmpty()) {
          Set<UUID> found = new HashSet<>();
          try (PreparedStatement s = c.prepareStatement(LOCK_TAGS)) {
            s.setObject(1, user);
            s.setArray(2, c.createArrayOf("uuid", wanted.toArray()));
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                found.add(r.getObject(1, UUID.class));
              }
            }
          }
          for (UUID tag : wanted) {
            if (!found.contains(tag)) {
              throw new NotFoundException("tag", tag);
            }
          }
        }
        Map<UUID, Task> created = new HashMap<>(tasks.size() * 2);
        try (PreparedStatement s = c.prepareStatement(insertTasks(tasks.size()))) {
          int p = 1;
          for (int i = 0; i < tasks.size(); i++) {
            NewTask task = tasks.get(i);
            s.setObject(p++, user);
            s.setObject(p++, ids.get(i));
            s.setString(p++, task.title());
            s.setString(p++, task.description());
            s.setString(p++, priorityName(task.priority()));
            setTime(s, p++, task.dueAt());
            s.setString(p++, null);
            s.setObject(p++, time(now));
            s.setObject(p++, time(now));
          }
          try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
              Task task = task(r);
              created.put(task.id(), task);
            }
          }
        }
        if (links > 0) {
          try (PreparedStatement s = c.prepareStatement(insertLinks(links))) {
            int p = 1;
            for (int i = 0; i < tasks.size(); i++) {
              for (UUID tag : tasks.get(i).tagIds()) {
                s.setObject(p++, user);
                s.setObject(p++, ids.get(i));
                s.setObject(p++, tag);
                s.setObject(p++, time(now));
              }
            }
            s.executeUpdate();
          }
        }
        c.commit();
        List<Task> inOrder = new ArrayList<>(ids.size());
        for (UUID id : ids) {
          inOrder.add(created.get(id));
        }
        return inOrder;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /** One {@code create} per task (two tags each), all in one transaction on one connection. */
  List<Task> createEachInOneTransaction(UUID user, List<NewTask> tasks) throws SQLException {
    List<Task> created = new ArrayList<>(tasks.size());
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      setTimeouts(c);
      try {
        for (NewTask task : tasks) {
          Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
          UUID id = TwinIds.uuidV7(now);
          created.add(
              JdbcWriteTwin.insertTask(
                  c, user, id, task.title(), null, task.priority(), task.dueAt(), null, now));
          Set<UUID> attached = new HashSet<>();
          try (PreparedStatement s = c.prepareStatement(JdbcWriteTwin.INSERT_TASK_TAGS)) {
            s.setObject(1, id);
            s.setObject(2, time(now));
            s.setObject(3, user);
            s.setObject(4, task.tagIds().get(0));
            s.setObject(5, task.tagIds().get(1));
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                attached.add(r.getObject(1, UUID.class));
              }
            }
          }
          for (UUID tag : task.tagIds()) {
            if (!attached.contains(tag)) {
              throw new NotFoundException("tag", tag);
            }
          }
        }
        c.commit();
        return created;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }
}
