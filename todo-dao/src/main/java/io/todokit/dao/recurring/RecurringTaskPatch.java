package io.todokit.dao.recurring;

import io.todokit.dao.tasks.Priority;
import io.todokit.recurrence.RecurrenceSpec;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * Changes to a recurring-task template: start with {@link #empty()} and set what changes; null
 * fields stay as they are.
 *
 * <p>Records are immutable and thread-safe.
 *
 * @param title a new title, or null
 * @param description a new description, or null (see {@code clearDescription})
 * @param clearDescription true to remove the description
 * @param priority a new priority, or null
 * @param recurrence a new rule, or null
 * @param timeZone a new IANA zone id, or null
 * @param missedPolicy a new missed-occurrence policy, or null
 */
public record RecurringTaskPatch(
    @Nullable String title,
    @Nullable String description,
    boolean clearDescription,
    @Nullable Priority priority,
    @Nullable RecurrenceSpec recurrence,
    @Nullable ZoneId timeZone,
    @Nullable MissedPolicy missedPolicy) {

  /** Refuses a description that is both set and cleared. */
  public RecurringTaskPatch {
    if (clearDescription && description != null) {
      throw new IllegalArgumentException("set the description or clear it, not both");
    }
  }

  /**
   * A patch that changes nothing.
   *
   * @return the empty patch
   */
  public static RecurringTaskPatch empty() {
    return new RecurringTaskPatch(null, null, false, null, null, null, null);
  }

  /**
   * With a new title.
   *
   * @param value 1 to 255 characters after trimming
   * @return a copy
   */
  public RecurringTaskPatch withTitle(String value) {
    return new RecurringTaskPatch(
        value, description, clearDescription, priority, recurrence, timeZone, missedPolicy);
  }

  /**
   * With a new description.
   *
   * @param value up to 10,000 characters
   * @return a copy
   */
  public RecurringTaskPatch withDescription(String value) {
    return new RecurringTaskPatch(
        title, value, false, priority, recurrence, timeZone, missedPolicy);
  }

  /**
   * Without a description.
   *
   * @return a copy
   */
  public RecurringTaskPatch withoutDescription() {
    return new RecurringTaskPatch(title, null, true, priority, recurrence, timeZone, missedPolicy);
  }

  /**
   * With a new priority.
   *
   * @param value the priority
   * @return a copy
   */
  public RecurringTaskPatch withPriority(Priority value) {
    return new RecurringTaskPatch(
        title, description, clearDescription, value, recurrence, timeZone, missedPolicy);
  }

  /**
   * With a new rule.
   *
   * @param value the rule (mode fixed)
   * @return a copy
   */
  public RecurringTaskPatch withRecurrence(RecurrenceSpec value) {
    return new RecurringTaskPatch(
        title, description, clearDescription, priority, value, timeZone, missedPolicy);
  }

  /**
   * With a new time zone.
   *
   * @param value an IANA region such as {@code Europe/Berlin}
   * @return a copy
   */
  public RecurringTaskPatch withTimeZone(ZoneId value) {
    return new RecurringTaskPatch(
        title, description, clearDescription, priority, recurrence, value, missedPolicy);
  }

  /**
   * With a new missed-occurrence policy.
   *
   * @param value latest or all
   * @return a copy
   */
  public RecurringTaskPatch withMissedPolicy(MissedPolicy value) {
    return new RecurringTaskPatch(
        title, description, clearDescription, priority, recurrence, timeZone, value);
  }
}
