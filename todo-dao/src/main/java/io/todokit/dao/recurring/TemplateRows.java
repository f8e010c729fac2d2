package io.todokit.dao.recurring;

import static io.todokit.schema.jooq.Tables.RECURRING_TASKS;

import io.todokit.dao.RecurrenceJson;
import io.todokit.dao.internal.Check;
import io.todokit.dao.internal.NextOccurrence;
import io.todokit.dao.internal.TaskRows;
import io.todokit.schema.jooq.enums.TaskPriority;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jspecify.annotations.Nullable;

/** The mapping of {@code recurring_tasks} rows to {@link RecurringTask}. */
final class TemplateRows {

  static final String ENTITY = "recurring task";

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
          RECURRING_TASKS.END_REASON);

  private TemplateRows() {}

  static @Nullable Instant instant(NextOccurrence next) {
    return next instanceof NextOccurrence.At at ? at.occurrence().toInstant() : null;
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
        row.get(RECURRING_TASKS.END_REASON));
  }

  static RecurringTask template(
      UUID id,
      UUID userId,
      @Nullable String title,
      @Nullable String description,
      TaskPriority priority,
      @Nullable String rule,
      @Nullable String zone,
      @Nullable Instant startsAt,
      @Nullable Instant nextDueAt,
      @Nullable String missedPolicy,
      boolean active,
      @Nullable Instant createdAt,
      @Nullable Instant updatedAt,
      @Nullable String endReason) {
    return new RecurringTask(
        id,
        userId,
        Objects.requireNonNull(title, "title"),
        description,
        TaskRows.priority(priority),
        RecurrenceJson.parse(Objects.requireNonNull(rule, "recurrence_rule")),
        Check.storedZone(Objects.requireNonNull(zone, "time_zone")),
        Objects.requireNonNull(startsAt, "starts_at"),
        nextDueAt,
        MissedPolicy.ofDb(Objects.requireNonNull(missedPolicy, "missed_policy")),
        active,
        Objects.requireNonNull(createdAt, "created_at"),
        Objects.requireNonNull(updatedAt, "updated_at"),
        endReason);
  }
}
