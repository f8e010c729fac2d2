package io.todokit.recurrence;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The checks of a {@link RecurrenceSpec}'s JSON fields, each failure naming its field, and the
 * parsing of the strings the JSON spells them with.
 */
final class SpecFields {

  private SpecFields() {}

  /**
   * Checks the fields in the order of the JSON shape and returns the normalised {@code days}.
   *
   * @param frequency required, though a caller that skips the type system may pass null
   * @param days the weekdays, or null for none
   * @return {@code days} as an unmodifiable set, empty for null
   * @throws InvalidRecurrenceRuleException naming the first invalid field
   */
  static Set<DayOfWeek> check(
      @Nullable Frequency frequency,
      int interval,
      @Nullable Set<DayOfWeek> days,
      @Nullable LocalDate endDate,
      @Nullable Integer count,
      @Nullable Integer monthDay) {
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
        // Null-marked, but a caller that skips the type system may still pass a null element.
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
    return Collections.unmodifiableSet(daySet);
  }

  /**
   * See {@link RecurrenceSpec#of(String, Integer, Collection, LocalDate, Integer, Integer,
   * String)}.
   */
  static RecurrenceSpec fromStrings(
      @Nullable String frequency,
      @Nullable Integer interval,
      @Nullable Collection<String> days,
      @Nullable LocalDate endDate,
      @Nullable Integer count,
      @Nullable Integer monthDay,
      @Nullable String mode) {
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
        parsed,
        interval == null ? 1 : interval,
        daySet,
        endDate,
        count,
        monthDay,
        RecurrenceMode.of(mode));
  }

  /** See {@link RecurrenceSpec#day(String)}. */
  static DayOfWeek day(@Nullable String name) {
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
}
