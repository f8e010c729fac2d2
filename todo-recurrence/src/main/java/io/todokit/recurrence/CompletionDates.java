package io.todokit.recurrence;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The date arithmetic of completion-based series ({@code every!}): {@link
 * RecurrenceSpec#nextDueAfterCompletion}, which counts from the day of the completion rather than
 * from DTSTART, so it needs no rule.
 */
final class CompletionDates {

  private CompletionDates() {}

  /** See {@link RecurrenceSpec#nextDueAfterCompletion}. */
  static Optional<Instant> next(
      RecurrenceSpec spec,
      Instant previousDue,
      ZoneId zone,
      Instant completedAt,
      int dueDatesSoFar) {
    Objects.requireNonNull(previousDue, "previousDue");
    Objects.requireNonNull(completedAt, "completedAt");
    Objects.requireNonNull(zone, "zone");
    if (dueDatesSoFar < 1) {
      throw new IllegalArgumentException("dueDatesSoFar must be at least 1, was " + dueDatesSoFar);
    }
    if (previousDue.isBefore(RecurrenceRule.EARLIEST_START)) {
      throw new InvalidRecurrenceRuleException(
          "DTSTART",
          "must not be before " + RecurrenceRule.EARLIEST_START + ", was " + previousDue);
    }
    if (completedAt.isBefore(RecurrenceRule.EARLIEST_START)) {
      throw new IllegalArgumentException(
          "completedAt must not be before "
              + RecurrenceRule.EARLIEST_START
              + ", was "
              + completedAt);
    }
    if (spec.count() != null && dueDatesSoFar >= spec.count()) {
      return Optional.empty();
    }
    // Series end at the horizon: a due date after it was never one (as a DTSTART after it has no
    // occurrences), and the next due date falls after the completion's date, so after the horizon
    // if the completion is. Within it the date arithmetic below stays in years 0..10100.
    if (previousDue.isAfter(RecurrenceRule.LATEST_OCCURRENCE)
        || completedAt.isAfter(RecurrenceRule.LATEST_OCCURRENCE)) {
      return Optional.empty();
    }
    LocalDate completed = LocalDate.ofInstant(completedAt, zone);
    Integer monthDay = spec.monthDay();
    LocalTime time = LocalTime.ofInstant(previousDue, zone);
    LocalDate next =
        switch (spec.frequency()) {
          case DAILY -> onOrAfterFirstOfDays(spec.days(), completed.plusDays(spec.interval()));
          case WEEKLY ->
              spec.days().isEmpty()
                  ? completed.plusWeeks(spec.interval())
                  : onOrAfterFirstOfDays(spec.days(), completed.plusDays(1))
                      .plusWeeks(spec.interval() - 1L);
          case MONTHLY -> {
            YearMonth month = YearMonth.from(completed).plusMonths(spec.interval());
            int anchor = monthDay != null ? monthDay : completed.getDayOfMonth();
            yield month.atDay(Math.min(anchor, month.lengthOfMonth()));
          }
          case YEARLY -> {
            YearMonth month = YearMonth.from(completed).plusYears(spec.interval());
            int anchor = monthDay != null ? monthDay : completed.getDayOfMonth();
            yield month.atDay(Math.min(anchor, month.lengthOfMonth()));
          }
        };
    LocalDate endDate = spec.endDate();
    if (endDate != null && next.isAfter(endDate)) {
      return Optional.empty();
    }
    Instant due = ZonedDateTime.of(next, time, zone).toInstant();
    return due.isAfter(RecurrenceRule.LATEST_OCCURRENCE) ? Optional.empty() : Optional.of(due);
  }

  private static LocalDate onOrAfterFirstOfDays(Set<DayOfWeek> days, LocalDate date) {
    if (days.isEmpty()) {
      return date;
    }
    LocalDate best = LocalDate.MAX;
    for (DayOfWeek day : days) {
      LocalDate candidate = date.with(TemporalAdjusters.nextOrSame(day));
      if (candidate.isBefore(best)) {
        best = candidate;
      }
    }
    return best;
  }
}
