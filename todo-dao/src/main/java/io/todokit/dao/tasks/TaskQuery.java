package io.todokit.dao.tasks;

import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Check;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The filters of a user's task list for {@link TaskDao#query}: an immutable value built from {@link
 * #open()} or {@link #all()} with withers; the filters combine with AND. The page (size and cursor)
 * is a separate {@link io.todokit.dao.PageRequest}.
 *
 * <pre>{@code
 * TaskQuery query = TaskQuery.open().withPriorities(Set.of(Priority.URGENT, Priority.HIGH))
 *     .withText("invoice");
 * Page<Task> page = db.tasks().query(userId, query, PageRequest.first(20));
 * Page<Task> next = db.tasks().query(userId, query, page.next().orElseThrow());
 * }</pre>
 *
 * <p>Tasks come most urgent first, then by due date (tasks without one last), then by creation
 * time, then by id. Immutable and thread-safe.
 *
 * @param statuses the statuses to list; not empty ({@link #open()}: pending and in progress)
 * @param priorities the priorities to list; not empty (all by default)
 * @param tags which tags the tasks must carry (none required by default)
 * @param dueFrom only tasks due at or after this instant, or null
 * @param dueTo only tasks due before this instant, or null
 * @param overdueAt only open tasks due before this instant ("now"), or null
 * @param text words the title or description must contain (PostgreSQL {@code websearch_to_tsquery}
 *     syntax with the {@code simple} configuration: {@code "exact phrase"}, {@code -excluded},
 *     {@code or}), or null
 */
public record TaskQuery(
    Set<TaskStatus> statuses,
    Set<Priority> priorities,
    TagFilter tags,
    @Nullable Instant dueFrom,
    @Nullable Instant dueTo,
    @Nullable Instant overdueAt,
    @Nullable String text) {

  private static final int MAX_TEXT = 1_000;

  /**
   * Checks the fields.
   *
   * @throws ValidationException naming the field: {@code statuses}, {@code priorities}, {@code
   *     due_to} or {@code text}
   */
  public TaskQuery {
    statuses = copy("statuses", statuses, TaskStatus.class);
    priorities = copy("priorities", priorities, Priority.class);
    Objects.requireNonNull(tags, "tags");
    Check.optionalInstant("due_from", dueFrom);
    Check.optionalInstant("due_to", dueTo);
    Check.optionalInstant("overdue_at", overdueAt);
    if (dueFrom != null && dueTo != null && !dueFrom.isBefore(dueTo)) {
      throw new ValidationException(
          "due_to", "must be after due_from (" + dueFrom + "), was " + dueTo);
    }
    if (text != null) {
      text = text.strip();
      text = text.isEmpty() ? null : Check.optionalText("text", text, MAX_TEXT);
    }
  }

  /** Open tasks (pending and in progress), every priority. */
  public static TaskQuery open() {
    return new TaskQuery(
        EnumSet.of(TaskStatus.PENDING, TaskStatus.IN_PROGRESS),
        EnumSet.allOf(Priority.class),
        TagFilter.none(),
        null,
        null,
        null,
        null);
  }

  /** All tasks, completed ones included, every priority. */
  public static TaskQuery all() {
    return open().withStatuses(EnumSet.allOf(TaskStatus.class));
  }

  /** This query listing only tasks with these statuses (not empty). */
  public TaskQuery withStatuses(Collection<TaskStatus> statuses) {
    return new TaskQuery(
        copy("statuses", statuses, TaskStatus.class),
        priorities,
        tags,
        dueFrom,
        dueTo,
        overdueAt,
        text);
  }

  /** This query listing only tasks with these priorities (not empty). */
  public TaskQuery withPriorities(Collection<Priority> priorities) {
    return new TaskQuery(
        statuses,
        copy("priorities", priorities, Priority.class),
        tags,
        dueFrom,
        dueTo,
        overdueAt,
        text);
  }

  /** This query listing only tasks whose tags pass the filter. */
  public TaskQuery withTags(TagFilter tags) {
    return new TaskQuery(statuses, priorities, tags, dueFrom, dueTo, overdueAt, text);
  }

  /**
   * This query listing only tasks due in {@code [from, to)}; either end may be null (open).
   *
   * @param from the first instant included, or null
   * @param to the first instant excluded, or null
   * @return the query
   * @throws ValidationException ({@code due_to}) when {@code from} is not before {@code to}
   */
  public TaskQuery withDueBetween(@Nullable Instant from, @Nullable Instant to) {
    return new TaskQuery(statuses, priorities, tags, from, to, overdueAt, text);
  }

  /** This query listing only open tasks due before {@code now}, or without that filter if null. */
  public TaskQuery withOverdueAt(@Nullable Instant now) {
    return new TaskQuery(statuses, priorities, tags, dueFrom, dueTo, now, text);
  }

  /**
   * This query listing only tasks whose title or description match {@code text} (null or blank: no
   * text filter).
   */
  public TaskQuery withText(@Nullable String text) {
    return new TaskQuery(statuses, priorities, tags, dueFrom, dueTo, overdueAt, text);
  }

  private static <E extends Enum<E>> Set<E> copy(
      String field, Collection<E> values, Class<E> type) {
    Check.noNulls(field, values);
    if (values.isEmpty()) {
      throw new ValidationException(field, "must not be empty");
    }
    return Collections.unmodifiableSet(EnumSet.copyOf(values));
  }
}
