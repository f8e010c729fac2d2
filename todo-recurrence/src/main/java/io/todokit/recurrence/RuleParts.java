package io.todokit.recurrence;

import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The validated, normalised parts of a {@link RecurrenceRule} (sorted, de-duplicated lists) and the
 * bit masks {@link OccurrenceCursor} reads. Immutable: the arrays are never written after the
 * constructor, and {@link RecurrenceRule} hands out copies only.
 */
final class RuleParts {

  final Frequency frequency;
  final int interval;

  /** COUNT, or 0 if the rule is not bounded by a count. */
  final int count;

  final @Nullable Until until;
  final List<WeekdayNum> byDay;
  final int[] byMonthDay;
  final int[] byMonth;
  final int[] bySetPos;
  final DayOfWeek weekStart;

  /** Bit m (1..12) for each BYMONTH month; 0 if none. */
  final int monthMask;

  /** Bit d (1..31) for each positive BYMONTHDAY. */
  final int monthDayPositive;

  /** Bit k (1..31) for each negative BYMONTHDAY -k. */
  final int monthDayNegative;

  /** Bit w (0 = Monday) for each BYDAY weekday without ordinal. */
  final int weekdayMask;

  /** Per weekday (0 = Monday), bit n for each positive ordinal n; null if there is none. */
  final long @Nullable [] ordinalPositive;

  /** Per weekday (0 = Monday), bit n for each negative ordinal -n; null if there is none. */
  final long @Nullable [] ordinalNegative;

  /**
   * Validates and normalises the parts, in the order a reader of the rule meets them.
   *
   * @param count COUNT, or null for none
   * @throws InvalidRecurrenceRuleException naming the first invalid part
   */
  RuleParts(
      Frequency frequency,
      int interval,
      @Nullable Integer count,
      @Nullable Until until,
      List<WeekdayNum> byDay,
      int[] byMonthDay,
      int[] byMonth,
      int[] bySetPos,
      DayOfWeek weekStart) {
    this.frequency = frequency;
    if (interval < 1 || interval > frequency.maxInterval()) {
      throw new InvalidRecurrenceRuleException(
          "INTERVAL",
          "must be within 1.."
              + frequency.maxInterval()
              + " for "
              + frequency
              + ", was "
              + interval);
    }
    this.interval = interval;
    if (count != null && (count < 1 || count > RecurrenceRule.MAX_COUNT)) {
      throw new InvalidRecurrenceRuleException(
          "COUNT", "must be within 1.." + RecurrenceRule.MAX_COUNT + ", was " + count);
    }
    if (count != null && until != null) {
      throw new InvalidRecurrenceRuleException("UNTIL", "COUNT and UNTIL must not both be given");
    }
    this.count = count == null ? 0 : count;
    this.until = until;
    this.weekStart = weekStart;

    TreeSet<WeekdayNum> days = new TreeSet<>(byDay);
    int weekdays = 0;
    long[] positive = new long[7];
    long[] negative = new long[7];
    boolean ordinals = false;
    for (WeekdayNum day : days) {
      int index = day.day().getValue() - 1;
      if (day.ordinal() == 0) {
        weekdays |= 1 << index;
      } else if (frequency == Frequency.DAILY || frequency == Frequency.WEEKLY) {
        throw new InvalidRecurrenceRuleException(
            "BYDAY",
            "an ordinal weekday such as '" + day + "' is only allowed with MONTHLY or YEARLY");
      } else {
        ordinals = true;
        if (day.ordinal() > 0) {
          positive[index] |= 1L << day.ordinal();
        } else {
          negative[index] |= 1L << -day.ordinal();
        }
      }
    }
    this.byDay = List.copyOf(days);
    this.weekdayMask = weekdays;
    this.ordinalPositive = ordinals ? positive : null;
    this.ordinalNegative = ordinals ? negative : null;

    this.byMonthDay = sortedDistinct(byMonthDay, "BYMONTHDAY", -31, 31);
    int dayPositive = 0;
    int dayNegative = 0;
    for (int day : this.byMonthDay) {
      if (day > 0) {
        dayPositive |= 1 << day;
      } else {
        dayNegative |= 1 << -day;
      }
    }
    this.monthDayPositive = dayPositive;
    this.monthDayNegative = dayNegative;

    this.byMonth = sortedDistinct(byMonth, "BYMONTH", 1, 12);
    int months = 0;
    for (int month : this.byMonth) {
      months |= 1 << month;
    }
    this.monthMask = months;
    this.bySetPos = sortedDistinct(bySetPos, "BYSETPOS", -366, 366);
  }

  private static int[] sortedDistinct(int[] values, String part, int min, int max) {
    for (int value : values) {
      if (value == 0 || value < min || value > max) {
        throw new InvalidRecurrenceRuleException(
            part,
            "value " + value + " is outside " + (min < 0 ? min + "..-1 and " : "") + "1.." + max);
      }
    }
    return Arrays.stream(values).sorted().distinct().toArray();
  }

  boolean hasByDay() {
    return !byDay.isEmpty();
  }

  boolean hasByMonthDay() {
    return byMonthDay.length > 0;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof RuleParts parts
        && frequency == parts.frequency
        && interval == parts.interval
        && count == parts.count
        && Objects.equals(until, parts.until)
        && byDay.equals(parts.byDay)
        && Arrays.equals(byMonthDay, parts.byMonthDay)
        && Arrays.equals(byMonth, parts.byMonth)
        && Arrays.equals(bySetPos, parts.bySetPos)
        && weekStart == parts.weekStart;
  }

  @Override
  public int hashCode() {
    return RRuleText.format(this).hashCode();
  }
}
