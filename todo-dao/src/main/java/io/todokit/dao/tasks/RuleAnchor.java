package io.todokit.dao.tasks;

import io.todokit.recurrence.Frequency;
import io.todokit.recurrence.RecurrenceSpec;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Anchoring of a task's monthly or yearly rule on its due date's day. The chain's arithmetic (the
 * next due date, COUNT as "items left") is {@link RecurrenceSpec#nextInSeries}.
 */
final class RuleAnchor {

  private RuleAnchor() {}

  /**
   * The rule as stored for a task due at {@code dueAt}: monthly and yearly rules without {@code
   * month_day} get the due date's day (in {@code zone}) as their anchor, so that a task due on the
   * 31st keeps coming back on the 31st after a shorter month clamped it to the 30th or 28th.
   */
  static RecurrenceSpec anchored(RecurrenceSpec spec, Instant dueAt, ZoneId zone) {
    if (!needsAnchor(spec)) {
      return spec;
    }
    return spec.withMonthDay(dueAt.atZone(zone).getDayOfMonth());
  }

  /** True when {@link #anchored} needs the user's time zone for this rule. */
  static boolean needsAnchor(RecurrenceSpec spec) {
    return spec.monthDay() == null
        && (spec.frequency() == Frequency.MONTHLY || spec.frequency() == Frequency.YEARLY);
  }
}
