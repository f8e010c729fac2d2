package io.todokit.dao.tasks;

import static io.todokit.dao.tasks.TaskConditions.BY_DUE;
import static io.todokit.dao.tasks.TaskConditions.BY_PRIORITY;
import static io.todokit.dao.tasks.TaskConditions.OPEN;
import static io.todokit.schema.jooq.Tables.TAGS;
import static io.todokit.schema.jooq.Tables.TASKS;
import static io.todokit.schema.jooq.Tables.TASK_TAGS;
import static io.todokit.schema.jooq.Tables.USERS;

import io.todokit.dao.NotFoundException;
import io.todokit.dao.Page;
import io.todokit.dao.PageRequest;
import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Check;
import io.todokit.dao.internal.DaoContext;
import io.todokit.dao.internal.TaskRows;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SortField;

/** The reads of {@link TaskDao}: one task and the lists. */
final class TaskReads {

  private final DaoContext context;

  TaskReads(DaoContext context) {
    this.context = context;
  }

  Optional<Task> find(UUID userId, UUID id) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    return context.read(dsl -> select(dsl, userId, id), id);
  }

  List<Task> overdue(UUID userId, Instant asOf) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(asOf, "asOf");
    Check.instant("as_of", asOf);
    return list(TASKS.USER_ID.eq(userId).and(OPEN).and(TASKS.DUE_AT.lt(asOf)), BY_DUE);
  }

  List<Task> dueToday(UUID userId, Instant asOf) {
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

  List<Task> dueBetween(UUID userId, Instant from, Instant to) {
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

  List<Task> byTag(UUID userId, UUID tagId) {
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

  List<Task> withTags(UUID userId, TagFilter filter) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(filter, "filter");
    return list(TASKS.USER_ID.eq(userId).and(TaskConditions.tagCondition(userId, filter)), BY_DUE);
  }

  List<Task> byPriority(UUID userId, Set<Priority> priorities) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(priorities, "priorities");
    if (priorities.isEmpty()) {
      throw new ValidationException("priorities", "must not be empty");
    }
    return list(
        TASKS
            .USER_ID
            .eq(userId)
            .and(OPEN)
            .and(TaskConditions.priorityCondition(EnumSet.copyOf(priorities))),
        BY_PRIORITY);
  }

  Page<Task> query(UUID userId, TaskQuery query, PageRequest page) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(page, "page");
    List<Condition> conditions = TaskConditions.of(userId, query);
    page.cursor()
        .ifPresent(
            cursor ->
                conditions.add(
                    TaskConditions.after(
                        TaskCursor.decode(context.cursors(), userId, query, cursor))));
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
    String next = TaskCursor.of(items.get(limit - 1)).encode(context.cursors(), userId, query);
    return Page.of(items, PageRequest.after(next, limit));
  }

  static Optional<Task> select(DSLContext dsl, UUID userId, UUID id) {
    return dsl.select(TaskRows.COLUMNS)
        .from(TASKS)
        .where(TASKS.USER_ID.eq(userId), TASKS.ID.eq(id))
        .fetchOptional(TaskRows::toTask);
  }

  static boolean exists(DSLContext dsl, UUID userId, UUID id) {
    return dsl.fetchExists(TASKS, TASKS.USER_ID.eq(userId), TASKS.ID.eq(id));
  }

  private List<Task> list(Condition condition, Collection<? extends SortField<?>> order) {
    return context.read(
        dsl ->
            TaskRows.fetchTasks(
                dsl.select(TaskRows.COLUMNS).from(TASKS).where(condition).orderBy(order)),
        null);
  }
}
