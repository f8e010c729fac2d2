package io.todokit.dao.tasks;

import io.todokit.dao.RecurrenceJson;
import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Change;
import io.todokit.dao.internal.Check;
import io.todokit.dao.internal.Limits;
import io.todokit.recurrence.RecurrenceSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The changes {@link TaskDao#update} makes to a task: only the fields set on the patch change.
 *
 * <p>Each field is in one of three states: <em>unchanged</em> (its wither was not called), set to a
 * value, or – for the optional fields description, due date and recurrence – cleared by passing
 * {@code null}:
 *
 * <pre>{@code
 * TaskPatch.empty().withTitle("Pay rent").withDueAt(null)   // new title, no due date, rest as is
 * }</pre>
 *
 * <p>The status can be set to {@link TaskStatus#PENDING} or {@link TaskStatus#IN_PROGRESS} only
 * (which reopens a completed task and clears its completion time); completing goes through {@link
 * TaskDao#complete}, which also creates the next task of a recurrence. Values are checked when set
 * ({@link ValidationException} naming the field). Immutable and thread-safe.
 */
public final class TaskPatch {

  private static final TaskPatch EMPTY = new TaskPatch(null, null, null, null, null, null);

  private final @Nullable Change<String> title;
  private final @Nullable Change<String> description;
  private final @Nullable Change<Priority> priority;
  private final @Nullable Change<TaskStatus> status;
  private final @Nullable Change<Instant> dueAt;
  private final @Nullable Change<RecurrenceSpec> recurrence;

  private TaskPatch(
      @Nullable Change<String> title,
      @Nullable Change<String> description,
      @Nullable Change<Priority> priority,
      @Nullable Change<TaskStatus> status,
      @Nullable Change<Instant> dueAt,
      @Nullable Change<RecurrenceSpec> recurrence) {
    this.title = title;
    this.description = description;
    this.priority = priority;
    this.status = status;
    this.dueAt = dueAt;
    this.recurrence = recurrence;
  }

  /** A patch that changes nothing; add changes with the withers. */
  public static TaskPatch empty() {
    return EMPTY;
  }

  /**
   * This patch, also setting the title.
   *
   * @param title 1 to 255 characters after trimming
   * @return the patch
   * @throws ValidationException ({@code title}) for a blank, too long or NUL-containing title
   */
  public TaskPatch withTitle(String title) {
    Change<String> change = new Change<>(Check.text("title", title, 1, Limits.TITLE));
    return new TaskPatch(change, description, priority, status, dueAt, recurrence);
  }

  /**
   * This patch, also setting the description, or clearing it with null.
   *
   * @param description up to 10,000 characters, or null to clear it
   * @return the patch
   * @throws ValidationException ({@code description}) when too long or NUL-containing
   */
  public TaskPatch withDescription(@Nullable String description) {
    Change<String> change =
        new Change<>(Check.optionalText("description", description, Limits.DESCRIPTION));
    return new TaskPatch(title, change, priority, status, dueAt, recurrence);
  }

  /** This patch, also setting the priority. */
  public TaskPatch withPriority(Priority priority) {
    Change<Priority> change = new Change<>(Check.required("priority", priority));
    return new TaskPatch(title, description, change, status, dueAt, recurrence);
  }

  /**
   * This patch, also setting the status to pending or in progress (reopening a completed task).
   *
   * @param status {@link TaskStatus#PENDING} or {@link TaskStatus#IN_PROGRESS}
   * @return the patch
   * @throws ValidationException ({@code status}) for {@link TaskStatus#COMPLETED}: use {@link
   *     TaskDao#complete}
   */
  public TaskPatch withStatus(TaskStatus status) {
    if (Check.required("status", status) == TaskStatus.COMPLETED) {
      throw new ValidationException(
          "status", "cannot be set to completed by an update: use complete()");
    }
    Change<TaskStatus> change = new Change<>(status);
    return new TaskPatch(title, description, priority, change, dueAt, recurrence);
  }

  /** This patch, also setting the due date, or clearing it with null. */
  public TaskPatch withDueAt(@Nullable Instant dueAt) {
    Change<Instant> change = new Change<>(Check.optionalInstant("due_at", dueAt));
    return new TaskPatch(title, description, priority, status, change, recurrence);
  }

  /** This patch, also setting the recurrence rule (the task needs a due date), or clearing it. */
  public TaskPatch withRecurrence(@Nullable RecurrenceSpec recurrence) {
    Change<RecurrenceSpec> change = new Change<>(recurrence);
    return new TaskPatch(title, description, priority, status, dueAt, change);
  }

  /**
   * This patch, also setting the recurrence rule from its stored JSON shape, or clearing it with
   * null.
   *
   * @param json the rule's JSON (see {@link RecurrenceJson#parse}), or null
   * @return the patch
   * @throws ValidationException naming the bad part, e.g. {@code recurrence_rule.frequency}
   */
  public TaskPatch withRecurrenceJson(@Nullable String json) {
    return withRecurrence(json == null ? null : RecurrenceJson.parse(json));
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

  @Nullable Change<TaskStatus> status() {
    return status;
  }

  @Nullable Change<Instant> dueAt() {
    return dueAt;
  }

  @Nullable Change<RecurrenceSpec> recurrence() {
    return recurrence;
  }

  private List<@Nullable Change<?>> changes() {
    return Arrays.asList(title, description, priority, status, dueAt, recurrence);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof TaskPatch patch && changes().equals(patch.changes());
  }

  @Override
  public int hashCode() {
    return Objects.hash(changes().toArray());
  }

  @Override
  public String toString() {
    return Change.describe(
        "TaskPatch",
        List.of("title", "description", "priority", "status", "due_at", "recurrence_rule"),
        changes());
  }
}
