package io.todokit.recurrence;

import java.util.Locale;

/**
 * How often a rule repeats: the RFC 5545 {@code FREQ} values this library supports.
 *
 * <p>The JSON shape spells them in lower case ({@code "daily"}); {@link #of(String)} accepts either
 * case and {@link #jsonName()} gives the lower-case spelling. Enum constants are immutable and
 * thread-safe.
 */
public enum Frequency {
  /** Every {@code INTERVAL} days. */
  DAILY,
  /** Every {@code INTERVAL} weeks (weeks start on the rule's {@code WKST}). */
  WEEKLY,
  /** Every {@code INTERVAL} calendar months. */
  MONTHLY,
  /** Every {@code INTERVAL} calendar years. */
  YEARLY;

  /**
   * Returns the frequency with the given name, in any case ({@code "daily"}, {@code "DAILY"}).
   *
   * @param name the name, such as {@code "weekly"}
   * @return the frequency
   * @throws InvalidRecurrenceRuleException (part {@code "FREQ"}) for null, unknown or unsupported
   *     names such as {@code "hourly"}
   */
  public static Frequency of(String name) {
    if (name == null) {
      throw new InvalidRecurrenceRuleException("FREQ", "missing frequency");
    }
    String upper = name.trim().toUpperCase(Locale.ROOT);
    for (Frequency frequency : values()) {
      if (frequency.name().equals(upper)) {
        return frequency;
      }
    }
    if (upper.equals("HOURLY") || upper.equals("MINUTELY") || upper.equals("SECONDLY")) {
      throw new InvalidRecurrenceRuleException(
          "FREQ", "unsupported frequency '" + name + "': only DAILY, WEEKLY, MONTHLY and YEARLY");
    }
    throw new InvalidRecurrenceRuleException(
        "FREQ", "unknown frequency '" + name + "': expected DAILY, WEEKLY, MONTHLY or YEARLY");
  }

  /**
   * Returns the largest {@code INTERVAL} (and JSON {@code interval}) of this frequency: about 100
   * years, {@link RecurrenceRule#MAX_DAILY_INTERVAL} (36,600) days, {@link
   * RecurrenceRule#MAX_WEEKLY_INTERVAL} (5,200) weeks, {@link RecurrenceRule#MAX_MONTHLY_INTERVAL}
   * (1,200) months or {@link RecurrenceRule#MAX_YEARLY_INTERVAL} (100) years.
   *
   * @return the largest interval; the smallest is 1
   */
  public int maxInterval() {
    return switch (this) {
      case DAILY -> RecurrenceRule.MAX_DAILY_INTERVAL;
      case WEEKLY -> RecurrenceRule.MAX_WEEKLY_INTERVAL;
      case MONTHLY -> RecurrenceRule.MAX_MONTHLY_INTERVAL;
      case YEARLY -> RecurrenceRule.MAX_YEARLY_INTERVAL;
    };
  }

  /**
   * Returns the lower-case name used in the JSON shape, such as {@code "monthly"}.
   *
   * @return the lower-case name
   */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
