package io.todokit.dao.recurring;

import static io.todokit.dao.recurring.TemplateRows.instant;
import static io.todokit.schema.jooq.Tables.RECURRING_TASKS;

import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Failures;
import io.todokit.dao.internal.Limits;
import io.todokit.dao.internal.NextOccurrence;
import io.todokit.dao.internal.ResultSets;
import io.todokit.recurrence.Schedule;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A claimed row of {@code materializeDue}: mapped with its rule, or unreadable with what went
 * wrong.
 */
sealed interface Claimed {
  UUID id();

  UUID userId();

  record Read(RecurringTask template, Schedule schedule) implements Claimed {
    @Override
    public UUID id() {
      return template.id();
    }

    @Override
    public UUID userId() {
      return template.userId();
    }
  }

  record Unreadable(UUID id, UUID userId, String problem) implements Claimed {}

  /**
   * Maps one claimed row defensively: only its key (uuid columns, never malformed) must be
   * readable; anything else that fails makes it {@link Unreadable}. The instants must lie in the
   * supported range (PostgreSQL also stores 'infinity' and years beyond 9999), and the rule is
   * built, so that a template that maps computes.
   */
  static Claimed of(ResultSet row) throws SQLException {
    UUID id = Objects.requireNonNull(ResultSets.uuid(row, RECURRING_TASKS.ID));
    UUID userId = Objects.requireNonNull(ResultSets.uuid(row, RECURRING_TASKS.USER_ID));
    try {
      RecurringTask template =
          TemplateRows.template(
              id,
              userId,
              ResultSets.text(row, RECURRING_TASKS.TITLE),
              ResultSets.text(row, RECURRING_TASKS.DESCRIPTION),
              Objects.requireNonNull(ResultSets.converted(row, RECURRING_TASKS.PRIORITY)),
              ResultSets.text(row, RECURRING_TASKS.RECURRENCE_RULE),
              ResultSets.text(row, RECURRING_TASKS.TIME_ZONE),
              inRange("starts_at", ResultSets.instant(row, RECURRING_TASKS.STARTS_AT)),
              inRange("next_due_at", ResultSets.instant(row, RECURRING_TASKS.NEXT_DUE_AT)),
              ResultSets.converted(row, RECURRING_TASKS.MISSED_POLICY),
              row.getBoolean(RECURRING_TASKS.IS_ACTIVE.getName()),
              ResultSets.instant(row, RECURRING_TASKS.CREATED_AT),
              ResultSets.instant(row, RECURRING_TASKS.UPDATED_AT),
              ResultSets.text(row, RECURRING_TASKS.END_REASON),
              TemplateRows.reminders(micros(row)));
      return new Read(template, template.recurrence().schedule(template.dtstart()));
    } catch (RuntimeException | SQLException e) {
      return new Unreadable(id, userId, Failures.describe(e, Limits.END_REASON));
    }
  }

  private static Long @Nullable [] micros(ResultSet row) throws SQLException {
    java.sql.Array array = row.getArray(TemplateRows.REMINDERS_MICROS.getName());
    return array == null ? null : (Long[]) array.getArray();
  }

  private static @Nullable Instant inRange(String field, @Nullable Instant instant) {
    if (instant != null && !NextOccurrence.inRange(instant)) {
      throw new ValidationException(
          field, "lies outside the years 1 to " + NextOccurrence.LAST_YEAR + " (" + instant + ")");
    }
    return instant;
  }
}
