package io.todokit.recurrence;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The recurrence JSON shape stored in the database, such as {@code {"frequency": "monthly",
 * "interval": 1, "days": [], "end_date": "2026-12-31", "month_day": 31, "mode": "fixed"}}.
 *
 * <p>This module parses no JSON: the DAO layer maps the JSON into this record (with Jackson, a
 * snake-case naming strategy, and {@link #of(String, Integer, Collection, LocalDate, Integer,
 * Integer, String)} or the lower-case helpers {@link Frequency#of(String)}, {@link #day(String)},
 * {@link RecurrenceMode#of(String)} for the strings). Monthly and yearly anchors on a day that some
 * months lack fall on the last day of those months. Records are immutable and thread-safe.
 *
 * @param frequency JSON {@code frequency}: {@code "daily"}, {@code "weekly"}, {@code "monthly"} or
 *     {@code "yearly"}; required
 * @param interval JSON {@code interval}: every how many periods; 1 to {@link
 *     Frequency#maxInterval()} (36,600 days, 5,200 weeks, 1,200 months or 100 years)
 * @param days JSON {@code days}: weekdays ({@code "monday"} … {@code "sunday"}, or {@code "MO"} …
 *     {@code "SU"}), only with daily or weekly; empty (the default) means the start's weekday for
 *     weekly and every day for daily
 * @param endDate JSON {@code end_date}: the last date (inclusive) on which an occurrence may fall,
 *     in years 1..9999, or null
 * @param count JSON {@code count}: the total number of occurrences, 1..{@link
 *     RecurrenceRule#MAX_COUNT} (10,000), or null; not with {@code end_date}
 * @param monthDay JSON {@code month_day}: 1..31, the anchor day of monthly and yearly rules, or
 *     null for the start's day of month
 * @param mode JSON {@code mode}: {@code "fixed"} (default) or {@code "after_completion"}
 */
public record RecurrenceSpec(
    Frequency frequency,
    int interval,
    Set<DayOfWeek> days,
    @Nullable LocalDate endDate,
    @Nullable Integer count,
    @Nullable Integer monthDay,
    RecurrenceMode mode) {

  /**
   * Validates the fields and normalises {@code days} (a copy; null: empty) and {@code mode} (null:
   * fixed), nulls that only a caller outside null checking can pass ({@link #of(Frequency, int,
   * Set, LocalDate, Integer, Integer, RecurrenceMode)} takes them as documented).
   *
   * @throws InvalidRecurrenceRuleException naming the JSON field ({@code "frequency"}, {@code
   *     "interval"}, {@code "days"}, {@code "end_date"}, {@code "count"} or {@code "month_day"})
   */
  public RecurrenceSpec {
    days = SpecFields.check(frequency, interval, days, endDate, count, monthDay);
    if (mode == null) {
      mode = RecurrenceMode.FIXED;
    }
  }

  /**
   * Returns "every {@code interval} days", fixed mode, with no end.
   *
   * @param interval 1 to {@link Frequency#maxInterval()}
   * @return the spec
   * @throws InvalidRecurrenceRuleException (part {@code "interval"}) for an interval out of range
   */
  public static RecurrenceSpec daily(int interval) {
    return new RecurrenceSpec(
        Frequency.DAILY, interval, Set.of(), null, null, null, RecurrenceMode.FIXED);
  }

  /**
   * Returns "every {@code interval} weeks on {@code days}" (none: the start's weekday), fixed mode,
   * with no end.
   *
   * @param interval 1 to {@link Frequency#maxInterval()}
   * @param days the weekdays
   * @return the spec
   * @throws InvalidRecurrenceRuleException (part {@code "interval"}) for an interval out of range
   */
  public static RecurrenceSpec weekly(int interval, DayOfWeek... days) {
    return new RecurrenceSpec(
        Frequency.WEEKLY,
        interval,
        new HashSet<>(Arrays.asList(days)),
        null,
        null,
        null,
        RecurrenceMode.FIXED);
  }

  /**
   * Returns "every {@code interval} months on the start's day" (the last day of shorter months),
   * fixed mode, with no end; {@link #withMonthDay} sets another anchor day.
   *
   * @param interval 1 to {@link Frequency#maxInterval()}
   * @return the spec
   * @throws InvalidRecurrenceRuleException (part {@code "interval"}) for an interval out of range
   */
  public static RecurrenceSpec monthly(int interval) {
    return new RecurrenceSpec(
        Frequency.MONTHLY, interval, Set.of(), null, null, null, RecurrenceMode.FIXED);
  }

  /**
   * Returns "every {@code interval} years on the start's date" (February 28 in years without a
   * February 29), fixed mode, with no end.
   *
   * @param interval 1 to {@link Frequency#maxInterval()}
   * @return the spec
   * @throws InvalidRecurrenceRuleException (part {@code "interval"}) for an interval out of range
   */
  public static RecurrenceSpec yearly(int interval) {
    return new RecurrenceSpec(
        Frequency.YEARLY, interval, Set.of(), null, null, null, RecurrenceMode.FIXED);
  }

  /**
   * Returns this spec ending on {@code endDate} (inclusive).
   *
   * @param endDate the last date an occurrence may fall on (years 1..9999), or null for no end date
   * @return the new spec
   * @throws InvalidRecurrenceRuleException when the spec also has a count, or the date is out of
   *     range
   */
  public RecurrenceSpec withEndDate(@Nullable LocalDate endDate) {
    return new RecurrenceSpec(frequency, interval, days, endDate, count, monthDay, mode);
  }

  /**
   * Returns this spec limited to {@code count} occurrences.
   *
   * @param count 1..{@link RecurrenceRule#MAX_COUNT}, or null for no count
   * @return the new spec
   * @throws InvalidRecurrenceRuleException when the spec also has an end date, or the count is out
   *     of range
   */
  public RecurrenceSpec withCount(@Nullable Integer count) {
    return new RecurrenceSpec(frequency, interval, days, endDate, count, monthDay, mode);
  }

  /**
   * Returns this monthly or yearly spec anchored on {@code monthDay}.
   *
   * @param monthDay 1..31, or null for the start's day
   * @return the new spec
   * @throws InvalidRecurrenceRuleException for a day out of range or a daily/weekly spec
   */
  public RecurrenceSpec withMonthDay(@Nullable Integer monthDay) {
    return new RecurrenceSpec(frequency, interval, days, endDate, count, monthDay, mode);
  }

  /**
   * Returns this spec in another mode.
   *
   * @param mode fixed (the schedule) or after completion ({@code every!})
   * @return the new spec
   */
  public RecurrenceSpec withMode(RecurrenceMode mode) {
    return new RecurrenceSpec(frequency, interval, days, endDate, count, monthDay, mode);
  }

  /**
   * Returns a validated spec from typed values; the same as the canonical constructor.
   *
   * @param frequency required
   * @param interval 1 to {@link Frequency#maxInterval()}
   * @param days weekdays for daily or weekly, or null/empty
   * @param endDate the inclusive last date (years 1..9999), or null
   * @param count the number of occurrences (1..{@link RecurrenceRule#MAX_COUNT}), or null
   * @param monthDay 1..31 for monthly or yearly, or null
   * @param mode the mode, or null for fixed
   * @return the spec
   * @throws InvalidRecurrenceRuleException naming the invalid JSON field
   */
  public static RecurrenceSpec of(
      Frequency frequency,
      int interval,
      @Nullable Set<DayOfWeek> days,
      @Nullable LocalDate endDate,
      @Nullable Integer count,
      @Nullable Integer monthDay,
      @Nullable RecurrenceMode mode) {
    return new RecurrenceSpec(
        frequency,
        interval,
        days == null ? Set.of() : days,
        endDate,
        count,
        monthDay,
        mode == null ? RecurrenceMode.FIXED : mode);
  }

  /**
   * Returns a validated spec from the JSON's string values, as a DAO maps them.
   *
   * @param frequency {@code "daily"}, {@code "weekly"}, {@code "monthly"} or {@code "yearly"}, any
   *     case; null (a JSON without the field) is refused naming {@code "frequency"}
   * @param interval 1 to {@link Frequency#maxInterval()}, or null for 1
   * @param days weekday names ({@code "monday"} or {@code "MO"}, any case), or null
   * @param endDate the inclusive last date (years 1..9999), or null
   * @param count the number of occurrences (1..{@link RecurrenceRule#MAX_COUNT}), or null
   * @param monthDay 1..31, or null
   * @param mode {@code "fixed"} or {@code "after_completion"}, or null for fixed
   * @return the spec
   * @throws InvalidRecurrenceRuleException naming the invalid JSON field
   */
  public static RecurrenceSpec of(
      @Nullable String frequency,
      @Nullable Integer interval,
      @Nullable Collection<String> days,
      @Nullable LocalDate endDate,
      @Nullable Integer count,
      @Nullable Integer monthDay,
      @Nullable String mode) {
    return SpecFields.fromStrings(frequency, interval, days, endDate, count, monthDay, mode);
  }

  /**
   * Parses a weekday as the JSON spells it: {@code "monday"} … {@code "sunday"} or {@code "MO"} …
   * {@code "SU"}, in any case.
   *
   * @param name the weekday name
   * @return the weekday
   * @throws InvalidRecurrenceRuleException (part {@code "days"}) for null or unknown names
   */
  public static DayOfWeek day(String name) {
    return SpecFields.day(name);
  }

  /**
   * Returns the JSON spelling of a weekday: its lower-case English name, such as {@code "monday"}.
   *
   * @param day the weekday
   * @return the lower-case name
   */
  public static String dayName(DayOfWeek day) {
    return day.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns {@link #days()} as JSON strings ({@code "monday"} …), Monday first.
   *
   * @return an unmodifiable list
   */
  public List<String> dayNames() {
    return days.stream().map(RecurrenceSpec::dayName).toList();
  }

  /**
   * Returns the RFC 5545 rule of this spec for a series starting on {@code startDate}.
   *
   * <p>The start supplies the anchor day when {@code month_day} is null and the month of yearly
   * rules. A monthly anchor d of 29..31 becomes {@code BYMONTHDAY=28,..,d;BYSETPOS=-1} (the last
   * day of shorter months) and a yearly one beyond the month's shortest length likewise ({@code
   * FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1} for February 29); {@code end_date} becomes
   * {@code UNTIL} in DATE form and {@code count} becomes {@code COUNT}. The mode is not part of the
   * rule.
   *
   * @param startDate the date of the first due date (DTSTART)
   * @return the rule
   */
  public RecurrenceRule toRule(LocalDate startDate) {
    return SpecRules.toRule(this, startDate);
  }

  /**
   * Returns the RFC 5545 rule of this spec for a series starting at {@code start}.
   *
   * @param start the first due date-time (DTSTART)
   * @return the rule, as {@link #toRule(LocalDate)} on the start's local date
   */
  public RecurrenceRule toRule(ZonedDateTime start) {
    return toRule(start.toLocalDate());
  }

  /**
   * Returns the schedule of this spec from {@code start}: its {@link #toRule(ZonedDateTime) rule}
   * bound to that start. The mode is not part of it.
   *
   * @param start the first due date-time (DTSTART); its zone is the series' wall clock
   * @return the schedule
   * @throws NullPointerException if {@code start} is null
   * @throws InvalidRecurrenceRuleException (part {@code "DTSTART"}) if {@code start} is before
   *     {@link RecurrenceRule#EARLIEST_START}
   */
  public Schedule schedule(ZonedDateTime start) {
    Objects.requireNonNull(start, "start");
    return toRule(start).schedule(start);
  }

  /**
   * Returns the schedule of this spec from {@code start} on the wall clock of {@code zone}.
   *
   * @param start the first due date (DTSTART)
   * @param zone the zone of the series' wall clock
   * @return the schedule, as {@link #schedule(ZonedDateTime)} of {@code start.atZone(zone)}
   * @throws NullPointerException if an argument is null
   * @throws InvalidRecurrenceRuleException (part {@code "DTSTART"}) if {@code start} is before
   *     {@link RecurrenceRule#EARLIEST_START}
   */
  public Schedule schedule(Instant start, ZoneId zone) {
    return schedule(Schedule.zoned(start, zone));
  }

  /**
   * Returns the spec (mode fixed) of a rule of the shapes {@link #toRule(LocalDate)} produces.
   *
   * <p>For a yearly rule with BYMONTH the spec has no month field: the caller's start must lie in
   * that month (use {@link #fromRule(RecurrenceRule, LocalDate)} to have it checked).
   *
   * @param rule the rule
   * @return the spec
   * @throws InvalidRecurrenceRuleException naming the RRULE part the shape cannot express
   */
  public static RecurrenceSpec fromRule(RecurrenceRule rule) {
    return fromRule(rule, null);
  }

  /**
   * Returns the spec (mode fixed) of a rule for a series starting on {@code startDate}.
   *
   * @param rule the rule
   * @param startDate the start's date, or null to skip the check that a yearly BYMONTH is the
   *     start's month
   * @return the spec
   * @throws InvalidRecurrenceRuleException naming the RRULE part the shape cannot express
   */
  public static RecurrenceSpec fromRule(RecurrenceRule rule, @Nullable LocalDate startDate) {
    return SpecRules.fromRule(rule, startDate);
  }

  /**
   * Returns the due date of the next item of a series stored one item at a time (a to-do list's
   * recurring task: completing one item creates the next), or empty when the series is over.
   *
   * <p>In such a series {@code count} is the number of items left <em>including</em> the current
   * one: a spec with count 1 has no next item, and the next item stores {@link #forNextInSeries()}.
   * The rule is therefore evaluated without COUNT. Mode {@code fixed}: the rule's first occurrence
   * after {@code due}, with {@code due} as DTSTART; mode {@code after_completion}: {@link
   * #nextDueAfterCompletion} counted from {@code completedAt}.
   *
   * <p>Like every series, this one ends at {@link RecurrenceRule#LATEST_OCCURRENCE}: a next due
   * date after it is no due date, and the result is empty.
   *
   * @param due the current item's due date
   * @param zone the zone of the series' wall clock
   * @param completedAt when the current item was completed
   * @return the next due date, or empty
   * @throws InvalidRecurrenceRuleException (part {@code "DTSTART"}) if {@code due} is before {@link
   *     RecurrenceRule#EARLIEST_START}
   * @throws IllegalArgumentException in mode {@code after_completion}, if {@code completedAt} is
   *     before {@link RecurrenceRule#EARLIEST_START}
   */
  public Optional<Instant> nextInSeries(Instant due, ZoneId zone, Instant completedAt) {
    Objects.requireNonNull(due, "due");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(completedAt, "completedAt");
    if (count != null && count <= 1) {
      return Optional.empty();
    }
    if (due.isAfter(RecurrenceRule.LATEST_OCCURRENCE)) {
      return Optional.empty();
    }
    RecurrenceSpec unbounded = withCount(null);
    return switch (mode) {
      case FIXED -> unbounded.schedule(due, zone).after(due);
      case AFTER_COMPLETION -> unbounded.nextDueAfterCompletion(due, zone, completedAt, 1);
    };
  }

  /**
   * Returns the spec the next item of a series stores (see {@link #nextInSeries}): one item fewer
   * left when it counts, else this spec.
   *
   * @return the spec
   */
  public RecurrenceSpec forNextInSeries() {
    return count == null ? this : withCount(count - 1);
  }

  /**
   * Returns the next due date of a completion-based series ({@code every!}): counted from the day
   * the previous one was completed, at the previous due date's time of day.
   *
   * <p>With {@code d} the completion's local date in {@code zone} and {@code n} the interval:
   * daily: {@code d + n} days, moved forward to the first of {@code days} if given; weekly without
   * days: {@code d + n} weeks; weekly with days: the first of {@code days} after {@code d}, plus
   * {@code n - 1} weeks; monthly: {@code n} months after {@code d}'s month on the anchor day
   * ({@code month_day}, else {@code d}'s day), or that month's last day if it is shorter; yearly:
   * {@code n} years after {@code d}, in {@code d}'s month on the anchor day, clamped likewise. The
   * time of day is the previous due date's wall time in {@code zone}, mapped like {@link
   * ZonedDateTime#of(LocalDate, LocalTime, ZoneId)}. The series ends (empty) once the date would
   * pass {@code end_date}, when {@code dueDatesSoFar} has reached {@code count}, or when the next
   * due date would be after {@link RecurrenceRule#LATEST_OCCURRENCE} (so always for a {@code
   * previousDue} or {@code completedAt} after it, such as {@link Instant#MAX}). This works whatever
   * the {@link #mode()}; callers use it for {@link RecurrenceMode#AFTER_COMPLETION} series.
   *
   * @param previousDue the due date that was completed
   * @param zone the zone of the series' wall clock
   * @param completedAt when it was completed
   * @param dueDatesSoFar how many due dates the series has had, including {@code previousDue}
   * @return the next due date, or empty when the series is over
   * @throws IllegalArgumentException if {@code dueDatesSoFar} is less than 1, or {@code
   *     completedAt} is before {@link RecurrenceRule#EARLIEST_START}
   * @throws InvalidRecurrenceRuleException (part {@code "DTSTART"}) if {@code previousDue} is
   *     before {@link RecurrenceRule#EARLIEST_START}
   */
  public Optional<Instant> nextDueAfterCompletion(
      Instant previousDue, ZoneId zone, Instant completedAt, int dueDatesSoFar) {
    return CompletionDates.next(this, previousDue, zone, completedAt, dueDatesSoFar);
  }
}
