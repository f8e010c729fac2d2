package io.todokit.dao.reminders;

import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Check;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * When a reminder fires: at an absolute instant, or a distance before its task's due time (then it
 * follows the due time when that moves, and does not fire while the task has none). Validated when
 * built.
 *
 * @param at the instant, or null for a relative reminder
 * @param beforeDue how long before the due time, or null for an absolute reminder
 */
public record ReminderSpec(@Nullable Instant at, @Nullable Duration beforeDue) {

  /** The longest distance before the due time: 366 days. */
  public static final Duration MAX_BEFORE_DUE = Duration.ofDays(366);

  /**
   * Checks that exactly one of the two is set, and its range.
   *
   * @throws ValidationException ({@code at}) when both or neither are set or the instant is out of
   *     range, ({@code before_due}) when the distance is negative, longer than {@link
   *     #MAX_BEFORE_DUE} or finer than a microsecond
   */
  public ReminderSpec {
    if ((at == null) == (beforeDue == null)) {
      throw new ValidationException("at", "exactly one of at and before_due must be set");
    }
    if (at != null) {
      Check.instant("at", at);
    }
    if (beforeDue != null) {
      if (beforeDue.isNegative()) {
        throw new ValidationException("before_due", "must not be negative, was " + beforeDue);
      }
      if (beforeDue.compareTo(MAX_BEFORE_DUE) > 0) {
        throw new ValidationException(
            "before_due", "must be at most " + MAX_BEFORE_DUE + ", was " + beforeDue);
      }
      if (!beforeDue.truncatedTo(ChronoUnit.MICROS).equals(beforeDue)) {
        throw new ValidationException("before_due", "must be whole microseconds, was " + beforeDue);
      }
    }
  }

  /**
   * A reminder at an instant.
   *
   * @param at when to fire (one in the past fires at once)
   * @return the spec
   */
  public static ReminderSpec at(Instant at) {
    return new ReminderSpec(Check.required("at", at), null);
  }

  /**
   * A reminder a distance before the task's due time, e.g. {@code Duration.ofMinutes(30)}.
   *
   * @param beforeDue how long before; zero is at the due time
   * @return the spec
   */
  public static ReminderSpec beforeDue(Duration beforeDue) {
    return new ReminderSpec(null, Check.required("before_due", beforeDue));
  }
}
