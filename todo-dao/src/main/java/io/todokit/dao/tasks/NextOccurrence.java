package io.todokit.dao.tasks;

import io.todokit.recurrence.Frequency;
import io.todokit.recurrence.RecurrenceSpec;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The recurrence arithmetic of a task chain, on the wall clock of the user's time zone.
 *
 * <p>A task's stored {@code count} is the number of occurrences left <em>including</em> the task
 * itself: the next task stores {@code count - 1}, and a task with {@code count} 1 is the last.
 * Because of that, the rule is evaluated without COUNT and the chain does the counting.
 */
final class NextOccurrence {

  private NextOccurrence() {}

  /**
   * The rule as stored for a task due at {@code dueAt}: monthly and yearly rules without {@code
   * month_day} get the due date's day (in {@code zone}) as their anchor, so that a task due on the
   * 31st keeps coming back on the 31st after a shorter month clamped it to the 30th or 28th.
   */
  static RecurrenceSpec anchored(RecurrenceSpec spec, Instant dueAt, ZoneId zone) {
    if (spec.monthDay() != null
        || (spec.frequency() != Frequency.MONTHLY && spec.frequency() != Frequency.YEARLY)) {
      return spec;
    }
    return new RecurrenceSpec(
        spec.frequency(),
        spec.interval(),
        spec.days(),
        spec.endDate(),
        spec.count(),
        dueAt.atZone(zone).getDayOfMonth(),
        spec.mode());
  }

  /** True when {@link #anchored} needs the user's time zone for this rule. */
  static boolean needsAnchor(RecurrenceSpec spec) {
    return spec.monthDay() == null
        && (spec.frequency() == Frequency.MONTHLY || spec.frequency() == Frequency.YEARLY);
  }

  /**
   * The due date of the task after one due at {@code dueAt} and completed at {@code completedAt},
   * or empty when the rule has ended.
   *
   * <p>{@code fixed}: the rule's first occurrence after the due date, with the due date as DTSTART;
   * {@code after_completion}: counted from the completion's local date, at the due date's local
   * time.
   */
  static Optional<Instant> nextDue(
      RecurrenceSpec spec, Instant dueAt, Instant completedAt, ZoneId zone) {
    Integer count = spec.count();
    if (count != null && count <= 1) {
      return Optional.empty();
    }
    RecurrenceSpec unbounded =
        count == null
            ? spec
            : new RecurrenceSpec(
                spec.frequency(),
                spec.interval(),
                spec.days(),
                spec.endDate(),
                null,
                spec.monthDay(),
                spec.mode());
    ZonedDateTime due = dueAt.atZone(zone);
    Optional<ZonedDateTime> next =
        switch (spec.mode()) {
          case FIXED -> unbounded.toRule(due.toLocalDate()).nextAfter(due, due);
          case AFTER_COMPLETION -> unbounded.nextDueAfterCompletion(due, completedAt, zone, 1);
        };
    return next.map(ZonedDateTime::toInstant);
  }

  /** The rule the next task stores: one occurrence fewer left when it counts. */
  static RecurrenceSpec forNext(RecurrenceSpec spec) {
    Integer count = spec.count();
    return count == null
        ? spec
        : new RecurrenceSpec(
            spec.frequency(),
            spec.interval(),
            spec.days(),
            spec.endDate(),
            count - 1,
            spec.monthDay(),
            spec.mode());
  }
}
