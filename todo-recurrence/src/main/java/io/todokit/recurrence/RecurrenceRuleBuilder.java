package io.todokit.recurrence;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A mutable builder of {@link RecurrenceRule}s, made by {@link RecurrenceRule#builder(Frequency)};
 * each setter replaces the earlier value.
 *
 * <p>Not thread-safe: use one builder per thread.
 */
public final class RecurrenceRuleBuilder {
  private final Frequency frequency;
  private int interval = 1;
  private @Nullable Integer count;
  private @Nullable Until until;
  private List<WeekdayNum> byDay = List.of();
  private int[] byMonthDay = new int[0];
  private int[] byMonth = new int[0];
  private int[] bySetPos = new int[0];
  private DayOfWeek weekStart = DayOfWeek.MONDAY;

  RecurrenceRuleBuilder(Frequency frequency) {
    this.frequency = frequency;
  }

  /**
   * Sets {@code INTERVAL}.
   *
   * @param interval a number of periods, 1 to the frequency's {@link Frequency#maxInterval()}
   *     (checked by {@link #build()})
   * @return this builder
   */
  public RecurrenceRuleBuilder interval(int interval) {
    this.interval = interval;
    return this;
  }

  /**
   * Sets {@code COUNT} (and clears UNTIL).
   *
   * @param count a number of occurrences, 1..{@link RecurrenceRule#MAX_COUNT} (checked by {@link
   *     #build()})
   * @return this builder
   */
  public RecurrenceRuleBuilder count(int count) {
    this.count = count;
    this.until = null;
    return this;
  }

  /**
   * Sets {@code UNTIL} (and clears COUNT); null removes the bound.
   *
   * @param until the inclusive bound, or null
   * @return this builder
   */
  public RecurrenceRuleBuilder until(@Nullable Until until) {
    this.until = until;
    this.count = null;
    return this;
  }

  /**
   * Sets {@code UNTIL} to an instant (the {@code ...Z} form).
   *
   * @param until the inclusive bound, whole seconds
   * @return this builder
   */
  public RecurrenceRuleBuilder until(Instant until) {
    return until(new Until.Utc(until));
  }

  /**
   * Sets {@code UNTIL} to a floating date-time compared on the start's wall clock.
   *
   * @param until the inclusive bound, whole seconds
   * @return this builder
   */
  public RecurrenceRuleBuilder until(LocalDateTime until) {
    return until(new Until.Local(until));
  }

  /**
   * Sets {@code UNTIL} to a date: occurrences on that local date are included.
   *
   * @param until the last date
   * @return this builder
   */
  public RecurrenceRuleBuilder until(LocalDate until) {
    return until(new Until.OnDate(until));
  }

  /**
   * Sets {@code BYDAY} to the given weekdays, without ordinals.
   *
   * @param days the weekdays
   * @return this builder
   */
  public RecurrenceRuleBuilder byDay(DayOfWeek... days) {
    List<WeekdayNum> entries = new ArrayList<>();
    for (DayOfWeek day : days) {
      entries.add(new WeekdayNum(0, day));
    }
    return byDay(entries);
  }

  /**
   * Sets {@code BYDAY} to the given entries.
   *
   * @param days the entries, such as {@code WeekdayNum.of(2, TUESDAY)}
   * @return this builder
   */
  public RecurrenceRuleBuilder byDay(WeekdayNum... days) {
    return byDay(Arrays.asList(days));
  }

  /**
   * Sets {@code BYDAY} to the given entries.
   *
   * @param days the entries
   * @return this builder
   */
  public RecurrenceRuleBuilder byDay(Collection<WeekdayNum> days) {
    for (WeekdayNum day : days) {
      if (day == null) {
        throw new InvalidRecurrenceRuleException("BYDAY", "null entry");
      }
    }
    this.byDay = List.copyOf(days);
    return this;
  }

  /**
   * Sets {@code BYMONTHDAY}.
   *
   * @param days 1..31 or -31..-1 (from the end of the month)
   * @return this builder
   */
  public RecurrenceRuleBuilder byMonthDay(int... days) {
    this.byMonthDay = days.clone();
    return this;
  }

  /**
   * Sets {@code BYMONTH}.
   *
   * @param months 1..12
   * @return this builder
   */
  public RecurrenceRuleBuilder byMonth(int... months) {
    this.byMonth = months.clone();
    return this;
  }

  /**
   * Sets {@code BYMONTH}.
   *
   * @param months the months
   * @return this builder
   */
  public RecurrenceRuleBuilder byMonth(Month... months) {
    this.byMonth = Arrays.stream(months).mapToInt(Month::getValue).toArray();
    return this;
  }

  /**
   * Sets {@code BYSETPOS}.
   *
   * @param positions 1..366 or -366..-1 (from the end of each period's set)
   * @return this builder
   */
  public RecurrenceRuleBuilder bySetPos(int... positions) {
    this.bySetPos = positions.clone();
    return this;
  }

  /**
   * Sets {@code WKST}, the first day of the week.
   *
   * @param weekStart the first day of the week
   * @return this builder
   */
  public RecurrenceRuleBuilder weekStart(DayOfWeek weekStart) {
    if (weekStart == null) {
      throw new InvalidRecurrenceRuleException("WKST", "missing weekday");
    }
    this.weekStart = weekStart;
    return this;
  }

  /**
   * Validates and builds the rule.
   *
   * @return the rule
   * @throws InvalidRecurrenceRuleException naming the first invalid part
   */
  public RecurrenceRule build() {
    return new RecurrenceRule(
        new RuleParts(
            frequency, interval, count, until, byDay, byMonthDay, byMonth, bySetPos, weekStart));
  }
}
