package io.todokit.dao.recurring;

import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Check;
import io.todokit.dao.reminders.ReminderDao;
import io.todokit.dao.reminders.ReminderSpec;
import io.todokit.dao.tasks.Priority;
import io.todokit.recurrence.RecurrenceSpec;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A recurring-task template to create: start with {@link #of(String, RecurrenceSpec, Instant)} or
 * {@link #of(String, RecurrenceSpec, LocalDateTime)} and add the optional values.
 *
 * <pre>{@code
 * NewRecurringTask standup = NewRecurringTask.of("Stand-up", RecurrenceJson.parse(
 *         "{\"frequency\": \"weekly\", \"days\": [\"monday\", \"thursday\"]}"),
 *         LocalDateTime.parse("2026-03-02T09:00"))
 *     .withTimeZone(ZoneId.of("Europe/Berlin"))
 *     .withMissedPolicy(MissedPolicy.ALL);
 * }</pre>
 *
 * <p>Validated when built: the factories, the withers and the constructor throw {@link
 * ValidationException} naming the field. The DAO checks only what needs the database (the user, and
 * whether the rule ever occurs in the template's zone). Records are immutable and thread-safe.
 *
 * @param title 1 to 255 characters after trimming
 * @param description up to 10,000 characters, or null
 * @param priority the priority of the tasks it makes ({@link Priority#MEDIUM} from the factories)
 * @param recurrence the rule; its mode must be fixed ({@code after_completion} needs a completed
 *     task, which a template does not have)
 * @param timeZone an IANA region such as {@code Europe/Berlin}, or null to follow the zone the user
 *     has when the template is created (which only the database knows)
 * @param startsAt the start as an instant; exactly one of this and {@code startsAtLocal}
 * @param startsAtLocal the start on the zone's wall clock (a time in a DST gap moves forward by the
 *     gap, an ambiguous one takes the earlier offset); exactly one of this and {@code startsAt}
 * @param missedPolicy what to do with occurrences missed while no worker ran ({@link
 *     MissedPolicy#LATEST} from the factories)
 * @param reminders the reminders every task made from it gets (none from the factories): at most
 *     {@value ReminderDao#MAX_PER_TASK}, each {@link ReminderSpec#beforeDue relative} to that
 *     task's due time
 */
public record NewRecurringTask(
    String title,
    @Nullable String description,
    Priority priority,
    RecurrenceSpec recurrence,
    @Nullable ZoneId timeZone,
    @Nullable Instant startsAt,
    @Nullable LocalDateTime startsAtLocal,
    MissedPolicy missedPolicy,
    List<ReminderSpec> reminders) {

  /**
   * Checks and normalizes the fields.
   *
   * @throws ValidationException naming {@code title}, {@code description}, {@code priority}, {@code
   *     recurrence_rule} (or {@code recurrence_rule.mode}), {@code time_zone}, {@code starts_at},
   *     {@code missed_policy}, {@code reminders} (too many) or {@code reminders[i]} (not relative)
   */
  public NewRecurringTask {
    title = TemplateValues.title(title);
    description = TemplateValues.description(description);
    Check.required("priority", priority);
    recurrence = TemplateValues.recurrence(recurrence);
    if (timeZone != null) {
      timeZone = TemplateValues.timeZone(timeZone);
    }
    if ((startsAt == null) == (startsAtLocal == null)) {
      throw new ValidationException(
          "starts_at", "give exactly one start: an instant or a wall-clock date-time");
    }
    Check.optionalInstant("starts_at", startsAt);
    if (startsAtLocal != null && (startsAtLocal.getYear() < 1 || startsAtLocal.getYear() > 9999)) {
      throw new ValidationException("starts_at", "must be in the years 1 to 9999");
    }
    Check.required("missed_policy", missedPolicy);
    reminders = TemplateValues.reminders(reminders);
  }

  /**
   * A template starting at an instant, priority medium, missed policy latest, in the user's zone.
   *
   * @param title the title of its tasks
   * @param recurrence the rule
   * @param startsAt the start (DTSTART), seen on the template zone's wall clock
   * @return the command
   * @throws ValidationException naming the first bad field
   */
  @SuppressWarnings("NullAway") // the canonical constructor refuses a null, naming the field
  public static NewRecurringTask of(
      @Nullable String title, @Nullable RecurrenceSpec recurrence, @Nullable Instant startsAt) {
    return new NewRecurringTask(
        title,
        null,
        Priority.MEDIUM,
        recurrence,
        null,
        Check.required("starts_at", startsAt),
        null,
        MissedPolicy.LATEST,
        List.of());
  }

  /**
   * A template starting at a wall-clock time of its zone, priority medium, missed policy latest, in
   * the user's zone.
   *
   * @param title the title of its tasks
   * @param recurrence the rule
   * @param startsAt the start (DTSTART) on the template zone's wall clock
   * @return the command
   * @throws ValidationException naming the first bad field
   */
  @SuppressWarnings("NullAway") // the canonical constructor refuses a null, naming the field
  public static NewRecurringTask of(
      @Nullable String title,
      @Nullable RecurrenceSpec recurrence,
      @Nullable LocalDateTime startsAt) {
    return new NewRecurringTask(
        title,
        null,
        Priority.MEDIUM,
        recurrence,
        null,
        null,
        Check.required("starts_at", startsAt),
        MissedPolicy.LATEST,
        List.of());
  }

  /**
   * With a description.
   *
   * @param text up to 10,000 characters, or null for none
   * @return a copy
   * @throws ValidationException ({@code description}) when too long or NUL-containing
   */
  public NewRecurringTask withDescription(@Nullable String text) {
    return new NewRecurringTask(
        title,
        text,
        priority,
        recurrence,
        timeZone,
        startsAt,
        startsAtLocal,
        missedPolicy,
        reminders);
  }

  /**
   * With a priority.
   *
   * @param value the priority of the tasks it makes
   * @return a copy
   * @throws ValidationException ({@code priority}) when null
   */
  @SuppressWarnings("NullAway") // the canonical constructor refuses a null, naming the field
  public NewRecurringTask withPriority(@Nullable Priority value) {
    return new NewRecurringTask(
        title,
        description,
        value,
        recurrence,
        timeZone,
        startsAt,
        startsAtLocal,
        missedPolicy,
        reminders);
  }

  /**
   * In a time zone other than the user's.
   *
   * @param zone an IANA region such as {@code Europe/Berlin}
   * @return a copy
   * @throws ValidationException ({@code time_zone}) when null or not a region (an offset, {@code
   *     GMT})
   */
  public NewRecurringTask withTimeZone(@Nullable ZoneId zone) {
    return new NewRecurringTask(
        title,
        description,
        priority,
        recurrence,
        TemplateValues.timeZone(zone),
        startsAt,
        startsAtLocal,
        missedPolicy,
        reminders);
  }

  /**
   * With a missed-occurrence policy.
   *
   * @param policy latest or all
   * @return a copy
   * @throws ValidationException ({@code missed_policy}) when null
   */
  @SuppressWarnings("NullAway") // the canonical constructor refuses a null, naming the field
  public NewRecurringTask withMissedPolicy(@Nullable MissedPolicy policy) {
    return new NewRecurringTask(
        title,
        description,
        priority,
        recurrence,
        timeZone,
        startsAt,
        startsAtLocal,
        policy,
        reminders);
  }

  /**
   * With reminders that every task made from the template gets (replacing any set before), e.g.
   * {@code withReminders(ReminderSpec.beforeDue(Duration.ofMinutes(30)))}.
   *
   * @param specs at most {@value ReminderDao#MAX_PER_TASK}, each relative to the due time
   * @return a copy
   * @throws ValidationException ({@code reminders}) when too many or null, ({@code reminders[i]})
   *     when the i-th is an absolute reminder
   */
  public NewRecurringTask withReminders(ReminderSpec @Nullable ... specs) {
    return withReminders(specs == null ? null : Arrays.asList(specs));
  }

  /**
   * With reminders that every task made from the template gets (replacing any set before).
   *
   * @param specs at most {@value ReminderDao#MAX_PER_TASK}, each relative to the due time
   * @return a copy
   * @throws ValidationException ({@code reminders}) when too many or null, ({@code reminders[i]})
   *     when the i-th is an absolute reminder
   */
  @SuppressWarnings("NullAway") // the canonical constructor refuses a null, naming the field
  public NewRecurringTask withReminders(@Nullable List<ReminderSpec> specs) {
    return new NewRecurringTask(
        title,
        description,
        priority,
        recurrence,
        timeZone,
        startsAt,
        startsAtLocal,
        missedPolicy,
        specs);
  }
}
