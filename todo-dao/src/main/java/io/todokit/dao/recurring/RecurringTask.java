package io.todokit.dao.recurring;

import io.todokit.dao.reminders.ReminderSpec;
import io.todokit.dao.tasks.Priority;
import io.todokit.recurrence.RecurrenceRule;
import io.todokit.recurrence.RecurrenceSpec;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A recurring-task template as stored: immutable, and always the acting user's own.
 *
 * @param id the template's id
 * @param userId the owner
 * @param title the title of the tasks it makes, 1 to 255 characters
 * @param description the description of the tasks it makes, or null
 * @param priority the priority of the tasks it makes
 * @param recurrence the rule, computed on {@code timeZone}'s wall clock from {@code startsAt}
 * @param timeZone the zone whose wall clock the rule follows
 * @param startsAt the rule's start (DTSTART); an occurrence only if it matches the rule
 * @param nextDueAt the next occurrence a worker will turn into a task, or null once the rule has
 *     ended
 * @param missedPolicy what a worker does with occurrences that passed while no worker ran
 * @param active false while paused and once ended
 * @param createdAt when it was created
 * @param updatedAt when it was last changed (including by a worker advancing it)
 * @param endReason why the template stopped, or null while it runs normally (and while the user has
 *     it paused): {@code "the rule ended"} (COUNT or UNTIL), that it has no occurrence within the
 *     supported range (years 1 to 9999) or the calculator could not compute the next one (then
 *     {@code nextDueAt} is null), or why a worker could not materialize it (then {@code nextDueAt}
 *     is kept: fix the template and {@code resume} it); {@code resume} clears it
 * @param reminders the reminders every task made from it gets, each relative to that task's due
 *     time, in order (empty for none)
 */
public record RecurringTask(
    UUID id,
    UUID userId,
    String title,
    @Nullable String description,
    Priority priority,
    RecurrenceSpec recurrence,
    ZoneId timeZone,
    Instant startsAt,
    @Nullable Instant nextDueAt,
    MissedPolicy missedPolicy,
    boolean active,
    Instant createdAt,
    Instant updatedAt,
    @Nullable String endReason,
    List<ReminderSpec> reminders) {

  /** Checks the required fields; the reminders are copied. */
  public RecurringTask {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(recurrence, "recurrence");
    Objects.requireNonNull(timeZone, "timeZone");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(missedPolicy, "missedPolicy");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    reminders = List.copyOf(reminders);
  }

  /** True once the rule has no more occurrences (the template is then inactive for good). */
  public boolean ended() {
    return nextDueAt == null;
  }

  /**
   * True while paused: inactive, but with occurrences left; paused by the user, or stopped by a
   * worker that could not materialize it ({@link #endReason()} then says why).
   */
  public boolean paused() {
    return !active && nextDueAt != null;
  }

  /** The start on the template's wall clock: the DTSTART its occurrences are computed from. */
  public ZonedDateTime dtstart() {
    return startsAt.atZone(timeZone);
  }

  /** The RFC 5545 rule of {@link #recurrence()} for {@link #dtstart()}. */
  public RecurrenceRule rule() {
    return recurrence.toRule(dtstart());
  }
}
