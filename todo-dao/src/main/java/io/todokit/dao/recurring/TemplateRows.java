package io.todokit.dao.recurring;

import static io.todokit.schema.jooq.Tables.RECURRING_TASKS;

import io.todokit.dao.RecurrenceJson;
import io.todokit.dao.internal.Check;
import io.todokit.dao.internal.NextOccurrence;
import io.todokit.dao.internal.TaskRows;
import io.todokit.dao.reminders.ReminderSpec;
import io.todokit.dao.tasks.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/** The mapping of {@code recurring_tasks} rows to {@link RecurringTask}. */
final class TemplateRows {

  static final String ENTITY = "recurring task";

  /**
   * The template's reminders as microseconds before the due time, in order (null for none): a
   * {@code bigint[]} reads the same through jOOQ and through a plain result set ({@link Claimed}).
   */
  static final Field<Long[]> REMINDERS_MICROS =
      DSL.field(
              "(SELECT array_agg((extract(EPOCH FROM r.d) * 1000000)::bigint ORDER BY r.o)"
                  + " FROM unnest({0}) WITH ORDINALITY AS r(d, o))",
              SQLDataType.BIGINT.getArrayDataType(), RECURRING_TASKS.REMINDERS_BEFORE_DUE)
          .as("reminders_before_due_us");

  static final List<SelectField<?>> COLUMNS =
      List.of(
          RECURRING_TASKS.ID,
          RECURRING_TASKS.USER_ID,
          RECURRING_TASKS.TITLE,
          RECURRING_TASKS.DESCRIPTION,
          RECURRING_TASKS.PRIORITY,
          RECURRING_TASKS.RECURRENCE_RULE,
          RECURRING_TASKS.TIME_ZONE,
          RECURRING_TASKS.STARTS_AT,
          RECURRING_TASKS.NEXT_DUE_AT,
          RECURRING_TASKS.MISSED_POLICY,
          RECURRING_TASKS.IS_ACTIVE,
          RECURRING_TASKS.CREATED_AT,
          RECURRING_TASKS.UPDATED_AT,
          RECURRING_TASKS.END_REASON,
          REMINDERS_MICROS);

  private TemplateRows() {}

  static @Nullable Instant instant(NextOccurrence next) {
    return next instanceof NextOccurrence.At at ? at.occurrence().toInstant() : null;
  }

  /**
   * The value to write to {@code reminders_before_due} for a template's reminders (all relative,
   * see {@link TemplateValues#reminders}), bound as microseconds and turned into intervals of days
   * and time by the statement.
   */
  static <T> Field<T> column(Field<T> target, List<ReminderSpec> reminders) {
    Long[] micros = new Long[reminders.size()];
    for (int i = 0; i < micros.length; i++) {
      Duration before = Objects.requireNonNull(reminders.get(i).beforeDue(), "before_due");
      micros[i] = before.getSeconds() * 1_000_000L + before.getNano() / 1_000;
    }
    return DSL.field(
        "(SELECT coalesce(array_agg(make_interval(days => (r.us / 86400000000)::int,"
            + " secs => (r.us % 86400000000) / 1000000.0) ORDER BY r.o), ARRAY[]::interval[])"
            + " FROM unnest({0}) WITH ORDINALITY AS r(us, o))",
        target.getDataType(), DSL.val(micros, SQLDataType.BIGINT.getArrayDataType()));
  }

  /** The reminders of {@link #REMINDERS_MICROS}, in order. */
  static List<ReminderSpec> reminders(Long @Nullable [] micros) {
    if (micros == null) {
      return List.of();
    }
    List<ReminderSpec> reminders = new ArrayList<>(micros.length);
    for (Long us : micros) {
      reminders.add(
          ReminderSpec.beforeDue(
              Duration.ofNanos(Objects.requireNonNull(us, "before_due") * 1_000L)));
    }
    return List.copyOf(reminders);
  }

  static RecurringTask toTemplate(Record row) {
    JSONB rule = row.get(RECURRING_TASKS.RECURRENCE_RULE);
    return template(
        row.get(RECURRING_TASKS.ID),
        row.get(RECURRING_TASKS.USER_ID),
        row.get(RECURRING_TASKS.TITLE),
        row.get(RECURRING_TASKS.DESCRIPTION),
        Objects.requireNonNull(row.get(RECURRING_TASKS.PRIORITY), "priority"),
        rule == null ? null : rule.data(),
        row.get(RECURRING_TASKS.TIME_ZONE),
        row.get(RECURRING_TASKS.STARTS_AT),
        row.get(RECURRING_TASKS.NEXT_DUE_AT),
        row.get(RECURRING_TASKS.MISSED_POLICY),
        row.get(RECURRING_TASKS.IS_ACTIVE),
        row.get(RECURRING_TASKS.CREATED_AT),
        row.get(RECURRING_TASKS.UPDATED_AT),
        row.get(RECURRING_TASKS.END_REASON),
        reminders(row.get(REMINDERS_MICROS)));
  }

  static RecurringTask template(
      UUID id,
      UUID userId,
      @Nullable String title,
      @Nullable String description,
      Priority priority,
      @Nullable String rule,
      @Nullable String zone,
      @Nullable Instant startsAt,
      @Nullable Instant nextDueAt,
      @Nullable MissedPolicy missedPolicy,
      boolean active,
      @Nullable Instant createdAt,
      @Nullable Instant updatedAt,
      @Nullable String endReason,
      List<ReminderSpec> reminders) {
    return new RecurringTask(
        id,
        userId,
        Objects.requireNonNull(title, "title"),
        description,
        priority,
        RecurrenceJson.parse(Objects.requireNonNull(rule, "recurrence_rule")),
        Check.storedZone(Objects.requireNonNull(zone, "time_zone")),
        Objects.requireNonNull(startsAt, "starts_at"),
        nextDueAt,
        Objects.requireNonNull(missedPolicy, "missed_policy"),
        active,
        Objects.requireNonNull(createdAt, "created_at"),
        Objects.requireNonNull(updatedAt, "updated_at"),
        endReason,
        reminders);
  }
}
