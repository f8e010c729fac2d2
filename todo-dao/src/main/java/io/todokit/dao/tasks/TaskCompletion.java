package io.todokit.dao.tasks;

import static io.todokit.dao.tasks.TaskConditions.COLUMNS_AND_ZONE;
import static io.todokit.dao.tasks.TaskConditions.OPEN;
import static io.todokit.dao.tasks.TaskReads.select;
import static io.todokit.dao.tasks.TaskStatus.COMPLETED;
import static io.todokit.dao.tasks.TaskStatus.PENDING;
import static io.todokit.dao.tasks.TaskWrites.TAGGED;
import static io.todokit.dao.tasks.TaskWrites.insert;
import static io.todokit.schema.jooq.Tables.TASKS;
import static io.todokit.schema.jooq.Tables.TASK_TAGS;
import static io.todokit.schema.jooq.Tables.USERS;

import io.todokit.dao.NotFoundException;
import io.todokit.dao.RecurrenceJson;
import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.DaoContext;
import io.todokit.dao.internal.NextOccurrence;
import io.todokit.dao.internal.TaskReminders;
import io.todokit.dao.internal.TaskRows;
import io.todokit.recurrence.RecurrenceSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The completion of {@link TaskDao}: complete (creating the next task of a recurrence) and reopen.
 */
final class TaskCompletion {

  private final DaoContext context;
  private final TaskEffects effects;

  TaskCompletion(DaoContext context, TaskEffects effects) {
    this.context = context;
    this.effects = effects;
  }

  Completion complete(UUID userId, UUID id) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    Instant now = context.now();
    UUID nextId = context.newId();
    UUID effectId = context.newId();
    return context.write(
        dsl -> {
          if (effects
              .record(dsl, userId, TaskEffectKind.COMPLETED, id, effectId, now)
              .isPresent()) {
            return new Completion(TaskWrites.current(dsl, userId, id), Optional.empty());
          }
          // "status <> completed" makes concurrent completions queue on the row lock; the losers
          // re-check the condition after the winner commits and update nothing.
          Record row =
              dsl.update(TASKS)
                  .set(TASKS.STATUS, COMPLETED)
                  .set(TASKS.COMPLETED_AT, now)
                  .set(TASKS.VERSION, TASKS.VERSION.plus(1L))
                  .set(TASKS.UPDATED_AT, now)
                  .from(USERS)
                  .where(
                      USERS.ID.eq(TASKS.USER_ID), TASKS.USER_ID.eq(userId), TASKS.ID.eq(id), OPEN)
                  .returningResult(COLUMNS_AND_ZONE)
                  .fetchOne();
          if (row == null) {
            Task current =
                select(dsl, userId, id).orElseThrow(() -> new NotFoundException("task", id));
            return new Completion(current, Optional.empty());
          }
          Task completed;
          try {
            completed = TaskRows.toTask(row);
          } catch (ValidationException e) {
            if (!e.field().startsWith(RecurrenceJson.FIELD)) {
              throw e;
            }
            // A stored rule this version cannot read: the task is done, and its series ends here.
            return new Completion(
                TaskRows.toTask(row.with(TASKS.RECURRENCE_RULE, (JSONB) null)), Optional.empty());
          }
          RecurrenceSpec rule = completed.recurrence();
          Instant due = completed.dueAt();
          if (rule == null || due == null) {
            return new Completion(completed, Optional.empty());
          }
          String zoneId = row.get(USERS.TIME_ZONE);
          NextOccurrence step =
              NextOccurrence.of(
                  due,
                  rule.count() != null || rule.endDate() != null,
                  () -> { // an unknown stored zone ends the series like any other failure
                    ZoneId zone = ZoneId.of(zoneId);
                    return rule.nextInSeries(due, zone, now).map(next -> next.atZone(zone));
                  });
          if (!(step instanceof NextOccurrence.At at)) {
            return new Completion(completed, Optional.empty());
          }
          Instant nextDue = at.occurrence().toInstant();
          Task next =
              insert(
                  dsl,
                  userId,
                  nextId,
                  completed.title(),
                  completed.description(),
                  completed.priority(),
                  nextDue,
                  rule.forNextInSeries(),
                  now);
          dsl.insertInto(TAGGED, TAGGED.USER_ID, TAGGED.TASK_ID, TAGGED.TAG_ID, TAGGED.CREATED_AT)
              .select(
                  DSL.select(
                          TASK_TAGS.USER_ID,
                          DSL.val(nextId, TASK_TAGS.TASK_ID),
                          TASK_TAGS.TAG_ID,
                          DSL.val(now, TASK_TAGS.CREATED_AT))
                      .from(TASK_TAGS)
                      .where(TASK_TAGS.USER_ID.eq(userId), TASK_TAGS.TASK_ID.eq(id)))
              .execute();
          TaskReminders.copyToNext(dsl, userId, id, nextId, Duration.between(due, nextDue), now);
          return new Completion(completed, Optional.of(next));
        },
        id);
  }

  Task reopen(UUID userId, UUID id) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    Instant now = context.now();
    UUID effectId = context.newId();
    return context.write(
        dsl -> {
          if (effects.record(dsl, userId, TaskEffectKind.REOPENED, id, effectId, now).isPresent()) {
            return TaskWrites.current(dsl, userId, id);
          }
          Record row =
              dsl.update(TASKS)
                  .set(TASKS.STATUS, PENDING)
                  .set(TASKS.COMPLETED_AT, (Instant) null)
                  .set(TASKS.VERSION, TASKS.VERSION.plus(1L))
                  .set(TASKS.UPDATED_AT, now)
                  .where(TASKS.USER_ID.eq(userId), TASKS.ID.eq(id), TASKS.STATUS.eq(COMPLETED))
                  .returningResult(TaskRows.COLUMNS)
                  .fetchOne();
          if (row != null) {
            return TaskRows.toTask(row);
          }
          return select(dsl, userId, id).orElseThrow(() -> new NotFoundException("task", id));
        },
        id);
  }
}
