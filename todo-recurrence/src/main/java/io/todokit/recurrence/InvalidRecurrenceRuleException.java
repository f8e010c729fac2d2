package io.todokit.recurrence;

import java.util.Objects;

/**
 * Thrown when a recurrence rule or a {@link RecurrenceSpec} is malformed, unsupported or
 * inconsistent; {@link #part()} names the offending RRULE part or JSON field.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public class InvalidRecurrenceRuleException extends IllegalArgumentException {

  private final String part;

  /**
   * Creates an exception about one part of a rule.
   *
   * @param part the RRULE part name in upper case (such as {@code "BYMONTHDAY"}), {@code "RRULE"}
   *     for the text as a whole, or the JSON field name (such as {@code "month_day"}) for a {@link
   *     RecurrenceSpec}
   * @param message a description of the problem; the part name is prefixed to it
   */
  public InvalidRecurrenceRuleException(String part, String message) {
    super(Objects.requireNonNull(part, "part") + ": " + Objects.requireNonNull(message, "message"));
    this.part = part;
  }

  /**
   * Returns the name of the offending part or field.
   *
   * @return the RRULE part (upper case, such as {@code "INTERVAL"}), {@code "RRULE"} for the text
   *     as a whole, or a {@link RecurrenceSpec} JSON field name (such as {@code "end_date"})
   */
  public String part() {
    return part;
  }
}
