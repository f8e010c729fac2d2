package io.todokit.dao.tasks;

import static io.todokit.schema.jooq.Tables.REMINDERS;
import static io.todokit.schema.jooq.Tables.TAGS;
import static io.todokit.schema.jooq.Tables.TASKS;
import static io.todokit.schema.jooq.Tables.TASK_TAGS;

import io.todokit.dao.NotFoundException;
import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.DaoContext;
import io.todokit.dao.internal.TaskReminders;
import io.todokit.dao.internal.TaskRows;
import io.todokit.dao.reminders.ReminderSpec;
import io.todokit.recurrence.RecurrenceSpec;
import io.todokit.schema.jooq.tables.records.RemindersRecord;
import io.todokit.schema.jooq.tables.records.TaskTagsRecord;
import io.todokit.schema.jooq.tables.records.TasksRecord;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep4;
import org.jooq.InsertValuesStep6;
import org.jooq.InsertValuesStep9;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.types.YearToSecond;
import org.jspecify.annotations.Nullable;

/**
 * {@link TaskDao#createAll}: many new tasks of one user, with their tags and reminders, in a few
 * multi-row statements of one transaction.
 */
final class TaskBatch {

  /** The most tasks one {@code createAll} call takes. */
  static final int MAX_TASKS = 10_000;

  /**
   * Rows per multi-row INSERT: PgJDBC sends at most 32,767 bind values per statement (tasks have 9
   * per row, tag links 4, reminders 6).
   */
  private static final int TASK_ROWS = 1_000;

  private static final int LINK_ROWS = 4_000;
  private static final int REMINDER_ROWS = 2_000;

  private final DaoContext context;

  TaskBatch(DaoContext context) {
    this.context = context;
  }

  List<Task> createAll(UUID userId, List<NewTask> tasks) {
    Objects.requireNonNull(userId, "userId");
    if (tasks == null) {
      throw new ValidationException("tasks", "is required");
    }
    if (tasks.size() > MAX_TASKS) {
      throw new ValidationException(
          "tasks", "at most " + MAX_TASKS + " tasks per call, got " + tasks.size());
    }
    List<NewTask> checked = new ArrayList<>(tasks.size());
    boolean needsZone = false;
    for (int i = 0; i < tasks.size(); i++) {
      NewTask task = tasks.get(i);
      if (task == null) {
        throw new ValidationException("tasks[" + i + "]", "is required");
      }
      RecurrenceSpec rule = task.recurrence();
      if (rule != null && task.dueAt() == null) {
        throw new ValidationException(
            "tasks[" + i + "].due_at", "is required for a task with a recurrence rule");
      }
      needsZone |= rule != null && RuleAnchor.needsAnchor(rule);
      checked.add(task);
    }
    if (checked.isEmpty()) {
      return List.of();
    }
    Instant now = context.now();
    List<UUID> ids = new ArrayList<>(checked.size());
    for (int i = 0; i < checked.size(); i++) {
      ids.add(context.newId());
    }
    boolean anchor = needsZone;
    return context.write(
        dsl -> {
          ZoneId zone = anchor ? TaskWrites.zoneOf(dsl, userId) : null;
          requireTags(dsl, userId, checked);
          Map<UUID, Task> created = insertTasks(dsl, userId, ids, checked, zone, now);
          insertLinks(dsl, userId, ids, checked, now);
          insertReminders(dsl, userId, ids, checked, now);
          List<Task> inOrder = new ArrayList<>(ids.size());
          for (UUID id : ids) {
            inOrder.add(Objects.requireNonNull(created.get(id), "inserted task"));
          }
          return inOrder;
        },
        null);
  }

  /**
   * Checks that the user has every tag the tasks name and keeps them from being deleted until the
   * transaction ends ({@code FOR KEY SHARE}, as the foreign key check would): one statement.
   */
  private static void requireTags(DSLContext dsl, UUID userId, List<NewTask> tasks) {
    Set<UUID> wanted = new LinkedHashSet<>();
    for (NewTask task : tasks) {
      wanted.addAll(task.tagIds());
    }
    if (wanted.isEmpty()) {
      return;
    }
    Set<UUID> found =
        dsl.select(TAGS.ID)
            .from(TAGS)
            .where(
                TAGS.USER_ID.eq(userId),
                TAGS.ID.eq(DSL.any(DSL.val(wanted.toArray(UUID[]::new), SQLDataType.UUID.array()))))
            .forKeyShare()
            .fetchSet(TAGS.ID);
    for (UUID tagId : wanted) {
      if (!found.contains(tagId)) {
        throw new NotFoundException("tag", tagId);
      }
    }
  }

  private static Map<UUID, Task> insertTasks(
      DSLContext dsl,
      UUID userId,
      List<UUID> ids,
      List<NewTask> tasks,
      @Nullable ZoneId zone,
      Instant now) {
    Map<UUID, Task> created = new HashMap<>(tasks.size() * 2);
    for (int from = 0; from < tasks.size(); from += TASK_ROWS) {
      int to = Math.min(tasks.size(), from + TASK_ROWS);
      InsertValuesStep9<
              TasksRecord, UUID, UUID, String, String, Priority, Instant, JSONB, Instant, Instant>
          insert =
              dsl.insertInto(
                  TASKS,
                  TASKS.USER_ID,
                  TASKS.ID,
                  TASKS.TITLE,
                  TASKS.DESCRIPTION,
                  TASKS.PRIORITY,
                  TASKS.DUE_AT,
                  TASKS.RECURRENCE_RULE,
                  TASKS.CREATED_AT,
                  TASKS.UPDATED_AT);
      for (int i = from; i < to; i++) {
        NewTask task = tasks.get(i);
        insert =
            insert.values(
                userId,
                ids.get(i),
                task.title(),
                task.description(),
                task.priority(),
                task.dueAt(),
                TaskRows.json(rule(task, zone)),
                now,
                now);
      }
      // RETURNING's order is not promised: the rows are matched by id
      for (Record row : insert.returningResult(TaskRows.COLUMNS).fetch()) {
        Task task = TaskRows.toTask(row);
        created.put(task.id(), task);
      }
    }
    return created;
  }

  /** The task's rule as stored: anchored on the due date's day as {@code create} does it. */
  private static @Nullable RecurrenceSpec rule(NewTask task, @Nullable ZoneId zone) {
    RecurrenceSpec rule = task.recurrence();
    Instant dueAt = task.dueAt();
    if (rule != null && dueAt != null && zone != null && RuleAnchor.needsAnchor(rule)) {
      return RuleAnchor.anchored(rule, dueAt, zone);
    }
    return rule;
  }

  /** The tag links, as VALUES rows (tags checked by {@link #requireTags}). */
  private static void insertLinks(
      DSLContext dsl, UUID userId, List<UUID> ids, List<NewTask> tasks, Instant now) {
    InsertValuesStep4<TaskTagsRecord, UUID, UUID, UUID, Instant> insert = null;
    int rows = 0;
    for (int i = 0; i < tasks.size(); i++) {
      for (UUID tagId : tasks.get(i).tagIds()) {
        if (insert == null) {
          insert =
              dsl.insertInto(
                  TASK_TAGS,
                  TASK_TAGS.USER_ID,
                  TASK_TAGS.TASK_ID,
                  TASK_TAGS.TAG_ID,
                  TASK_TAGS.CREATED_AT);
        }
        insert = insert.values(userId, ids.get(i), tagId, now);
        if (++rows == LINK_ROWS) {
          insert.execute();
          insert = null;
          rows = 0;
        }
      }
    }
    if (insert != null) {
      insert.execute();
    }
  }

  private static void insertReminders(
      DSLContext dsl, UUID userId, List<UUID> ids, List<NewTask> tasks, Instant now) {
    InsertValuesStep6<RemindersRecord, UUID, UUID, Instant, YearToSecond, Instant, Instant> insert =
        null;
    int rows = 0;
    for (int i = 0; i < tasks.size(); i++) {
      for (ReminderSpec spec : tasks.get(i).reminders()) {
        if (insert == null) {
          insert =
              dsl.insertInto(
                  REMINDERS,
                  REMINDERS.USER_ID,
                  REMINDERS.TASK_ID,
                  REMINDERS.AT,
                  REMINDERS.BEFORE_DUE,
                  REMINDERS.CREATED_AT,
                  REMINDERS.UPDATED_AT);
        }
        insert =
            insert.values(
                userId, ids.get(i), spec.at(), TaskReminders.interval(spec.beforeDue()), now, now);
        if (++rows == REMINDER_ROWS) {
          insert.execute();
          insert = null;
          rows = 0;
        }
      }
    }
    if (insert != null) {
      insert.execute();
    }
  }
}
