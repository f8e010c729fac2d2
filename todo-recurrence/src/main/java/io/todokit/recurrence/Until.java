package io.todokit.recurrence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The {@code UNTIL} bound of a rule in one of its three RFC 5545 forms; the bound is inclusive.
 *
 * <p>{@link Utc} ({@code 19970902T090000Z}) compares instants; {@link Local} ({@code
 * 19970902T090000}) compares wall-clock date-times in the start's zone; {@link OnDate} ({@code
 * 19970902}) includes every occurrence on that local date. Values are immutable and thread-safe.
 */
public sealed interface Until {

  /**
   * Returns the RFC 5545 text of the bound, such as {@code 19970902T090000Z}.
   *
   * @return the text
   */
  String toRRuleValue();

  /**
   * An instant: occurrences at or before it are included.
   *
   * @param instant whole seconds, in years 0001..9999
   */
  record Utc(Instant instant) implements Until {
    /**
     * Validates the instant.
     *
     * @throws InvalidRecurrenceRuleException (part {@code "UNTIL"}) if null, not whole seconds or
     *     outside years 0001..9999
     */
    public Utc {
      if (instant == null
          || instant.getNano() != 0
          || instant.isBefore(RRuleText.MIN_INSTANT)
          || instant.isAfter(RRuleText.MAX_INSTANT)) {
        throw new InvalidRecurrenceRuleException(
            "UNTIL", "must be whole seconds in years 0001..9999: " + instant);
      }
    }

    @Override
    public String toRRuleValue() {
      return RRuleText.DATE_TIME.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)) + "Z";
    }
  }

  /**
   * A floating (zone-less) date-time, compared with occurrences on the start's wall clock.
   *
   * @param dateTime whole seconds, in years 0001..9999
   */
  record Local(LocalDateTime dateTime) implements Until {
    /**
     * Validates the date-time.
     *
     * @throws InvalidRecurrenceRuleException (part {@code "UNTIL"}) if null, not whole seconds or
     *     outside years 0001..9999
     */
    public Local {
      if (dateTime == null
          || dateTime.getNano() != 0
          || dateTime.getYear() < RecurrenceRule.MIN_UNTIL_YEAR
          || dateTime.getYear() > RecurrenceRule.MAX_UNTIL_YEAR) {
        throw new InvalidRecurrenceRuleException(
            "UNTIL", "must be whole seconds in years 0001..9999: " + dateTime);
      }
    }

    @Override
    public String toRRuleValue() {
      return RRuleText.DATE_TIME.format(dateTime);
    }
  }

  /**
   * A local date: every occurrence on or before that date (on the start's wall clock) is included.
   *
   * @param date in years 0001..9999
   */
  record OnDate(LocalDate date) implements Until {
    /**
     * Validates the date.
     *
     * @throws InvalidRecurrenceRuleException (part {@code "UNTIL"}) if null or outside years
     *     0001..9999
     */
    public OnDate {
      if (date == null
          || date.getYear() < RecurrenceRule.MIN_UNTIL_YEAR
          || date.getYear() > RecurrenceRule.MAX_UNTIL_YEAR) {
        throw new InvalidRecurrenceRuleException("UNTIL", "must be in years 0001..9999: " + date);
      }
    }

    @Override
    public String toRRuleValue() {
      return RRuleText.DATE.format(date);
    }
  }
}
