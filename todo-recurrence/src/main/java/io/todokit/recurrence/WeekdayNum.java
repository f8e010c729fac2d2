package io.todokit.recurrence;

import java.time.DayOfWeek;
import java.util.Comparator;
import java.util.Locale;

/**
 * One {@code BYDAY} entry: a weekday with an optional ordinal, such as {@code MO}, {@code 1MO} (the
 * first Monday) or {@code -1FR} (the last Friday).
 *
 * <p>An ordinal of 0 means "every such weekday"; otherwise it is 1..53 or -53..-1 and counts within
 * the month (MONTHLY, or YEARLY with BYMONTH) or the year (YEARLY without BYMONTH). Records are
 * immutable and thread-safe.
 *
 * @param ordinal 0 for none, else -53..-1 or 1..53
 * @param day the weekday
 */
public record WeekdayNum(int ordinal, DayOfWeek day) implements Comparable<WeekdayNum> {

  private static final Comparator<WeekdayNum> ORDER =
      Comparator.comparing(WeekdayNum::day).thenComparingInt(WeekdayNum::ordinal);

  /**
   * Validates the ordinal and the weekday.
   *
   * @throws InvalidRecurrenceRuleException (part {@code "BYDAY"}) for a null day or an ordinal
   *     outside -53..53
   */
  public WeekdayNum {
    if (day == null) {
      throw new InvalidRecurrenceRuleException("BYDAY", "missing weekday");
    }
    if (ordinal < -53 || ordinal > 53) {
      throw new InvalidRecurrenceRuleException(
          "BYDAY", "weekday ordinal " + ordinal + " is outside -53..-1 and 1..53");
    }
  }

  /**
   * Returns every {@code day} without an ordinal, such as {@code MO}.
   *
   * @param day the weekday
   * @return the entry
   */
  public static WeekdayNum of(DayOfWeek day) {
    return new WeekdayNum(0, day);
  }

  /**
   * Returns the {@code ordinal}-th {@code day}, such as {@code of(-1, FRIDAY)} for the last Friday.
   *
   * @param ordinal -53..-1 or 1..53, or 0 for every such weekday
   * @param day the weekday
   * @return the entry
   * @throws InvalidRecurrenceRuleException (part {@code "BYDAY"}) if the ordinal is out of range
   */
  public static WeekdayNum of(int ordinal, DayOfWeek day) {
    return new WeekdayNum(ordinal, day);
  }

  /**
   * Parses one RFC 5545 {@code weekdaynum} such as {@code "MO"}, {@code "+2TU"} or {@code "-1fr"}.
   *
   * @param text the entry, in any case
   * @return the entry
   * @throws InvalidRecurrenceRuleException (part {@code "BYDAY"}) if malformed
   */
  public static WeekdayNum parse(String text) {
    if (text == null || text.length() < 2) {
      throw new InvalidRecurrenceRuleException("BYDAY", "malformed weekday '" + text + "'");
    }
    String code = text.substring(text.length() - 2);
    DayOfWeek day = dayOfCode(code, "BYDAY");
    String number = text.substring(0, text.length() - 2);
    if (number.isEmpty()) {
      return of(day);
    }
    int ordinal = RRuleText.parseInt(number, "BYDAY", -53, 53);
    if (ordinal == 0) {
      throw new InvalidRecurrenceRuleException("BYDAY", "weekday ordinal must not be 0: " + text);
    }
    return of(ordinal, day);
  }

  /**
   * Returns whether the entry has an ordinal (is not "every such weekday").
   *
   * @return true if {@code ordinal() != 0}
   */
  public boolean hasOrdinal() {
    return ordinal != 0;
  }

  /**
   * Returns the RFC 5545 text of the entry, such as {@code "MO"} or {@code "-1FR"}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return ordinal == 0 ? code(day) : ordinal + code(day);
  }

  /** Orders by weekday (Monday first), then by ordinal. */
  @Override
  public int compareTo(WeekdayNum other) {
    return ORDER.compare(this, other);
  }

  static String code(DayOfWeek day) {
    return day.name().substring(0, 2);
  }

  static DayOfWeek dayOfCode(String code, String part) {
    String upper = code.toUpperCase(Locale.ROOT);
    for (DayOfWeek day : DayOfWeek.values()) {
      if (code(day).equals(upper)) {
        return day;
      }
    }
    throw new InvalidRecurrenceRuleException(
        part, "unknown weekday '" + code + "': expected MO, TU, WE, TH, FR, SA or SU");
  }
}
