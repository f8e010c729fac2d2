package io.todokit.dao.internal;

import io.todokit.recurrence.RecurrenceRule;
import io.todokit.recurrence.Schedule;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The next occurrence of a recurrence as todokit stores it, or why the series has none: the rule
 * ended (COUNT, UNTIL), its next occurrence lies beyond the supported range (the years 1 to 9999 on
 * the series' wall clock, as every date the API takes), or the calculator threw an unchecked
 * exception on it (a rule written by plain SQL, say with an interval so large that the next date
 * overflows). Never throws for those: a series that cannot go on simply ends, with a reason.
 */
public sealed interface NextOccurrence {

  /** The last year an occurrence may fall in. */
  int LAST_YEAR = 9999;

  /** The first instant of the supported range, as UTC: 0001-01-01T00:00:00Z. */
  Instant RANGE_START = Instant.parse("0001-01-01T00:00:00Z");

  /** The first instant after the supported range, as UTC: 10000-01-01T00:00:00Z. */
  Instant RANGE_END = Instant.parse("+10000-01-01T00:00:00Z");

  /**
   * A storable next occurrence.
   *
   * @param occurrence the occurrence, on the series' wall clock
   */
  record At(ZonedDateTime occurrence) implements NextOccurrence {

    /** Checks the field. */
    public At {
      Objects.requireNonNull(occurrence, "occurrence");
    }
  }

  /**
   * No next occurrence.
   *
   * @param reason why, in one line of at most {@value Limits#END_REASON} characters
   */
  record None(String reason) implements NextOccurrence {

    /** The reason of a rule that ended by its COUNT or UNTIL. */
    public static final String ENDED = "the rule ended";

    /** Checks the field. */
    public None {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Runs the calculator's step and judges its answer.
   *
   * @param after the instant the step looks after, for the reason
   * @param bounded whether the rule has a COUNT or UNTIL, so that an empty answer means it ended
   * @param step the calculator's call
   * @return the occurrence, or why there is none
   */
  static NextOccurrence of(Instant after, boolean bounded, Supplier<Optional<ZonedDateTime>> step) {
    Optional<ZonedDateTime> next;
    try {
      next = step.get();
    } catch (RuntimeException e) {
      return new None(
          Failures.oneLine(
              "the rule's next occurrence after "
                  + after
                  + " cannot be computed: "
                  + Failures.describe(e, Limits.END_REASON),
              Limits.END_REASON));
    }
    if (next.isEmpty()) {
      return new None(bounded ? None.ENDED : outOfRange(after));
    }
    int year = next.get().getYear();
    if (year < 1 || year > LAST_YEAR) {
      return new None(outOfRange(after));
    }
    return new At(next.get());
  }

  /**
   * Runs a query of a schedule and judges its answer, on the schedule's wall clock.
   *
   * @param schedule the series; whether its rule has a COUNT or UNTIL tells an ended rule apart
   * @param after the instant the query looks after, for the reason
   * @param query the schedule's query, such as {@code () -> schedule.after(after)}
   * @return the occurrence, or why there is none
   */
  static NextOccurrence of(Schedule schedule, Instant after, Supplier<Optional<Instant>> query) {
    RecurrenceRule rule = schedule.rule();
    boolean bounded = rule.count().isPresent() || rule.until().isPresent();
    return of(after, bounded, () -> query.get().map(next -> next.atZone(schedule.zone())));
  }

  /**
   * Whether an instant lies in the supported range (UTC years 1 to {@value #LAST_YEAR}).
   *
   * @param instant the instant
   * @return whether todokit computes with it
   */
  static boolean inRange(Instant instant) {
    return !instant.isBefore(RANGE_START) && instant.isBefore(RANGE_END);
  }

  private static String outOfRange(Instant after) {
    return "the rule has no occurrence after "
        + after
        + " within the supported range (years 1 to "
        + LAST_YEAR
        + ")";
  }
}
