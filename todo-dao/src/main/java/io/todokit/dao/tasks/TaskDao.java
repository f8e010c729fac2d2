package io.todokit.dao.tasks;

import static io.todokit.schema.jooq.Tables.TAGS;
import static io.todokit.schema.jooq.Tables.TASKS;
import static io.todokit.schema.jooq.Tables.TASK_TAGS;
import static io.todokit.schema.jooq.Tables.USERS;

import io.todokit.dao.ConcurrentUpdateException;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.Page;
import io.todokit.dao.PageRequest;
import io.todokit.dao.RecurrenceJson;
import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Change;
import io.todokit.dao.internal.Check;
import io.todokit.dao.internal.DaoContext;
import io.todokit.dao.internal.NextOccurrence;
import io.todokit.dao.internal.TaskRows;
import io.todokit.recurrence.RecurrenceSpec;
import io.todokit.schema.jooq.tables.records.TasksRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.SortField;
import org.jooq.UpdateSetMoreStep;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * A user's tasks: create, read, update with optimistic locking, complete (creating the next task of
 * a recurrence), reopen and delete, and the lists every to-do app shows: overdue, due today, due
 * between, by tag, by priority, and a filtered, keyset-paged {@link #query}. Use {@code
 * TodoDb.tasks()}.
 *
 * <p>Every method takes the acting user's id and sees only that user's tasks: another user's task
 * or tag behaves exactly like a missing one. Each call is one transaction (a savepoint inside
 * {@code TodoDb.transaction}); a call that throws has written nothing. Lists are ordered by due
 * date, then creation time, then id, unless the method says otherwise. Stateless and thread-safe.
 */
public final class TaskDao {

  private static final io.todokit.schema.jooq.enums.TaskStatus COMPLETED =
      TaskRows.status(TaskStatus.COMPLETED);
  private static final io.todokit.schema.jooq.enums.TaskStatus PENDING =
      TaskRows.status(TaskStatus.PENDING);

  /**
   * "Open", as the partial indexes on tasks spell it. Inlined rather than bound so that the planner
   * can prove their predicate ({@code status <> 'completed'}) from the query's even for a generic
   * prepared plan.
   */
  private static final Condition OPEN = TASKS.STATUS.ne(DSL.inline(COMPLETED));

  private static final List<SortField<?>> BY_DUE =
      List.of(TASKS.DUE_AT.asc().nullsLast(), TASKS.CREATED_AT.asc(), TASKS.ID.asc());

  private static final List<SortField<?>> BY_PRIORITY =
      List.of(
          TASKS.PRIORITY.desc(),
          TASKS.DUE_AT.asc().nullsLast(),
          TASKS.CREATED_AT.asc(),
          TASKS.ID.asc());

  private static final List<SelectField<?>> COLUMNS_AND_ZONE = columnsAnd(USERS.TIME_ZONE);

  private final DaoContext context;

  /**
   * Creates the DAO; use {@code TodoDb.tasks()} instead.
   *
   * @param context the shared DAO context
   */
  public TaskDao(DaoContext context) {
    this.context = Objects.requireNonNull(context, "context");
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
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(task, "task");
    Instant dueAt = task.dueAt();
    if (task.recurrence() != null && dueAt == null) {
      throw new ValidationException("due_at", "is required for a task with a recurrence rule");
    }
    Instant now = context.now();
    UUID id = context.newId();
    return context.write(
        dsl -> {
          RecurrenceSpec rule = task.recurrence();
          if (rule != null && dueAt != null && RuleAnchor.needsAnchor(rule)) {
            rule = RuleAnchor.anchored(rule, dueAt, zoneOf(dsl, userId));
          }
          Task created =
              insert(
                  dsl,
                  userId,
                  id,
                  task.title(),
                  task.description(),
                  task.priority(),
                  dueAt,
                  task.remindAt(),
                  rule,
                  now);
          if (!task.tagIds().isEmpty()) {
            Set<UUID> attached =
                new HashSet<>(
                    dsl.insertInto(
                            TASK_TAGS,
                            TASK_TAGS.USER_ID,
                            TASK_TAGS.TASK_ID,
                            TASK_TAGS.TAG_ID,
                            TASK_TAGS.CREATED_AT)
                        .select(
                            DSL.select(
                                    TAGS.USER_ID,
                                    DSL.val(id, TASK_TAGS.TASK_ID),
                                    TAGS.ID,
                                    DSL.val(now, TASK_TAGS.CREATED_AT))
                                .from(TAGS)
                                .where(TAGS.USER_ID.eq(userId), TAGS.ID.in(task.tagIds())))
                        .returningResult(TASK_TAGS.TAG_ID)
                        .fetch(TASK_TAGS.TAG_ID));
            for (UUID tagId : task.tagIds()) {
              if (!attached.contains(tagId)) {
                throw new NotFoundException("tag", tagId);
              }
            }
          }
          return created;
        },
        id);
  }

  /**
   * The task with this id, if the user has it.
   *
   * @param userId the acting user
   * @param id the task
   * @return the task, or empty when the user has no such task
   */
  public Optional<Task> find(UUID userId, UUID id) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    return context.read(dsl -> select(dsl, userId, id), id);
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
   * <p>Moving the reminder time re-arms the reminder (a database trigger clears {@code
   * reminded_at}). Setting the status to pending or in progress clears the completion time; the
   * next task a completion created stays. A new monthly or yearly rule without {@code month_day} is
   * anchored on the due date's day, as in {@link #create}. An empty patch writes nothing: it
   * returns the task after checking the version.
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
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(patch, "patch");
    if (patch.isEmpty()) {
      Task current = get(userId, id);
      if (current.version() != expectedVersion) {
        throw new ConcurrentUpdateException("task", id, expectedVersion, null);
      }
      return current;
    }
    Instant now = context.now();
    return context.write(
        dsl -> {
          Change<RecurrenceSpec> ruleChange = patch.recurrence();
          RecurrenceSpec newRule = ruleChange == null ? null : ruleChange.value();
          Change<Instant> dueChange = patch.dueAt();
          if (ruleChange != null || (dueChange != null && dueChange.value() == null)) {
            // The rule needs a due date (and maybe its day as anchor): check against the row,
            // locked so that the check still holds when the UPDATE runs.
            Record current =
                dsl.select(COLUMNS_AND_ZONE)
                    .from(TASKS)
                    .join(USERS)
                    .on(USERS.ID.eq(TASKS.USER_ID))
                    .where(TASKS.USER_ID.eq(userId), TASKS.ID.eq(id))
                    .forUpdate()
                    .of(TASKS)
                    .fetchOne();
            if (current == null) {
              throw new NotFoundException("task", id);
            }
            if (current.get(TASKS.VERSION) != expectedVersion) {
              throw new ConcurrentUpdateException("task", id, expectedVersion, null);
            }
            Instant due = dueChange != null ? dueChange.value() : current.get(TASKS.DUE_AT);
            RecurrenceSpec rule =
                ruleChange != null
                    ? newRule
                    : TaskRows.recurrence(current.get(TASKS.RECURRENCE_RULE));
            if (rule != null && due == null) {
              throw new ValidationException(
                  "due_at", "is required for a task with a recurrence rule");
            }
            if (newRule != null && due != null && RuleAnchor.needsAnchor(newRule)) {
              newRule = RuleAnchor.anchored(newRule, due, ZoneId.of(current.get(USERS.TIME_ZONE)));
            }
          }
          UpdateSetMoreStep<TasksRecord> update =
              dsl.update(TASKS)
                  .set(TASKS.VERSION, TASKS.VERSION.plus(1L))
                  .set(TASKS.UPDATED_AT, now);
          if (patch.title() instanceof Change<String> title) {
            update = update.set(TASKS.TITLE, title.value());
          }
          if (patch.description() instanceof Change<String> description) {
            update = update.set(TASKS.DESCRIPTION, description.value());
          }
          if (patch.priority() instanceof Change<Priority> priority) {
            update =
                update.set(
                    TASKS.PRIORITY, TaskRows.priority(Objects.requireNonNull(priority.value())));
          }
          if (patch.status() instanceof Change<TaskStatus> status) {
            update =
                update
                    .set(TASKS.STATUS, TaskRows.status(Objects.requireNonNull(status.value())))
                    .set(TASKS.COMPLETED_AT, (Instant) null);
          }
          if (dueChange != null) {
            update = update.set(TASKS.DUE_AT, dueChange.value());
          }
          if (patch.remindAt() instanceof Change<Instant> remindAt) {
            update = update.set(TASKS.REMIND_AT, remindAt.value());
          }
          if (ruleChange != null) {
            update = update.set(TASKS.RECURRENCE_RULE, TaskRows.json(newRule));
          }
          Record row =
              update
                  .where(
                      TASKS.USER_ID.eq(userId), TASKS.ID.eq(id), TASKS.VERSION.eq(expectedVersion))
                  .returningResult(TaskRows.COLUMNS)
                  .fetchOne();
          if (row == null) {
            throw exists(dsl, userId, id)
                ? new ConcurrentUpdateException("task", id, expectedVersion, null)
                : new NotFoundException("task", id);
          }
          return TaskRows.toTask(row);
        },
        id);
  }

  /**
   * Deletes a task and its tag links.
   *
   * @param userId the acting user
   * @param id the task
   * @throws NotFoundException ({@code task}) when the user has no such task
   */
  public void delete(UUID userId, UUID id) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    context.deleteOwned(TASKS, TASKS.USER_ID, TASKS.ID, userId, id, "task");
  }

  /**
   * Completes a task and, if it has a recurrence rule that has not ended, creates the next task,
   * all in one transaction.
   *
   * <p>The next task is due at the rule's next occurrence after this task's due date, on the wall
   * clock of the user's time zone ({@code fixed} mode), or counted from today's date in that zone
   * at the due date's local time ({@code after_completion} mode). It carries the title,
   * description, priority, tags and rule (with {@code count} one less: a task's count is the number
   * of occurrences left including itself, so a task with count 1 is the last), and its reminder
   * keeps the same distance before the due date.
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
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    Instant now = context.now();
    UUID nextId = context.newId();
    return context.write(
        dsl -> {
          // "status <> completed" makes concurrent completions queue on the row lock; the losers
          // re-check the condition after the winner commits and update nothing.
          Record row =
              dsl.update(TASKS)
                  .set(TASKS.STATUS, COMPLETED)
                  .set(TASKS.COMPLETED_AT, now)
                  .set(TASKS.VERSION, TASKS.VERSION.plus(1L))
                  .set(TASKS.UPDATED_AT, now)
                  .from(USERS)
                  .where(
                      USERS.ID.eq(TASKS.USER_ID), TASKS.USER_ID.eq(userId), TASKS.ID.eq(id), OPEN)
                  .returningResult(COLUMNS_AND_ZONE)
                  .fetchOne();
          if (row == null) {
            Task current =
                select(dsl, userId, id).orElseThrow(() -> new NotFoundException("task", id));
            return new Completion(current, Optional.empty());
          }
          Task completed;
          try {
            completed = TaskRows.toTask(row);
          } catch (ValidationException e) {
            if (!e.field().startsWith(RecurrenceJson.FIELD)) {
              throw e;
            }
            // A stored rule this version cannot read: the task is done, and its series ends here.
            return new Completion(
                TaskRows.toTask(row.with(TASKS.RECURRENCE_RULE, (JSONB) null)), Optional.empty());
          }
          RecurrenceSpec rule = completed.recurrence();
          Instant due = completed.dueAt();
          if (rule == null || due == null) {
            return new Completion(completed, Optional.empty());
          }
          ZoneId zone = ZoneId.of(row.get(USERS.TIME_ZONE));
          NextOccurrence step =
              NextOccurrence.of(
                  due,
                  rule.count() != null || rule.endDate() != null,
                  () -> rule.nextInSeries(due, zone, now).map(next -> next.atZone(zone)));
          if (!(step instanceof NextOccurrence.At at)) {
            return new Completion(completed, Optional.empty());
          }
          Instant nextDue = at.occurrence().toInstant();
          Instant remindAt = completed.remindAt();
          Task next =
              insert(
                  dsl,
                  userId,
                  nextId,
                  completed.title(),
                  completed.description(),
                  completed.priority(),
                  nextDue,
                  remindAt == null ? null : nextDue.minus(Duration.between(remindAt, due)),
                  rule.forNextInSeries(),
                  now);
          dsl.insertInto(
                  TASK_TAGS,
                  TASK_TAGS.USER_ID,
                  TASK_TAGS.TASK_ID,
                  TASK_TAGS.TAG_ID,
                  TASK_TAGS.CREATED_AT)
              .select(
                  DSL.select(
                          TASK_TAGS.USER_ID,
                          DSL.val(nextId, TASK_TAGS.TASK_ID),
                          TASK_TAGS.TAG_ID,
                          DSL.val(now, TASK_TAGS.CREATED_AT))
                      .from(TASK_TAGS)
                      .where(TASK_TAGS.USER_ID.eq(userId), TASK_TAGS.TASK_ID.eq(id)))
              .execute();
          return new Completion(completed, Optional.of(next));
        },
        id);
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
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    Instant now = context.now();
    return context.write(
        dsl -> {
          Record row =
              dsl.update(TASKS)
                  .set(TASKS.STATUS, PENDING)
                  .set(TASKS.COMPLETED_AT, (Instant) null)
                  .set(TASKS.VERSION, TASKS.VERSION.plus(1L))
                  .set(TASKS.UPDATED_AT, now)
                  .where(TASKS.USER_ID.eq(userId), TASKS.ID.eq(id), TASKS.STATUS.eq(COMPLETED))
                  .returningResult(TaskRows.COLUMNS)
                  .fetchOne();
          if (row != null) {
            return TaskRows.toTask(row);
          }
          return select(dsl, userId, id).orElseThrow(() -> new NotFoundException("task", id));
        },
        id);
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
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(asOf, "asOf");
    Check.instant("as_of", asOf);
    return list(TASKS.USER_ID.eq(userId).and(OPEN).and(TASKS.DUE_AT.lt(asOf)), BY_DUE);
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
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(asOf, "asOf");
    Check.instant("as_of", asOf);
    return context.read(
        dsl -> {
          String zone =
              dsl.select(USERS.TIME_ZONE)
                  .from(USERS)
                  .where(USERS.ID.eq(userId))
                  .fetchOne(USERS.TIME_ZONE);
          if (zone == null) {
            return List.<Task>of();
          }
          LocalDay today = LocalDay.containing(asOf, Check.storedZone(zone));
          return TaskRows.fetchTasks(
              dsl.select(TaskRows.COLUMNS)
                  .from(TASKS)
                  .where(
                      TASKS.USER_ID.eq(userId),
                      OPEN,
                      TASKS.DUE_AT.ge(today.start()),
                      TASKS.DUE_AT.lt(today.end()))
                  .orderBy(BY_DUE));
        },
        userId);
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
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(from, "from");
    Check.instant("from", from);
    Objects.requireNonNull(to, "to");
    Check.instant("to", to);
    if (!from.isBefore(to)) {
      throw new ValidationException("to", "must be after from (" + from + "), was " + to);
    }
    return list(
        TASKS.USER_ID.eq(userId).and(OPEN).and(TASKS.DUE_AT.ge(from)).and(TASKS.DUE_AT.lt(to)),
        BY_DUE);
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
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(tagId, "tagId");
    return context.read(
        dsl -> {
          List<Task> tasks =
              TaskRows.fetchTasks(
                  dsl.select(TaskRows.COLUMNS)
                      .from(TASKS)
                      .join(TASK_TAGS)
                      .on(TASK_TAGS.USER_ID.eq(TASKS.USER_ID), TASK_TAGS.TASK_ID.eq(TASKS.ID))
                      .where(
                          TASK_TAGS.USER_ID.eq(userId),
                          TASK_TAGS.TAG_ID.eq(tagId),
                          TASKS.USER_ID.eq(userId))
                      .orderBy(BY_DUE));
          // Only an empty answer needs a second look: is it the tag that is missing?
          if (tasks.isEmpty()
              && !dsl.fetchExists(TAGS, TAGS.USER_ID.eq(userId), TAGS.ID.eq(tagId))) {
            throw new NotFoundException("tag", tagId);
          }
          return tasks;
        },
        tagId);
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
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(filter, "filter");
    return list(TASKS.USER_ID.eq(userId).and(tagCondition(userId, filter)), BY_DUE);
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
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(priorities, "priorities");
    if (priorities.isEmpty()) {
      throw new ValidationException("priorities", "must not be empty");
    }
    return list(
        TASKS.USER_ID.eq(userId).and(OPEN).and(priorityCondition(EnumSet.copyOf(priorities))),
        BY_PRIORITY);
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
   *     this user
   */
  public Page<Task> query(UUID userId, TaskQuery query, PageRequest page) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(page, "page");
    List<Condition> conditions = new ArrayList<>();
    conditions.add(TASKS.USER_ID.eq(userId));
    Set<TaskStatus> statuses = query.statuses();
    if (!statuses.contains(TaskStatus.COMPLETED) || query.overdueAt() != null) {
      conditions.add(OPEN);
    }
    if (statuses.size() < TaskStatus.values().length
        && !statuses.equals(EnumSet.of(TaskStatus.PENDING, TaskStatus.IN_PROGRESS))) {
      conditions.add(
          TASKS.STATUS.in(statuses.stream().map(s -> DSL.inline(TaskRows.status(s))).toList()));
    }
    if (query.priorities().size() < Priority.values().length) {
      conditions.add(priorityCondition(EnumSet.copyOf(query.priorities())));
    }
    if (!query.tags().isEmpty()) {
      conditions.add(tagCondition(userId, query.tags()));
    }
    if (query.dueFrom() != null) {
      conditions.add(TASKS.DUE_AT.ge(query.dueFrom()));
    }
    if (query.dueTo() != null) {
      conditions.add(TASKS.DUE_AT.lt(query.dueTo()));
    }
    if (query.overdueAt() != null) {
      conditions.add(TASKS.DUE_AT.lt(query.overdueAt()));
    }
    String text = query.text();
    if (text != null) {
      // Plain SQL: jOOQ has no full-text search syntax. The tsvector expression is exactly the one
      // of tasks_search_idx (V3), so that the GIN index serves it.
      conditions.add(
          DSL.condition(
              "to_tsvector('simple'::regconfig, {0} || ' ' || coalesce({1}, ''))"
                  + " @@ websearch_to_tsquery('simple', {2})",
              TASKS.TITLE, TASKS.DESCRIPTION, DSL.val(text)));
    }
    page.cursor()
        .ifPresent(
            cursor -> conditions.add(after(TaskCursor.decode(context.cursors(), userId, cursor))));
    int limit = page.limit();
    List<Task> tasks =
        context.read(
            dsl ->
                TaskRows.fetchTasks(
                    dsl.select(TaskRows.COLUMNS)
                        .from(TASKS)
                        .where(conditions)
                        .orderBy(BY_PRIORITY)
                        .limit(limit + 1)),
            null);
    if (tasks.size() <= limit) {
      return Page.last(tasks);
    }
    List<Task> items = tasks.subList(0, limit);
    String next = TaskCursor.of(items.get(limit - 1)).encode(context.cursors(), userId);
    return Page.of(items, PageRequest.after(next, limit));
  }

  /**
   * The rows after the cursor's in the order priority DESC, due_at ASC NULLS LAST, created_at, id.
   * Row-value comparison cannot express the mixed directions and the NULLs, so it is spelled out;
   * the leading {@code priority <= p} bounds the scan of tasks_user_open_priority_idx.
   */
  private static Condition after(TaskCursor cursor) {
    var priority = TaskRows.priority(cursor.priority());
    Condition tie = DSL.row(TASKS.CREATED_AT, TASKS.ID).gt(cursor.createdAt(), cursor.id());
    Instant due = cursor.dueAt();
    Condition laterInPriority =
        due == null
            ? TASKS.DUE_AT.isNull().and(tie)
            : TASKS.DUE_AT.gt(due).or(TASKS.DUE_AT.isNull()).or(TASKS.DUE_AT.eq(due).and(tie));
    return TASKS
        .PRIORITY
        .le(priority)
        .and(TASKS.PRIORITY.lt(priority).or(TASKS.PRIORITY.eq(priority).and(laterInPriority)));
  }

  private static Condition priorityCondition(Set<Priority> priorities) {
    return TASKS.PRIORITY.in(
        priorities.stream().map(p -> DSL.inline(TaskRows.priority(p))).toList());
  }

  /**
   * any-of and all-of as semi-joins driven by task_tags_user_tag_idx (user_id, tag_id, task_id);
   * none-of as an anti-join on task_tags' primary key (user_id, task_id, tag_id).
   */
  private static Condition tagCondition(UUID userId, TagFilter filter) {
    Condition condition = DSL.noCondition();
    if (!filter.anyOf().isEmpty()) {
      condition =
          condition.and(
              TASKS.ID.in(
                  DSL.select(TASK_TAGS.TASK_ID)
                      .from(TASK_TAGS)
                      .where(TASK_TAGS.USER_ID.eq(userId), TASK_TAGS.TAG_ID.in(filter.anyOf()))));
    }
    if (!filter.allOf().isEmpty()) {
      condition =
          condition.and(
              TASKS.ID.in(
                  DSL.select(TASK_TAGS.TASK_ID)
                      .from(TASK_TAGS)
                      .where(TASK_TAGS.USER_ID.eq(userId), TASK_TAGS.TAG_ID.in(filter.allOf()))
                      .groupBy(TASK_TAGS.TASK_ID)
                      .having(DSL.count().eq(filter.allOf().size()))));
    }
    if (!filter.noneOf().isEmpty()) {
      condition =
          condition.and(
              DSL.notExists(
                  DSL.selectOne()
                      .from(TASK_TAGS)
                      .where(
                          TASK_TAGS.USER_ID.eq(userId),
                          TASK_TAGS.TASK_ID.eq(TASKS.ID),
                          TASK_TAGS.TAG_ID.in(filter.noneOf()))));
    }
    return condition;
  }

  private List<Task> list(Condition condition, Collection<? extends SortField<?>> order) {
    return context.read(
        dsl ->
            TaskRows.fetchTasks(
                dsl.select(TaskRows.COLUMNS).from(TASKS).where(condition).orderBy(order)),
        null);
  }

  private static Optional<Task> select(DSLContext dsl, UUID userId, UUID id) {
    return dsl.select(TaskRows.COLUMNS)
        .from(TASKS)
        .where(TASKS.USER_ID.eq(userId), TASKS.ID.eq(id))
        .fetchOptional(TaskRows::toTask);
  }

  private static boolean exists(DSLContext dsl, UUID userId, UUID id) {
    return dsl.fetchExists(TASKS, TASKS.USER_ID.eq(userId), TASKS.ID.eq(id));
  }

  private static ZoneId zoneOf(DSLContext dsl, UUID userId) {
    String zone =
        dsl.select(USERS.TIME_ZONE)
            .from(USERS)
            .where(USERS.ID.eq(userId))
            .fetchOne(USERS.TIME_ZONE);
    if (zone == null) {
      throw new NotFoundException("user", userId);
    }
    return ZoneId.of(zone);
  }

  private static Task insert(
      DSLContext dsl,
      UUID userId,
      UUID id,
      String title,
      @Nullable String description,
      Priority priority,
      @Nullable Instant dueAt,
      @Nullable Instant remindAt,
      @Nullable RecurrenceSpec rule,
      Instant now) {
    Record row =
        dsl.insertInto(TASKS)
            .set(TASKS.USER_ID, userId)
            .set(TASKS.ID, id)
            .set(TASKS.TITLE, title)
            .set(TASKS.DESCRIPTION, description)
            .set(TASKS.PRIORITY, TaskRows.priority(priority))
            .set(TASKS.DUE_AT, dueAt)
            .set(TASKS.REMIND_AT, remindAt)
            .set(TASKS.RECURRENCE_RULE, TaskRows.json(rule))
            .set(TASKS.CREATED_AT, now)
            .set(TASKS.UPDATED_AT, now)
            .returningResult(TaskRows.COLUMNS)
            .fetchSingle();
    return TaskRows.toTask(row);
  }

  private static List<SelectField<?>> columnsAnd(SelectField<?> extra) {
    List<SelectField<?>> fields = new ArrayList<>(TaskRows.COLUMNS);
    fields.add(extra);
    return List.copyOf(fields);
  }
}
