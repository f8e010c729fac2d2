package io.todokit.dao.tasks;

import io.todokit.dao.ConcurrentUpdateException;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.Page;
import io.todokit.dao.PageRequest;
import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.DaoAccess;
import io.todokit.dao.internal.DaoContext;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A user's tasks: create, read, update with optimistic locking, complete (creating the next task of
 * a recurrence), reopen and delete, and the lists every to-do app shows: overdue, due today, due
 * between, by tag, by priority, and a filtered, keyset-paged {@link #query}. Use {@code
 * TodoDb.tasks()}.
 *
 * <p>Every method takes the acting user's id and sees only that user's tasks: another user's task
 * or tag behaves exactly like a missing one. Each call is one transaction (a savepoint inside
 * {@code TodoDb.transaction}, unless it runs without savepoints); a call that throws has written
 * nothing. Lists are ordered by due date, then creation time, then id, unless the method says
 * otherwise. Stateless and thread-safe.
 */
public final class TaskDao {

  private final DaoContext context;
  private final TaskReads reads;
  private final TaskWrites writes;
  private final TaskBatch batch;
  private final TaskCompletion completion;

  /** The origin of this DAO's writes ({@link #via}), or null. */
  private final @Nullable TaskOrigin origin;

  static {
    DaoAccess.register(TaskDao.class, context -> new TaskDao(context, null));
  }

  private TaskDao(DaoContext context, @Nullable TaskOrigin origin) {
    this.context = Objects.requireNonNull(context, "context");
    TaskEffects effects = origin == null ? TaskEffects.NONE : new TaskEffects(origin);
    this.reads = new TaskReads(context);
    this.writes = new TaskWrites(context, effects);
    this.batch = new TaskBatch(context);
    this.completion = new TaskCompletion(context, effects);
    this.origin = origin;
  }

  /**
   * This DAO with its writes made for an origin, e.g. {@code
   * db.tasks().via(TaskOrigin.toolCall(conversationId, call.id()))} while executing a model's tool
   * call: each write ({@link #create}, {@link #update}, {@link #complete}, {@link #reopen}, {@link
   * #delete}) records a {@link TaskEffect} in its own transaction, and a write whose origin's first
   * call was already made (a retried tool call, a client retrying with the same idempotency key)
   * does not write again: it answers as the first call did, with the task as it is now — {@code
   * create} returns the task the first call created, {@code complete} the task without a next one,
   * {@code delete} returns quietly. A failed call records nothing, so it can be retried. An empty
   * patch records nothing. Reads are unchanged.
   *
   * <p>An origin names one write: using it for another kind of write, or for another task (but for
   * {@code create}, whose task is new), fails with a {@link ValidationException} ({@code origin}).
   *
   * @param origin the tool call or idempotency key the writes are made for
   * @return the DAO; this one is unchanged
   */
  public TaskDao via(TaskOrigin origin) {
    return new TaskDao(context, Objects.requireNonNull(origin, "origin"));
  }

  /**
   * The effect of the first write made with this origin, if one was made: what a bot checks before
   * retrying a tool call whose answer it lost.
   *
   * @param userId the acting user
   * @param origin the tool call or idempotency key
   * @return the effect, or empty when no write was made with the origin
   */
  public Optional<TaskEffect> effect(UUID userId, TaskOrigin origin) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(origin, "origin");
    return context.read(dsl -> TaskEffects.find(dsl, userId, origin), null);
  }

  /**
   * What the assistant did in a conversation: the effects of the writes made for its tool calls, in
   * the order they were made.
   *
   * @param userId the acting user
   * @param conversationId the conversation
   * @return the effects; empty for a conversation the user does not have
   */
  public List<TaskEffect> effects(UUID userId, UUID conversationId) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(conversationId, "conversationId");
    return context.read(dsl -> TaskEffects.ofConversation(dsl, userId, conversationId), null);
  }

  /**
   * The writes made to a task through {@link #via}, in the order they were made (kept after the
   * task is deleted).
   *
   * @param userId the acting user
   * @param taskId the task
   * @return the effects; empty for a task no such write touched
   */
  public List<TaskEffect> history(UUID userId, UUID taskId) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(taskId, "taskId");
    return context.read(dsl -> TaskEffects.ofTask(dsl, userId, taskId), null);
  }

  /**
   * Creates a task, with its tags, in one transaction.
   *
   * <p>A monthly or yearly rule without {@code month_day} is stored with the due date's day of the
   * month (in the user's time zone) as its anchor, so that a task due on January 31 recurs on
   * February 28 and then March 31.
   *
   * @param userId the acting user
   * @param task what to create
   * @return the task as stored (pending, version 0)
   * @throws ValidationException ({@code due_at}) when the task has a recurrence rule but no due
   *     date
   * @throws NotFoundException ({@code tag}) when a tag id is not one of the user's tags, or ({@code
   *     user}) when the user does not exist; nothing is written
   */
  public Task create(UUID userId, NewTask task) {
    return writes.create(userId, task);
  }

  /**
   * Creates many tasks of one user, with their tags and reminders, in one transaction and a few
   * multi-row statements (one per 1,000 tasks, plus one for the tags and one for the reminders):
   * much faster than one {@link #create} per task. Each task is stored exactly as {@link #create}
   * stores it (monthly and yearly rules anchored on the due date's day).
   *
   * <p>Validated as one unit: when one task is refused, none is written. An empty list writes
   * nothing and returns an empty list (without looking at the user).
   *
   * @param userId the acting user
   * @param tasks what to create, at most {@value TaskBatch#MAX_TASKS}
   * @return the tasks as stored (pending, version 0), in the order of {@code tasks}
   * @throws ValidationException ({@code tasks}) for more than {@value TaskBatch#MAX_TASKS} tasks,
   *     ({@code tasks[i]}) for a null element, or ({@code tasks[i].due_at}) when the task at index
   *     {@code i} has a recurrence rule but no due date
   * @throws NotFoundException ({@code tag}) when a tag id is not one of the user's tags, or ({@code
   *     user}) when the user does not exist; nothing is written
   * @throws ValidationException ({@code origin}) on a DAO made with {@link #via}: a batch records
   *     no effect, so it could not be answered idempotently; nothing is written
   */
  public List<Task> createAll(UUID userId, List<NewTask> tasks) {
    if (origin != null) {
      throw new ValidationException(
          "origin",
          "createAll records no tool effect and is not idempotent: create the tasks one by one"
              + " through via(origin), or call createAll on tasks() without an origin");
    }
    return batch.createAll(userId, tasks);
  }

  /**
   * The task with this id, if the user has it.
   *
   * @param userId the acting user
   * @param id the task
   * @return the task, or empty when the user has no such task
   */
  public Optional<Task> find(UUID userId, UUID id) {
    return reads.find(userId, id);
  }

  /**
   * The task with this id.
   *
   * @param userId the acting user
   * @param id the task
   * @return the task
   * @throws NotFoundException ({@code task}) when the user has no such task
   */
  public Task get(UUID userId, UUID id) {
    return find(userId, id).orElseThrow(() -> new NotFoundException("task", id));
  }

  /**
   * Changes the fields set on {@code patch}, if the task is still at {@code expectedVersion}, and
   * increments its version.
   *
   * <p>Moving the due date moves the task's relative reminders (a database trigger does that, and
   * re-arms those whose fire instant changed). Setting the status to pending or in progress clears
   * the completion time; the next task a completion created stays. A new monthly or yearly rule
   * without {@code month_day} is anchored on the due date's day, as in {@link #create}. An empty
   * patch writes nothing: it returns the task after checking the version.
   *
   * @param userId the acting user
   * @param id the task
   * @param expectedVersion the version the caller read ({@link Task#version()})
   * @param patch the changes
   * @return the updated task
   * @throws ConcurrentUpdateException when the task is no longer at {@code expectedVersion}
   * @throws NotFoundException ({@code task}) when the user has no such task
   * @throws ValidationException ({@code due_at}) when the task would have a recurrence rule but no
   *     due date
   */
  public Task update(UUID userId, UUID id, long expectedVersion, TaskPatch patch) {
    return writes.update(userId, id, expectedVersion, patch);
  }

  /**
   * Deletes a task and its tag links.
   *
   * @param userId the acting user
   * @param id the task
   * @throws NotFoundException ({@code task}) when the user has no such task
   */
  public void delete(UUID userId, UUID id) {
    writes.delete(userId, id);
  }

  /**
   * Completes a task and, if it has a recurrence rule that has not ended, creates the next task,
   * all in one transaction.
   *
   * <p>The next task is due at the rule's next occurrence after this task's due date, on the wall
   * clock of the user's time zone ({@code fixed} mode), or counted from today's date in that zone
   * at the due date's local time ({@code after_completion} mode). It carries the title,
   * description, priority, tags and rule (with {@code count} one less: a task's count is the number
   * of occurrences left including itself, so a task with count 1 is the last), and its reminders
   * (relative ones as they are, absolute ones moved as far as the due date moved), armed anew.
   *
   * <p>A series that cannot go on ends with this task, which is completed all the same (never a
   * completion that fails for good): when the next occurrence would fall after the year 9999, when
   * the calculator cannot compute it (a rule written by plain SQL, e.g. with an interval so large
   * that the date overflows, or a time zone java.time does not know), or when the stored rule
   * cannot be read at all (then the task is returned without its rule).
   *
   * <p>Idempotent: completing a task that is already completed returns it unchanged with no next
   * task. Of several concurrent completions of one task exactly one completes it and creates the
   * next task; the others return the completed task with no next task.
   *
   * @param userId the acting user
   * @param id the task
   * @return the completed task and the next one, if any
   * @throws NotFoundException ({@code task}) when the user has no such task
   */
  public Completion complete(UUID userId, UUID id) {
    return completion.complete(userId, id);
  }

  /**
   * Reopens a completed task: pending again, no completion time, version incremented. A next task
   * its completion created is kept (delete it if it is not wanted). Reopening a task that is not
   * completed returns it unchanged.
   *
   * @param userId the acting user
   * @param id the task
   * @return the task
   * @throws NotFoundException ({@code task}) when the user has no such task
   */
  public Task reopen(UUID userId, UUID id) {
    return completion.reopen(userId, id);
  }

  /**
   * The user's open tasks due before now, by the {@code TodoDb} clock.
   *
   * @param userId the acting user
   * @return the tasks, earliest due first
   */
  public List<Task> overdue(UUID userId) {
    return overdue(userId, context.now());
  }

  /**
   * The user's open tasks due before {@code asOf}.
   *
   * @param userId the acting user
   * @param asOf the instant to look from
   * @return the tasks, earliest due first
   * @throws ValidationException ({@code as_of}) outside the years 1 to 9999
   */
  public List<Task> overdue(UUID userId, Instant asOf) {
    return reads.overdue(userId, asOf);
  }

  /**
   * The user's open tasks due today, by the {@code TodoDb} clock; see {@link #dueToday(UUID,
   * Instant)}.
   *
   * @param userId the acting user
   * @return the tasks, earliest due first; empty for an unknown user
   */
  public List<Task> dueToday(UUID userId) {
    return dueToday(userId, context.now());
  }

  /**
   * The user's open tasks due today: from the first instant of the user's current local day to the
   * first instant of the next, in the user's time zone ({@code users.time_zone}), so a day may be
   * 23 or 25 hours long. Where clocks fall back over local midnight (the Azores and Cuba in autumn)
   * the day starts at the first of the two midnights; where they spring forward over it, at the
   * first local time after the gap.
   *
   * <p>Two statements: the user's time zone, then the tasks in the day's bounds, which are computed
   * with {@code java.time} and sent as instants (PostgreSQL's {@code AT TIME ZONE} would resolve an
   * ambiguous local midnight to the later instant and start such a day an hour late).
   *
   * @param userId the acting user
   * @param asOf the instant whose local day is "today"
   * @return the tasks, earliest due first; empty for an unknown user
   * @throws ValidationException ({@code time_zone}) when the user's stored zone is not one {@code
   *     java.time} knows (only plain SQL can store such a zone, e.g. PostgreSQL's abbreviation
   *     {@code PST})
   */
  public List<Task> dueToday(UUID userId, Instant asOf) {
    return reads.dueToday(userId, asOf);
  }

  /**
   * The user's open tasks due in {@code [from, to)}.
   *
   * @param userId the acting user
   * @param from the first instant included
   * @param to the first instant excluded
   * @return the tasks, earliest due first
   * @throws ValidationException ({@code to}) when {@code from} is not before {@code to}
   */
  public List<Task> dueBetween(UUID userId, Instant from, Instant to) {
    return reads.dueBetween(userId, from, to);
  }

  /**
   * The user's tasks (completed ones included) that carry a tag.
   *
   * @param userId the acting user
   * @param tagId the tag
   * @return the tasks, by due date (tasks without one last)
   * @throws NotFoundException ({@code tag}) when the user has no such tag
   */
  public List<Task> byTag(UUID userId, UUID tagId) {
    return reads.byTag(userId, tagId);
  }

  /**
   * The user's tasks (completed ones included) whose tags pass a filter; tags the user does not
   * have are carried by none of the user's tasks.
   *
   * @param userId the acting user
   * @param filter any-of, all-of and none-of tag sets
   * @return the tasks, by due date (tasks without one last)
   */
  public List<Task> withTags(UUID userId, TagFilter filter) {
    return reads.withTags(userId, filter);
  }

  /**
   * The user's open tasks of some priorities, most urgent first, then by due date (tasks without
   * one last), creation time and id.
   *
   * @param userId the acting user
   * @param priorities the priorities to list
   * @return the tasks
   * @throws ValidationException ({@code priorities}) when the set is empty
   */
  public List<Task> byPriority(UUID userId, Set<Priority> priorities) {
    return reads.byPriority(userId, priorities);
  }

  /**
   * One page of the user's tasks that pass a query's filters, most urgent first, then by due date
   * (tasks without one last), creation time and id. Filtering, sorting and paging all happen in
   * SQL; pages are keyset-paged, so concurrent inserts and deletes never shift a page.
   *
   * @param userId the acting user
   * @param query the filters
   * @param page the page: {@link PageRequest#first(int)}, or {@link Page#next()} of the previous
   *     page (the same filters)
   * @return the page; its {@link Page#next()} asks for the next one
   * @throws ValidationException ({@code cursor}) when the cursor is not one this list handed out to
   *     this user for the same filters
   */
  public Page<Task> query(UUID userId, TaskQuery query, PageRequest page) {
    return reads.query(userId, query, page);
  }
}
