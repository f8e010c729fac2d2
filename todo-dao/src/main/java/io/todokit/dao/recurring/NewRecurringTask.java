package io.todokit.dao.recurring;

import io.todokit.dao.tasks.Priority;
import io.todokit.recurrence.RecurrenceSpec;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * A recurring-task template to create: start with {@link #of(String, RecurrenceSpec, Instant)} or
 * {@link #of(String, RecurrenceSpec, LocalDateTime)} and add the optional values.
 *
 * <pre>{@code
 * NewRecurringTask standup = NewRecurringTask.of("Stand-up", RecurrenceJson.parse(
 *         "{\"frequency\": \"weekly\", \"days\": [\"monday\", \"thursday\"]}"),
 *         LocalDateTime.parse("2026-03-02T09:00"))
 *     .timeZone("Europe/Berlin")
 *     .missedPolicy(MissedPolicy.ALL);
 * }</pre>
 *
 * <p>The DAO validates the values when creating and names the offending field. Records are
 * immutable and thread-safe.
 *
 * @param title 1 to 255 characters after trimming
 * @param description up to 10,000 characters, or null
 * @param priority the priority of the tasks it makes; null means medium
 * @param recurrence the rule; its mode must be fixed ({@code after_completion} needs a completed
 *     task, which a template does not have)
 * @param timeZone an IANA zone id such as {@code Europe/Berlin}, or null for the user's zone
 * @param startsAt the start as an instant; exactly one of this and {@code startsAtLocal}
 * @param startsAtLocal the start on the zone's wall clock (a time in a DST gap moves forward by the
 *     gap, an ambiguous one takes the earlier offset); exactly one of this and {@code startsAt}
 * @param missedPolicy what to do with occurrences missed while no worker ran; null means latest
 */
public record NewRecurringTask(
    String title,
    @Nullable String description,
    Priority priority,
    RecurrenceSpec recurrence,
    @Nullable ZoneId timeZone,
    @Nullable Instant startsAt,
    @Nullable LocalDateTime startsAtLocal,
    MissedPolicy missedPolicy) {

  /** Fills in the defaults of priority (medium) and missed policy (latest). */
  public NewRecurringTask {
    if (priority == null) {
      priority = Priority.MEDIUM;
    }
    if (missedPolicy == null) {
      missedPolicy = MissedPolicy.LATEST;
    }
  }

  /**
   * A template starting at an instant.
   *
   * @param title the title of its tasks
   * @param recurrence the rule
   * @param startsAt the start (DTSTART), seen on the template zone's wall clock
   * @return the command
   */
  public static NewRecurringTask of(String title, RecurrenceSpec recurrence, Instant startsAt) {
    return new NewRecurringTask(title, null, null, recurrence, null, startsAt, null, null);
  }

  /**
   * A template starting at a wall-clock time of its zone.
   *
   * @param title the title of its tasks
   * @param recurrence the rule
   * @param startsAt the start (DTSTART) on the template zone's wall clock
   * @return the command
   */
  public static NewRecurringTask of(
      String title, RecurrenceSpec recurrence, LocalDateTime startsAt) {
    return new NewRecurringTask(title, null, null, recurrence, null, null, startsAt, null);
  }

  /**
   * With a description.
   *
   * @param text up to 10,000 characters, or null
   * @return a copy
   */
  public NewRecurringTask withDescription(@Nullable String text) {
    return new NewRecurringTask(
        title, text, priority, recurrence, timeZone, startsAt, startsAtLocal, missedPolicy);
  }

  /**
   * With a priority.
   *
   * @param value the priority of the tasks it makes
   * @return a copy
   */
  public NewRecurringTask withPriority(Priority value) {
    return new NewRecurringTask(
        title, description, value, recurrence, timeZone, startsAt, startsAtLocal, missedPolicy);
  }

  /**
   * In a time zone other than the user's.
   *
   * @param zone an IANA region such as {@code Europe/Berlin}
   * @return a copy
   */
  public NewRecurringTask withTimeZone(@Nullable ZoneId zone) {
    return new NewRecurringTask(
        title, description, priority, recurrence, zone, startsAt, startsAtLocal, missedPolicy);
  }

  /**
   * With a missed-occurrence policy.
   *
   * @param policy latest or all
   * @return a copy
   */
  public NewRecurringTask withMissedPolicy(MissedPolicy policy) {
    return new NewRecurringTask(
        title, description, priority, recurrence, timeZone, startsAt, startsAtLocal, policy);
  }
}
