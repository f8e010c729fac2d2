package io.todokit.dao.internal;

import static io.todokit.schema.jooq.Tables.REMINDERS;

import io.todokit.dao.reminders.ReminderSpec;
import io.todokit.schema.jooq.tables.records.RemindersRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep6;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.types.DayToSecond;
import org.jooq.types.YearToMonth;
import org.jooq.types.YearToSecond;
import org.jspecify.annotations.Nullable;

/**
 * The reminders a task's own calls write: those of a new task, and the copy its next occurrence
 * gets. Fire instants and states are the schema's triggers' business.
 */
public final class TaskReminders {

  private TaskReminders() {}

  /** The interval a {@link Duration} stands for, as the generated {@code before_due} holds it. */
  public static @Nullable YearToSecond interval(@Nullable Duration duration) {
    return duration == null
        ? null
        : new YearToSecond(new YearToMonth(), DayToSecond.valueOf(duration));
  }

  /**
   * Adds a new task's reminders, one statement.
   *
   * @param dsl the transaction
   * @param userId the owner
   * @param taskId the task, just inserted
   * @param specs the reminders
   * @param now the clock's now, for created_at
   */
  public static void insert(
      DSLContext dsl, UUID userId, UUID taskId, List<ReminderSpec> specs, Instant now) {
    if (specs.isEmpty()) {
      return;
    }
    InsertValuesStep6<RemindersRecord, UUID, UUID, Instant, YearToSecond, Instant, Instant> insert =
        dsl.insertInto(
            REMINDERS,
            REMINDERS.USER_ID,
            REMINDERS.TASK_ID,
            REMINDERS.AT,
            REMINDERS.BEFORE_DUE,
            REMINDERS.CREATED_AT,
            REMINDERS.UPDATED_AT);
    for (ReminderSpec spec : specs) {
      insert = insert.values(userId, taskId, spec.at(), interval(spec.beforeDue()), now, now);
    }
    insert.execute();
  }

  /**
   * Gives the next task of a series the reminders of the one completed: relative ones as they are,
   * absolute ones moved by as much as the due time moved; each a new, armed reminder.
   *
   * @param dsl the transaction
   * @param userId the owner
   * @param fromTaskId the completed task
   * @param toTaskId the next task, just inserted
   * @param shift how far the due time moved
   * @param now the clock's now, for created_at
   */
  public static void copyToNext(
      DSLContext dsl, UUID userId, UUID fromTaskId, UUID toTaskId, Duration shift, Instant now) {
    // Plain SQL: jOOQ's timestamp arithmetic does not apply to the Instant-typed column.
    Field<Instant> shifted =
        DSL.field(
            "{0} + {1}",
            REMINDERS.AT.getDataType(),
            REMINDERS.AT,
            DSL.val(DayToSecond.valueOf(shift), SQLDataType.INTERVALDAYTOSECOND));
    dsl.insertInto(
            REMINDERS,
            REMINDERS.USER_ID,
            REMINDERS.TASK_ID,
            REMINDERS.AT,
            REMINDERS.BEFORE_DUE,
            REMINDERS.CREATED_AT,
            REMINDERS.UPDATED_AT)
        .select(
            DSL.select(
                    REMINDERS.USER_ID,
                    DSL.val(toTaskId, REMINDERS.TASK_ID),
                    shifted,
                    REMINDERS.BEFORE_DUE,
                    DSL.val(now, REMINDERS.CREATED_AT),
                    DSL.val(now, REMINDERS.UPDATED_AT))
                .from(REMINDERS)
                .where(REMINDERS.USER_ID.eq(userId), REMINDERS.TASK_ID.eq(fromTaskId))
                .orderBy(REMINDERS.CREATED_AT, REMINDERS.ID))
        .execute();
  }
}
