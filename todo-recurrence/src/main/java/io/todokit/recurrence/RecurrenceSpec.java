package io.todokit.recurrence;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The recurrence JSON shape stored in the database, such as {@code {"frequency": "monthly",
 * "interval": 1, "days": [], "end_date": "2026-12-31", "month_day": 31, "mode": "fixed"}}.
 *
 * <p>This module parses no JSON: the DAO layer maps the JSON into this record (with Jackson, a
 * snake-case naming strategy, and {@link #of(String, Integer, Collection, LocalDate, Integer,
 * Integer, String)} or the lower-case helpers {@link Frequency#of(String)}, {@link #day(String)},
 * {@link Mode#of(String)} for the strings). Monthly and yearly anchors on a day that some months
 * lack fall on the last day of those months. Records are immutable and thread-safe.
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
    LocalDate endDate,
    Integer count,
    Integer monthDay,
    Mode mode) {

  /**
   * Whether the next due date follows the schedule or the completion of the previous one.
   *
   * <p>Enum constants are immutable and thread-safe.
   */
  public enum Mode {
    /** Due dates follow the schedule, whenever tasks are completed (JSON {@code "fixed"}). */
    FIXED,
    /**
     * The next due date counts from the completion (Todoist's {@code every!}; JSON {@code
     * "after_completion"}).
     */
    AFTER_COMPLETION;

    /**
     * Returns the mode with the given name, in any case ({@code "fixed"}, {@code
     * "after_completion"}); null gives {@link #FIXED}.
     *
     * @param name the name, or null
     * @return the mode
     * @throws InvalidRecurrenceRuleException (part {@code "mode"}) for an unknown name
     */
    public static Mode of(String name) {
      if (name == null) {
        return FIXED;
      }
      for (Mode mode : values()) {
        if (mode.name().equalsIgnoreCase(name.strip())) {
          return mode;
        }
      }
      throw new InvalidRecurrenceRuleException(
          "mode", "unknown mode '" + name + "': expected fixed or after_completion");
    }

    /**
     * Returns the lower-case JSON name, {@code "fixed"} or {@code "after_completion"}.
     *
     * @return the name
     */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Validates the fields and normalises {@code days} (null: empty) and {@code mode} (null: fixed).
   *
   * @throws InvalidRecurrenceRuleException naming the JSON field ({@code "frequency"}, {@code
   *     "interval"}, {@code "days"}, {@code "end_date"}, {@code "count"} or {@code "month_day"})
   */
  public RecurrenceSpec {
    if (frequency == null) {
      throw new InvalidRecurrenceRuleException("frequency", "required");
    }
    if (interval < 1 || interval > frequency.maxInterval()) {
      throw new InvalidRecurrenceRuleException(
          "interval",
          "must be within 1.."
              + frequency.maxInterval()
              + " for "
              + frequency.jsonName()
              + ", was "
              + interval);
    }
    EnumSet<DayOfWeek> daySet = EnumSet.noneOf(DayOfWeek.class);
    if (days != null) {
      for (DayOfWeek day : days) {
        if (day == null) {
          throw new InvalidRecurrenceRuleException("days", "contains null");
        }
        daySet.add(day);
      }
    }
    if (!daySet.isEmpty() && frequency != Frequency.DAILY && frequency != Frequency.WEEKLY) {
      throw new InvalidRecurrenceRuleException(
          "days", "only allowed with daily or weekly, not " + frequency.jsonName());
    }
    days = Collections.unmodifiableSet(daySet);
    if (endDate != null
        && (endDate.getYear() < RecurrenceRule.MIN_UNTIL_YEAR
            || endDate.getYear() > RecurrenceRule.MAX_UNTIL_YEAR)) {
      throw new InvalidRecurrenceRuleException(
          "end_date", "must be in years 0001..9999: " + endDate);
    }
    if (count != null && (count < 1 || count > RecurrenceRule.MAX_COUNT)) {
      throw new InvalidRecurrenceRuleException(
          "count", "must be within 1.." + RecurrenceRule.MAX_COUNT + ", was " + count);
    }
    if (count != null && endDate != null) {
      throw new InvalidRecurrenceRuleException(
          "count", "count and end_date must not both be given");
    }
    if (monthDay != null) {
      if (frequency != Frequency.MONTHLY && frequency != Frequency.YEARLY) {
        throw new InvalidRecurrenceRuleException(
            "month_day", "only allowed with monthly or yearly, not " + frequency.jsonName());
      }
      if (monthDay < 1 || monthDay > 31) {
        throw new InvalidRecurrenceRuleException(
            "month_day", "must be within 1..31, was " + monthDay);
      }
    }
    if (mode == null) {
      mode = Mode.FIXED;
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
    return new RecurrenceSpec(Frequency.DAILY, interval, null, null, null, null, null);
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
        Frequency.WEEKLY, interval, new HashSet<>(Arrays.asList(days)), null, null, null, null);
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
    return new RecurrenceSpec(Frequency.MONTHLY, interval, null, null, null, null, null);
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
    return new RecurrenceSpec(Frequency.YEARLY, interval, null, null, null, null, null);
  }

  /**
   * Returns this spec ending on {@code endDate} (inclusive).
   *
   * @param endDate the last date an occurrence may fall on (years 1..9999), or null for no end date
   * @return the new spec
   * @throws InvalidRecurrenceRuleException when the spec also has a count, or the date is out of
   *     range
   */
  public RecurrenceSpec withEndDate(LocalDate endDate) {
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
  public RecurrenceSpec withCount(Integer count) {
    return new RecurrenceSpec(frequency, interval, days, endDate, count, monthDay, mode);
  }

  /**
   * Returns this monthly or yearly spec anchored on {@code monthDay}.
   *
   * @param monthDay 1..31, or null for the start's day
   * @return the new spec
   * @throws InvalidRecurrenceRuleException for a day out of range or a daily/weekly spec
   */
  public RecurrenceSpec withMonthDay(Integer monthDay) {
    return new RecurrenceSpec(frequency, interval, days, endDate, count, monthDay, mode);
  }

  /**
   * Returns this spec in another mode.
   *
   * @param mode fixed (the schedule) or after completion ({@code every!})
   * @return the new spec
   */
  public RecurrenceSpec withMode(Mode mode) {
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
      Set<DayOfWeek> days,
      LocalDate endDate,
      Integer count,
      Integer monthDay,
      Mode mode) {
    return new RecurrenceSpec(frequency, interval, days, endDate, count, monthDay, mode);
  }

  /**
   * Returns a validated spec from the JSON's string values, as a DAO maps them.
   *
   * @param frequency {@code "daily"}, {@code "weekly"}, {@code "monthly"} or {@code "yearly"}, any
   *     case
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
      String frequency,
      Integer interval,
      Collection<String> days,
      LocalDate endDate,
      Integer count,
      Integer monthDay,
      String mode) {
    if (frequency == null) {
      throw new InvalidRecurrenceRuleException("frequency", "required");
    }
    Frequency parsed;
    try {
      parsed = Frequency.of(frequency);
    } catch (InvalidRecurrenceRuleException e) {
      throw new InvalidRecurrenceRuleException(
          "frequency", "expected daily, weekly, monthly or yearly, was '" + frequency + "'");
    }
    EnumSet<DayOfWeek> daySet = EnumSet.noneOf(DayOfWeek.class);
    if (days != null) {
      for (String day : days) {
        daySet.add(day(day));
      }
    }
    return new RecurrenceSpec(
        parsed, interval == null ? 1 : interval, daySet, endDate, count, monthDay, Mode.of(mode));
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
    if (name != null) {
      String upper = name.strip().toUpperCase(Locale.ROOT);
      for (DayOfWeek day : DayOfWeek.values()) {
        if (day.name().equals(upper) || WeekdayNum.code(day).equals(upper)) {
          return day;
        }
      }
    }
    throw new InvalidRecurrenceRuleException(
        "days", "unknown weekday '" + name + "': expected monday..sunday or MO..SU");
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
    Objects.requireNonNull(startDate, "startDate");
    RecurrenceRule.Builder builder = RecurrenceRule.builder(frequency).interval(interval);
    switch (frequency) {
      case DAILY, WEEKLY -> {
        if (!days.isEmpty()) {
          builder.byDay(days.toArray(DayOfWeek[]::new));
        }
      }
      case MONTHLY -> {
        int anchor = monthDay != null ? monthDay : startDate.getDayOfMonth();
        if (anchor > 28) {
          builder.byMonthDay(range(28, anchor)).bySetPos(-1);
        } else if (monthDay != null) {
          builder.byMonthDay(anchor);
        }
      }
      case YEARLY -> {
        Month month = startDate.getMonth();
        int anchor = monthDay != null ? monthDay : startDate.getDayOfMonth();
        int shortest = month.minLength();
        if (anchor > shortest) {
          builder.byMonth(month.getValue()).byMonthDay(range(shortest, anchor)).bySetPos(-1);
        } else if (monthDay != null) {
          builder.byMonth(month.getValue()).byMonthDay(anchor);
        }
      }
    }
    if (endDate != null) {
      builder.until(endDate);
    }
    if (count != null) {
      builder.count(count);
    }
    return builder.build();
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

  private static int[] range(int from, int to) {
    int[] values = new int[to - from + 1];
    for (int i = 0; i < values.length; i++) {
      values[i] = from + i;
    }
    return values;
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
  public static RecurrenceSpec fromRule(RecurrenceRule rule, LocalDate startDate) {
    Objects.requireNonNull(rule, "rule");
    LocalDate endDate = null;
    if (rule.until().isPresent()) {
      if (!(rule.until().get() instanceof Until.OnDate onDate)) {
        throw new InvalidRecurrenceRuleException(
            "UNTIL", "end_date is a whole date: only the DATE form (yyyyMMdd) fits the shape");
      }
      endDate = onDate.date();
    }
    Integer count = rule.count().isPresent() ? rule.count().getAsInt() : null;
    List<Integer> monthDays = rule.byMonthDay();
    List<Integer> months = rule.byMonth();
    List<Integer> setPositions = rule.bySetPos();
    EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    Integer monthDay = null;
    switch (rule.frequency()) {
      case DAILY, WEEKLY -> {
        refuseIfPresent(months, "BYMONTH");
        refuseIfPresent(monthDays, "BYMONTHDAY");
        refuseIfPresent(setPositions, "BYSETPOS");
        for (WeekdayNum day : rule.byDay()) {
          days.add(day.day());
        }
        if (rule.frequency() == Frequency.WEEKLY
            && rule.interval() > 1
            && rule.weekStart() != DayOfWeek.MONDAY) {
          throw new InvalidRecurrenceRuleException(
              "WKST", "the shape's weeks start on Monday; WKST matters with INTERVAL > 1");
        }
      }
      case MONTHLY -> {
        refuseIfPresent(rule.byDay(), "BYDAY");
        refuseIfPresent(months, "BYMONTH");
        monthDay = anchor(monthDays, setPositions, 28);
      }
      case YEARLY -> {
        refuseIfPresent(rule.byDay(), "BYDAY");
        if (months.isEmpty()) {
          refuseIfPresent(monthDays, "BYMONTHDAY");
          refuseIfPresent(setPositions, "BYSETPOS");
        } else {
          if (months.size() > 1) {
            throw new InvalidRecurrenceRuleException("BYMONTH", "the shape has a single month");
          }
          Month month = Month.of(months.get(0));
          if (startDate != null && startDate.getMonth() != month) {
            throw new InvalidRecurrenceRuleException(
                "BYMONTH", "the shape's yearly rules recur in the start's month, " + startDate);
          }
          monthDay = anchor(monthDays, setPositions, month.minLength());
        }
      }
    }
    return new RecurrenceSpec(
        rule.frequency(), rule.interval(), days, endDate, count, monthDay, Mode.FIXED);
  }

  /** The month day of {@code BYMONTHDAY=d} (d ≤ shortest) or {@code shortest..d;BYSETPOS=-1}. */
  private static Integer anchor(List<Integer> monthDays, List<Integer> setPositions, int shortest) {
    if (monthDays.isEmpty()) {
      refuseIfPresent(setPositions, "BYSETPOS");
      return null;
    }
    if (setPositions.isEmpty()) {
      if (monthDays.size() == 1 && monthDays.get(0) > 0 && monthDays.get(0) <= shortest) {
        return monthDays.get(0);
      }
      throw new InvalidRecurrenceRuleException(
          "BYMONTHDAY",
          "the shape expresses one day 1.."
              + shortest
              + ", or a later anchor as BYMONTHDAY="
              + shortest
              + ",..,d;BYSETPOS=-1");
    }
    int last = monthDays.get(monthDays.size() - 1);
    boolean consecutive = monthDays.get(0) == shortest && last > shortest && last <= 31;
    for (int i = 1; i < monthDays.size() && consecutive; i++) {
      consecutive = monthDays.get(i) == shortest + i;
    }
    if (!consecutive || !setPositions.equals(List.of(-1))) {
      throw new InvalidRecurrenceRuleException(
          setPositions.equals(List.of(-1)) ? "BYMONTHDAY" : "BYSETPOS",
          "the shape expresses a late anchor only as BYMONTHDAY=" + shortest + ",..,d;BYSETPOS=-1");
    }
    return last;
  }

  private static void refuseIfPresent(List<?> values, String part) {
    if (!values.isEmpty()) {
      throw new InvalidRecurrenceRuleException(part, "not expressible in the JSON shape");
    }
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
   * @param due the current item's due date; its zone is the series' wall clock
   * @param completedAt when the current item was completed
   * @return the next due date in the zone of {@code due}, or empty
   * @throws InvalidRecurrenceRuleException (part {@code "DTSTART"}) if {@code due} is before {@link
   *     RecurrenceRule#EARLIEST_START}
   * @throws IllegalArgumentException in mode {@code after_completion}, if {@code completedAt} is
   *     before {@link RecurrenceRule#EARLIEST_START}
   */
  public Optional<ZonedDateTime> nextInSeries(ZonedDateTime due, Instant completedAt) {
    Objects.requireNonNull(due, "due");
    Objects.requireNonNull(completedAt, "completedAt");
    if (count != null && count <= 1) {
      return Optional.empty();
    }
    RecurrenceSpec unbounded = withCount(null);
    ZoneId zone = due.getZone();
    return switch (mode) {
      case FIXED -> unbounded.schedule(due).after(due.toInstant()).map(next -> next.atZone(zone));
      case AFTER_COMPLETION -> unbounded.nextDueAfterCompletion(due, completedAt, zone, 1);
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
   * the {@link #mode()}; callers use it for {@link Mode#AFTER_COMPLETION} series.
   *
   * @param previousDue the due date that was completed
   * @param completedAt when it was completed
   * @param zone the zone of the series' wall clock
   * @param dueDatesSoFar how many due dates the series has had, including {@code previousDue}
   * @return the next due date in {@code zone}, or empty when the series is over
   * @throws IllegalArgumentException if {@code dueDatesSoFar} is less than 1, or {@code
   *     completedAt} is before {@link RecurrenceRule#EARLIEST_START}
   * @throws InvalidRecurrenceRuleException (part {@code "DTSTART"}) if {@code previousDue} is
   *     before {@link RecurrenceRule#EARLIEST_START}
   */
  public Optional<ZonedDateTime> nextDueAfterCompletion(
      ZonedDateTime previousDue, Instant completedAt, ZoneId zone, int dueDatesSoFar) {
    Objects.requireNonNull(previousDue, "previousDue");
    Objects.requireNonNull(completedAt, "completedAt");
    Objects.requireNonNull(zone, "zone");
    if (dueDatesSoFar < 1) {
      throw new IllegalArgumentException("dueDatesSoFar must be at least 1, was " + dueDatesSoFar);
    }
    if (previousDue.toInstant().isBefore(RecurrenceRule.EARLIEST_START)) {
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
    if (count != null && dueDatesSoFar >= count) {
      return Optional.empty();
    }
    // Series end at the horizon: a due date after it was never one (as a DTSTART after it has no
    // occurrences), and the next due date falls after the completion's date, so after the horizon
    // if the completion is. Within it the date arithmetic below stays in years 0..10100.
    if (previousDue.toInstant().isAfter(RecurrenceRule.LATEST_OCCURRENCE)
        || completedAt.isAfter(RecurrenceRule.LATEST_OCCURRENCE)) {
      return Optional.empty();
    }
    LocalDate completed = LocalDate.ofInstant(completedAt, zone);
    LocalTime time = previousDue.withZoneSameInstant(zone).toLocalTime();
    LocalDate next =
        switch (frequency) {
          case DAILY -> onOrAfterFirstOfDays(completed.plusDays(interval));
          case WEEKLY ->
              days.isEmpty()
                  ? completed.plusWeeks(interval)
                  : onOrAfterFirstOfDays(completed.plusDays(1)).plusWeeks(interval - 1L);
          case MONTHLY -> {
            YearMonth month = YearMonth.from(completed).plusMonths(interval);
            int anchor = monthDay != null ? monthDay : completed.getDayOfMonth();
            yield month.atDay(Math.min(anchor, month.lengthOfMonth()));
          }
          case YEARLY -> {
            YearMonth month = YearMonth.from(completed).plusYears(interval);
            int anchor = monthDay != null ? monthDay : completed.getDayOfMonth();
            yield month.atDay(Math.min(anchor, month.lengthOfMonth()));
          }
        };
    if (endDate != null && next.isAfter(endDate)) {
      return Optional.empty();
    }
    ZonedDateTime due = ZonedDateTime.of(next, time, zone);
    return due.toInstant().isAfter(RecurrenceRule.LATEST_OCCURRENCE)
        ? Optional.empty()
        : Optional.of(due);
  }

  private LocalDate onOrAfterFirstOfDays(LocalDate date) {
    if (days.isEmpty()) {
      return date;
    }
    LocalDate best = null;
    for (DayOfWeek day : days) {
      LocalDate candidate = date.with(TemporalAdjusters.nextOrSame(day));
      if (best == null || candidate.isBefore(best)) {
        best = candidate;
      }
    }
    return best;
  }
}
