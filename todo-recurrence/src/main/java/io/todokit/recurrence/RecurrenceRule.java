package io.todokit.recurrence;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * An immutable RFC 5545 recurrence rule (the DAILY/WEEKLY/MONTHLY/YEARLY subset) whose occurrences
 * are computed on the wall clock of the start's time zone.
 *
 * <p>Create one with {@link #parse(String)} or {@link #builder(Frequency)}, and bind it to its
 * start with {@link #schedule(ZonedDateTime)} to compute its occurrences. The supported parts are
 * FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS and WKST; anything else is
 * refused with an {@link InvalidRecurrenceRuleException} naming the part, and so are values beyond
 * the limits: INTERVAL up to about 100 years ({@link #MAX_DAILY_INTERVAL}, {@link
 * #MAX_WEEKLY_INTERVAL}, {@link #MAX_MONTHLY_INTERVAL}, {@link #MAX_YEARLY_INTERVAL}), COUNT up to
 * {@link #MAX_COUNT}, UNTIL in years {@link #MIN_UNTIL_YEAR}..{@link #MAX_UNTIL_YEAR}. Occurrences
 * follow RFC 5545 and python-dateutil: a start that does not match the rule is not an occurrence,
 * and defaults missing from the rule come from the start (its weekday, day of month and month).
 * Instances are immutable and thread-safe; equal rules have equal {@link #toRRule()} text.
 */
public final class RecurrenceRule {

  /**
   * The largest INTERVAL of a DAILY rule: 36,600 days, about 100 years (so is every other
   * frequency's largest INTERVAL, see {@link Frequency#maxInterval()}).
   */
  public static final int MAX_DAILY_INTERVAL = 36_600;

  /** The largest INTERVAL of a WEEKLY rule: 5,200 weeks, about 100 years. */
  public static final int MAX_WEEKLY_INTERVAL = 5_200;

  /** The largest INTERVAL of a MONTHLY rule: 1,200 months, 100 years. */
  public static final int MAX_MONTHLY_INTERVAL = 1_200;

  /** The largest INTERVAL of a YEARLY rule: 100 years. */
  public static final int MAX_YEARLY_INTERVAL = 100;

  /** The largest COUNT: 10,000 occurrences, which bounds the walk a COUNT query makes. */
  public static final int MAX_COUNT = 10_000;

  /**
   * The earliest DTSTART, 0001-01-01T00:00:00Z: {@link #schedule(ZonedDateTime)} refuses an earlier
   * one with an {@link InvalidRecurrenceRuleException} whose part is {@code "DTSTART"}.
   */
  public static final Instant EARLIEST_START = Instant.parse("0001-01-01T00:00:00Z");

  /**
   * The horizon, 9999-12-31T23:59:59.999999Z, the last instant of year 9999 at PostgreSQL's
   * microsecond precision: every series ends there (no method yields a later occurrence, and a
   * DTSTART after it has none at all), so every occurrence is storable and has a four-digit year.
   */
  public static final Instant LATEST_OCCURRENCE = Instant.parse("9999-12-31T23:59:59.999999Z");

  /** The first year an UNTIL bound (and a {@link RecurrenceSpec#endDate()}) may fall in. */
  public static final int MIN_UNTIL_YEAR = 1;

  /** The last year an UNTIL bound (and a {@link RecurrenceSpec#endDate()}) may fall in. */
  public static final int MAX_UNTIL_YEAR = 9_999;

  private final RuleParts parts;

  RecurrenceRule(RuleParts parts) {
    this.parts = parts;
  }

  /**
   * Parses an RFC 5545 RRULE value such as {@code FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR}.
   *
   * <p>The optional {@code RRULE:} prefix, part names and values are case-insensitive; parts may
   * come in any order but only once each.
   *
   * @param rrule the rule text, with or without the {@code RRULE:} prefix
   * @return the rule
   * @throws InvalidRecurrenceRuleException if the text is null, malformed, inconsistent or uses an
   *     unsupported part; {@link InvalidRecurrenceRuleException#part()} names the culprit
   */
  public static RecurrenceRule parse(String rrule) {
    return RRuleText.parse(rrule);
  }

  /**
   * Starts building a rule with the given frequency (INTERVAL 1, WKST Monday, no bound).
   *
   * @param frequency the frequency
   * @return a new builder
   * @throws InvalidRecurrenceRuleException (part {@code "FREQ"}) if {@code frequency} is null
   */
  public static RecurrenceRuleBuilder builder(Frequency frequency) {
    if (frequency == null) {
      throw new InvalidRecurrenceRuleException("FREQ", "missing frequency");
    }
    return new RecurrenceRuleBuilder(frequency);
  }

  /**
   * Returns the canonical RRULE text (without the {@code RRULE:} prefix).
   *
   * <p>Parts come in the order FREQ, INTERVAL, COUNT, UNTIL, BYMONTH, BYMONTHDAY, BYDAY, BYSETPOS,
   * WKST; INTERVAL=1 and WKST=MO are left out and lists are sorted, so {@code
   * parse(r.toRRule()).equals(r)} and equal rules have equal text.
   *
   * @return the canonical text
   */
  public String toRRule() {
    return RRuleText.format(parts);
  }

  /**
   * Binds this rule to its start: the series of occurrences from {@code start} on the wall clock of
   * its zone, queried in instants.
   *
   * @param start the first instant of the series (DTSTART); its zone is the series' wall clock
   * @return the schedule
   * @throws NullPointerException if {@code start} is null
   * @throws InvalidRecurrenceRuleException (part {@code "DTSTART"}) if {@code start} is before
   *     {@link #EARLIEST_START}
   */
  public Schedule schedule(ZonedDateTime start) {
    return Schedule.of(this, start);
  }

  /**
   * Binds this rule to its start, {@code start} on the wall clock of {@code zone}.
   *
   * @param start the first instant of the series (DTSTART)
   * @param zone the zone whose wall clock the series follows
   * @return the schedule
   * @throws NullPointerException if an argument is null
   * @throws InvalidRecurrenceRuleException (part {@code "DTSTART"}) if {@code start} is before
   *     {@link #EARLIEST_START}, or so far from the present (beyond the years ±999,999,999) that it
   *     has no local date-time in {@code zone}
   */
  public Schedule schedule(Instant start, ZoneId zone) {
    return Schedule.of(this, start, zone);
  }

  /**
   * Returns the frequency ({@code FREQ}).
   *
   * @return the frequency
   */
  public Frequency frequency() {
    return parts.frequency;
  }

  /**
   * Returns the interval ({@code INTERVAL}, 1 if absent).
   *
   * @return a number of periods, 1 to the frequency's {@link Frequency#maxInterval()}
   */
  public int interval() {
    return parts.interval;
  }

  /**
   * Returns the number of occurrences ({@code COUNT}), if bounded by a count.
   *
   * @return the count (1..{@link #MAX_COUNT}), or empty
   */
  public OptionalInt count() {
    return parts.count == 0 ? OptionalInt.empty() : OptionalInt.of(parts.count);
  }

  /**
   * Returns the inclusive end ({@code UNTIL}), if bounded by one.
   *
   * @return the bound, or empty
   */
  public Optional<Until> until() {
    return Optional.ofNullable(parts.until);
  }

  /**
   * Returns the {@code BYDAY} entries, sorted by weekday then ordinal.
   *
   * @return an unmodifiable list, empty if absent
   */
  public List<WeekdayNum> byDay() {
    return parts.byDay;
  }

  /**
   * Returns the {@code BYMONTHDAY} values (1..31, -31..-1), sorted.
   *
   * @return an unmodifiable list, empty if absent
   */
  public List<Integer> byMonthDay() {
    return list(parts.byMonthDay);
  }

  /**
   * Returns the {@code BYMONTH} values (1..12), sorted.
   *
   * @return an unmodifiable list, empty if absent
   */
  public List<Integer> byMonth() {
    return list(parts.byMonth);
  }

  /**
   * Returns the {@code BYSETPOS} values (1..366, -366..-1), sorted.
   *
   * @return an unmodifiable list, empty if absent
   */
  public List<Integer> bySetPos() {
    return list(parts.bySetPos);
  }

  /**
   * Returns the first day of the week ({@code WKST}, Monday if absent).
   *
   * @return the week start
   */
  public DayOfWeek weekStart() {
    return parts.weekStart;
  }

  private static List<Integer> list(int[] values) {
    return Arrays.stream(values).boxed().toList();
  }

  /** The validated parts and the bit masks the occurrence walk reads. */
  RuleParts parts() {
    return parts;
  }

  /**
   * Returns whether {@code other} is a rule with the same parts (after normalisation: sorted,
   * de-duplicated lists, INTERVAL 1 and WKST Monday when absent).
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof RecurrenceRule rule && parts.equals(rule.parts);
  }

  @Override
  public int hashCode() {
    return toRRule().hashCode();
  }

  /** Returns {@link #toRRule()}. */
  @Override
  public String toString() {
    return toRRule();
  }
}
