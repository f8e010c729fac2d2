package io.todokit.dao.tasks;

import io.todokit.dao.RecurrenceJson;
import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Check;
import io.todokit.dao.internal.Limits;
import io.todokit.dao.reminders.ReminderDao;
import io.todokit.dao.reminders.ReminderSpec;
import io.todokit.recurrence.RecurrenceSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What {@link TaskDao#create} needs to create a task: an immutable command built with {@link
 * #titled} and withers, e.g. {@code NewTask.titled("Pay rent").withPriority(Priority.HIGH)
 * .withDueAt(due).withRecurrence(spec)}.
 *
 * <p>Each field is checked when it is set, so that a bad value fails with a {@link
 * ValidationException} naming it before anything touches the database; the rule that a recurring
 * task needs a due date is checked by {@code create}. Immutable and thread-safe.
 *
 * @param title 1 to 255 characters after trimming (field {@code title})
 * @param description up to 10,000 characters, kept verbatim, or null (field {@code description})
 * @param priority the priority; {@link Priority#MEDIUM} unless set
 * @param dueAt when the task is due, or null
 * @param reminders the task's reminders (at most {@value ReminderDao#MAX_PER_TASK}); relative ones
 *     need a due date to fire
 * @param recurrence the rule that creates the next task when this one is completed, or null; needs
 *     a due date
 * @param tagIds the user's own tags to put on the task (duplicates are ignored)
 */
public record NewTask(
    String title,
    @Nullable String description,
    Priority priority,
    @Nullable Instant dueAt,
    List<ReminderSpec> reminders,
    @Nullable RecurrenceSpec recurrence,
    List<UUID> tagIds) {

  /** Checks and normalises the fields (title trimmed, tag ids de-duplicated in order). */
  public NewTask {
    title = Check.text("title", title, 1, Limits.TITLE);
    description = Check.optionalText("description", description, Limits.DESCRIPTION);
    Check.required("priority", priority);
    Check.optionalInstant("due_at", dueAt);
    reminders = List.copyOf(Check.noNulls("reminders", new ArrayList<>(reminders)));
    if (reminders.size() > ReminderDao.MAX_PER_TASK) {
      throw new ValidationException(
          "reminders", "a task has at most " + ReminderDao.MAX_PER_TASK + " reminders");
    }
    tagIds = List.copyOf(new LinkedHashSet<>(Check.noNulls("tag_ids", new ArrayList<>(tagIds))));
  }

  /**
   * A medium-priority task with only a title.
   *
   * @param title 1 to 255 characters after trimming
   * @return the command
   * @throws ValidationException ({@code title}) for a missing, blank, too long or NUL-containing
   *     title
   */
  @SuppressWarnings("NullAway") // the canonical constructor refuses a null, naming the field
  public static NewTask titled(@Nullable String title) {
    return new NewTask(title, null, Priority.MEDIUM, null, List.of(), null, List.of());
  }

  /** This command with another title (1 to 255 characters after trimming). */
  public NewTask withTitle(String title) {
    return new NewTask(title, description, priority, dueAt, reminders, recurrence, tagIds);
  }

  /** This command with a description (up to 10,000 characters), or none when null. */
  public NewTask withDescription(@Nullable String description) {
    return new NewTask(title, description, priority, dueAt, reminders, recurrence, tagIds);
  }

  /** This command with a priority. */
  public NewTask withPriority(Priority priority) {
    return new NewTask(title, description, priority, dueAt, reminders, recurrence, tagIds);
  }

  /** This command with a due date, or none when null. */
  public NewTask withDueAt(@Nullable Instant dueAt) {
    return new NewTask(title, description, priority, dueAt, reminders, recurrence, tagIds);
  }

  /**
   * This command with the given reminders (replacing any set before), e.g. {@code
   * withReminders(ReminderSpec.beforeDue(Duration.ofMinutes(30)))}.
   */
  public NewTask withReminders(ReminderSpec... reminders) {
    return withReminders(java.util.Arrays.asList(reminders));
  }

  /** This command with the given reminders (replacing any set before). */
  public NewTask withReminders(List<ReminderSpec> reminders) {
    return new NewTask(title, description, priority, dueAt, reminders, recurrence, tagIds);
  }

  /** This command with a recurrence rule (the task then needs a due date), or none when null. */
  public NewTask withRecurrence(@Nullable RecurrenceSpec recurrence) {
    return new NewTask(title, description, priority, dueAt, reminders, recurrence, tagIds);
  }

  /**
   * This command with a recurrence rule in the stored JSON shape, as a service receives it, e.g.
   * {@code {"frequency": "weekly", "interval": 1, "days": ["monday"]}}.
   *
   * @param json the rule's JSON (see {@link RecurrenceJson#parse})
   * @return the command
   * @throws ValidationException naming the bad part, e.g. {@code recurrence_rule.interval}
   */
  public NewTask withRecurrenceJson(String json) {
    return withRecurrence(RecurrenceJson.parse(json));
  }

  /** This command with the given tags of the user's (replacing any set before). */
  public NewTask withTagIds(List<UUID> tagIds) {
    return new NewTask(title, description, priority, dueAt, reminders, recurrence, tagIds);
  }
}
