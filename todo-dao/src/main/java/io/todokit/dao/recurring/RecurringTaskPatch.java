package io.todokit.dao.recurring;

import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Change;
import io.todokit.dao.internal.Check;
import io.todokit.dao.reminders.ReminderDao;
import io.todokit.dao.reminders.ReminderSpec;
import io.todokit.dao.tasks.Priority;
import io.todokit.recurrence.RecurrenceSpec;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The changes {@link RecurringTaskDao#update} makes to a template: only the fields set on the patch
 * change, as with {@code TaskPatch}.
 *
 * <p>Each field is <em>unchanged</em> (its wither was not called) or set; the description, the only
 * optional field, is cleared by passing {@code null}; any other field given {@code null} is a
 * {@link ValidationException}:
 *
 * <pre>{@code
 * RecurringTaskPatch.empty().withTitle("Stand-up").withDescription(null) // new title, no description
 * }</pre>
 *
 * <p>Values are checked when set ({@link ValidationException} naming the field). Immutable and
 * thread-safe.
 */
public final class RecurringTaskPatch {

  private static final RecurringTaskPatch EMPTY =
      new RecurringTaskPatch(null, null, null, null, null, null, null);

  private final @Nullable Change<String> title;
  private final @Nullable Change<String> description;
  private final @Nullable Change<Priority> priority;
  private final @Nullable Change<RecurrenceSpec> recurrence;
  private final @Nullable Change<ZoneId> timeZone;
  private final @Nullable Change<MissedPolicy> missedPolicy;
  private final @Nullable Change<List<ReminderSpec>> reminders;

  private RecurringTaskPatch(
      @Nullable Change<String> title,
      @Nullable Change<String> description,
      @Nullable Change<Priority> priority,
      @Nullable Change<RecurrenceSpec> recurrence,
      @Nullable Change<ZoneId> timeZone,
      @Nullable Change<MissedPolicy> missedPolicy,
      @Nullable Change<List<ReminderSpec>> reminders) {
    this.title = title;
    this.description = description;
    this.priority = priority;
    this.recurrence = recurrence;
    this.timeZone = timeZone;
    this.missedPolicy = missedPolicy;
    this.reminders = reminders;
  }

  /** A patch that changes nothing; add changes with the withers. */
  public static RecurringTaskPatch empty() {
    return EMPTY;
  }

  /**
   * This patch, also setting the title.
   *
   * @param value 1 to 255 characters after trimming
   * @return the patch
   * @throws ValidationException ({@code title}) for a null, blank, too long or NUL-containing title
   */
  public RecurringTaskPatch withTitle(@Nullable String value) {
    Change<String> change = new Change<>(TemplateValues.title(value));
    return new RecurringTaskPatch(
        change, description, priority, recurrence, timeZone, missedPolicy, reminders);
  }

  /**
   * This patch, also setting the description, or clearing it with null.
   *
   * @param value up to 10,000 characters, or null to clear it
   * @return the patch
   * @throws ValidationException ({@code description}) when too long or NUL-containing
   */
  public RecurringTaskPatch withDescription(@Nullable String value) {
    Change<String> change = new Change<>(TemplateValues.description(value));
    return new RecurringTaskPatch(
        title, change, priority, recurrence, timeZone, missedPolicy, reminders);
  }

  /**
   * This patch, also setting the priority.
   *
   * @param value the priority
   * @return the patch
   * @throws ValidationException ({@code priority}) when null
   */
  public RecurringTaskPatch withPriority(@Nullable Priority value) {
    Change<Priority> change = new Change<>(Check.required("priority", value));
    return new RecurringTaskPatch(
        title, description, change, recurrence, timeZone, missedPolicy, reminders);
  }

  /**
   * This patch, also setting the rule (which restarts the schedule).
   *
   * @param value the rule, mode fixed
   * @return the patch
   * @throws ValidationException ({@code recurrence_rule}, {@code recurrence_rule.mode}) when null
   *     or {@code after_completion}
   */
  public RecurringTaskPatch withRecurrence(@Nullable RecurrenceSpec value) {
    Change<RecurrenceSpec> change = new Change<>(TemplateValues.recurrence(value));
    return new RecurringTaskPatch(
        title, description, priority, change, timeZone, missedPolicy, reminders);
  }

  /**
   * This patch, also setting the time zone (which keeps the start's wall-clock time).
   *
   * @param value an IANA region such as {@code Europe/Berlin}
   * @return the patch
   * @throws ValidationException ({@code time_zone}) when null or not a region
   */
  public RecurringTaskPatch withTimeZone(@Nullable ZoneId value) {
    Change<ZoneId> change = new Change<>(TemplateValues.timeZone(value));
    return new RecurringTaskPatch(
        title, description, priority, recurrence, change, missedPolicy, reminders);
  }

  /**
   * This patch, also setting the missed-occurrence policy.
   *
   * @param value latest or all
   * @return the patch
   * @throws ValidationException ({@code missed_policy}) when null
   */
  public RecurringTaskPatch withMissedPolicy(@Nullable MissedPolicy value) {
    Change<MissedPolicy> change = new Change<>(Check.required("missed_policy", value));
    return new RecurringTaskPatch(
        title, description, priority, recurrence, timeZone, change, reminders);
  }

  /**
   * This patch, also replacing the template's reminders (an empty list clears them). Tasks already
   * made keep theirs; the tasks made from now on get the new ones.
   *
   * @param value at most {@value ReminderDao#MAX_PER_TASK}, each relative to the due time
   * @return the patch
   * @throws ValidationException ({@code reminders}) when null or too many, ({@code reminders[i]})
   *     when the i-th is an absolute reminder
   */
  public RecurringTaskPatch withReminders(@Nullable List<ReminderSpec> value) {
    Change<List<ReminderSpec>> change = new Change<>(TemplateValues.reminders(value));
    return new RecurringTaskPatch(
        title, description, priority, recurrence, timeZone, missedPolicy, change);
  }

  /** True when the patch changes nothing. */
  public boolean isEmpty() {
    return changes().stream().allMatch(Objects::isNull);
  }

  @Nullable Change<String> title() {
    return title;
  }

  @Nullable Change<String> description() {
    return description;
  }

  @Nullable Change<Priority> priority() {
    return priority;
  }

  @Nullable Change<RecurrenceSpec> recurrence() {
    return recurrence;
  }

  @Nullable Change<ZoneId> timeZone() {
    return timeZone;
  }

  @Nullable Change<MissedPolicy> missedPolicy() {
    return missedPolicy;
  }

  @Nullable Change<List<ReminderSpec>> reminders() {
    return reminders;
  }

  private List<@Nullable Change<?>> changes() {
    return Arrays.asList(
        title, description, priority, recurrence, timeZone, missedPolicy, reminders);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof RecurringTaskPatch patch && changes().equals(patch.changes());
  }

  @Override
  public int hashCode() {
    return Objects.hash(changes().toArray());
  }

  @Override
  public String toString() {
    return Change.describe(
        "RecurringTaskPatch",
        List.of(
            "title",
            "description",
            "priority",
            "recurrence_rule",
            "time_zone",
            "missed_policy",
            "reminders"),
        changes());
  }
}
