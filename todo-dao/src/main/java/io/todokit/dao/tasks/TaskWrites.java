package io.todokit.dao.tasks;

import static io.todokit.dao.tasks.TaskConditions.COLUMNS_AND_ZONE;
import static io.todokit.dao.tasks.TaskReads.exists;
import static io.todokit.dao.tasks.TaskReads.select;
import static io.todokit.schema.jooq.Tables.TAGS;
import static io.todokit.schema.jooq.Tables.TASKS;
import static io.todokit.schema.jooq.Tables.TASK_TAGS;
import static io.todokit.schema.jooq.Tables.USERS;

import io.todokit.dao.ConcurrentUpdateException;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Change;
import io.todokit.dao.internal.DaoContext;
import io.todokit.dao.internal.TaskReminders;
import io.todokit.dao.internal.TaskRows;
import io.todokit.recurrence.RecurrenceSpec;
import io.todokit.schema.jooq.tables.records.TasksRecord;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.UpdateSetMoreStep;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/** The writes of {@link TaskDao} but completion: create, update and delete. */
final class TaskWrites {

  /** task_tags under an alias, as the target of INSERT … SELECT (docs/distributed.md). */
  static final io.todokit.schema.jooq.tables.TaskTags TAGGED = TASK_TAGS.as("tagged");

  private final DaoContext context;
  private final TaskEffects effects;

  TaskWrites(DaoContext context, TaskEffects effects) {
    this.context = context;
    this.effects = effects;
  }

  Task create(UUID userId, NewTask task) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(task, "task");
    Instant dueAt = task.dueAt();
    if (task.recurrence() != null && dueAt == null) {
      throw new ValidationException("due_at", "is required for a task with a recurrence rule");
    }
    Instant now = context.now();
    UUID id = context.newId();
    UUID effectId = context.newId();
    return context.write(
        dsl -> {
          Optional<TaskEffect> first =
              effects.record(dsl, userId, TaskEffectKind.CREATED, id, effectId, now);
          if (first.isPresent()) {
            return current(dsl, userId, first.get().taskId());
          }
          RecurrenceSpec rule = task.recurrence();
          if (rule != null && dueAt != null && RuleAnchor.needsAnchor(rule)) {
            rule = RuleAnchor.anchored(rule, dueAt, zoneOf(dsl, userId));
          }
          Task created =
              insert(
                  dsl,
                  userId,
                  id,
                  task.title(),
                  task.description(),
                  task.priority(),
                  dueAt,
                  rule,
                  now);
          TaskReminders.insert(dsl, userId, id, task.reminders(), now);
          if (!task.tagIds().isEmpty()) {
            Set<UUID> attached =
                new HashSet<>(
                    // The target's alias works around a Citus bug in INSERT … SELECT … RETURNING.
                    dsl.insertInto(
                            TAGGED,
                            TAGGED.USER_ID,
                            TAGGED.TASK_ID,
                            TAGGED.TAG_ID,
                            TAGGED.CREATED_AT)
                        .select(
                            DSL.select(
                                    TAGS.USER_ID,
                                    DSL.val(id, TASK_TAGS.TASK_ID),
                                    TAGS.ID,
                                    DSL.val(now, TASK_TAGS.CREATED_AT))
                                .from(TAGS)
                                .where(TAGS.USER_ID.eq(userId), TAGS.ID.in(task.tagIds())))
                        .returningResult(TAGGED.TAG_ID)
                        .fetch(TAGGED.TAG_ID));
            for (UUID tagId : task.tagIds()) {
              if (!attached.contains(tagId)) {
                throw new NotFoundException("tag", tagId);
              }
            }
          }
          return created;
        },
        id);
  }

  Task update(UUID userId, UUID id, long expectedVersion, TaskPatch patch) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(patch, "patch");
    if (patch.isEmpty()) {
      Task current =
          context
              .read(dsl -> select(dsl, userId, id), id)
              .orElseThrow(() -> new NotFoundException("task", id));
      if (current.version() != expectedVersion) {
        throw new ConcurrentUpdateException("task", id, expectedVersion, null);
      }
      return current;
    }
    Instant now = context.now();
    UUID effectId = context.newId();
    return context.write(
        dsl -> {
          if (effects.record(dsl, userId, TaskEffectKind.UPDATED, id, effectId, now).isPresent()) {
            return current(dsl, userId, id);
          }
          Change<RecurrenceSpec> ruleChange = patch.recurrence();
          RecurrenceSpec newRule = ruleChange == null ? null : ruleChange.value();
          Change<Instant> dueChange = patch.dueAt();
          if (ruleChange != null || (dueChange != null && dueChange.value() == null)) {
            // The rule needs a due date (and maybe its day as anchor): check against the row,
            // locked so that the check still holds when the UPDATE runs.
            Record current =
                dsl.select(COLUMNS_AND_ZONE)
                    .from(TASKS)
                    .join(USERS)
                    .on(USERS.ID.eq(TASKS.USER_ID))
                    .where(TASKS.USER_ID.eq(userId), TASKS.ID.eq(id))
                    .forUpdate()
                    .of(TASKS)
                    .fetchOne();
            if (current == null) {
              throw new NotFoundException("task", id);
            }
            if (current.get(TASKS.VERSION) != expectedVersion) {
              throw new ConcurrentUpdateException("task", id, expectedVersion, null);
            }
            Instant due = dueChange != null ? dueChange.value() : current.get(TASKS.DUE_AT);
            RecurrenceSpec rule =
                ruleChange != null
                    ? newRule
                    : TaskRows.recurrence(current.get(TASKS.RECURRENCE_RULE));
            if (rule != null && due == null) {
              throw new ValidationException(
                  "due_at", "is required for a task with a recurrence rule");
            }
            if (newRule != null && due != null && RuleAnchor.needsAnchor(newRule)) {
              newRule = RuleAnchor.anchored(newRule, due, ZoneId.of(current.get(USERS.TIME_ZONE)));
            }
          }
          UpdateSetMoreStep<TasksRecord> update =
              dsl.update(TASKS)
                  .set(TASKS.VERSION, TASKS.VERSION.plus(1L))
                  .set(TASKS.UPDATED_AT, now);
          if (patch.title() instanceof Change<String> title) {
            update = update.set(TASKS.TITLE, title.value());
          }
          if (patch.description() instanceof Change<String> description) {
            update = update.set(TASKS.DESCRIPTION, description.value());
          }
          if (patch.priority() instanceof Change<Priority> priority) {
            update = update.set(TASKS.PRIORITY, Objects.requireNonNull(priority.value()));
          }
          if (patch.status() instanceof Change<TaskStatus> status) {
            update =
                update
                    .set(TASKS.STATUS, Objects.requireNonNull(status.value()))
                    .set(TASKS.COMPLETED_AT, (Instant) null);
          }
          if (dueChange != null) {
            update = update.set(TASKS.DUE_AT, dueChange.value());
          }
          if (ruleChange != null) {
            update = update.set(TASKS.RECURRENCE_RULE, TaskRows.json(newRule));
          }
          Record row =
              update
                  .where(
                      TASKS.USER_ID.eq(userId), TASKS.ID.eq(id), TASKS.VERSION.eq(expectedVersion))
                  .returningResult(TaskRows.COLUMNS)
                  .fetchOne();
          if (row == null) {
            throw exists(dsl, userId, id)
                ? new ConcurrentUpdateException("task", id, expectedVersion, null)
                : new NotFoundException("task", id);
          }
          return TaskRows.toTask(row);
        },
        id);
  }

  void delete(UUID userId, UUID id) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    if (effects == TaskEffects.NONE) {
      context.deleteOwned(TASKS, TASKS.USER_ID, TASKS.ID, userId, id, "task");
      return;
    }
    Instant now = context.now();
    UUID effectId = context.newId();
    context.write(
        dsl -> {
          if (effects.record(dsl, userId, TaskEffectKind.DELETED, id, effectId, now).isPresent()) {
            return null;
          }
          if (dsl.deleteFrom(TASKS).where(TASKS.USER_ID.eq(userId), TASKS.ID.eq(id)).execute()
              == 0) {
            throw new NotFoundException("task", id);
          }
          return null;
        },
        id);
  }

  /** The task as it is now, for a call that finds its origin's first call already made it. */
  static Task current(DSLContext dsl, UUID userId, UUID id) {
    return select(dsl, userId, id).orElseThrow(() -> new NotFoundException("task", id));
  }

  static ZoneId zoneOf(DSLContext dsl, UUID userId) {
    String zone =
        dsl.select(USERS.TIME_ZONE)
            .from(USERS)
            .where(USERS.ID.eq(userId))
            .fetchOne(USERS.TIME_ZONE);
    if (zone == null) {
      throw new NotFoundException("user", userId);
    }
    return ZoneId.of(zone);
  }

  static Task insert(
      DSLContext dsl,
      UUID userId,
      UUID id,
      String title,
      @Nullable String description,
      Priority priority,
      @Nullable Instant dueAt,
      @Nullable RecurrenceSpec rule,
      Instant now) {
    Record row =
        dsl.insertInto(TASKS)
            .set(TASKS.USER_ID, userId)
            .set(TASKS.ID, id)
            .set(TASKS.TITLE, title)
            .set(TASKS.DESCRIPTION, description)
            .set(TASKS.PRIORITY, priority)
            .set(TASKS.DUE_AT, dueAt)
            .set(TASKS.RECURRENCE_RULE, TaskRows.json(rule))
            .set(TASKS.CREATED_AT, now)
            .set(TASKS.UPDATED_AT, now)
            .returningResult(TaskRows.COLUMNS)
            .fetchSingle();
    return TaskRows.toTask(row);
  }
}
