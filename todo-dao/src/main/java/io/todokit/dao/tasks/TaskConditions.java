package io.todokit.dao.tasks;

import static io.todokit.schema.jooq.Tables.TASKS;
import static io.todokit.schema.jooq.Tables.TASK_TAGS;
import static io.todokit.schema.jooq.Tables.USERS;

import io.todokit.dao.internal.TaskRows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.SelectField;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/** The SQL conditions and orders of the task lists, shared by reads and writes. */
final class TaskConditions {

  /**
   * "Open", as the partial indexes on tasks spell it. Inlined rather than bound so that the planner
   * can prove their predicate ({@code status <> 'completed'}) from the query's even for a generic
   * prepared plan.
   */
  static final Condition OPEN = TASKS.STATUS.ne(DSL.inline(TaskStatus.COMPLETED, TASKS.STATUS));

  static final List<SortField<?>> BY_DUE =
      List.of(TASKS.DUE_AT.asc().nullsLast(), TASKS.CREATED_AT.asc(), TASKS.ID.asc());

  static final List<SortField<?>> BY_PRIORITY =
      List.of(
          TASKS.PRIORITY.desc(),
          TASKS.DUE_AT.asc().nullsLast(),
          TASKS.CREATED_AT.asc(),
          TASKS.ID.asc());

  /** The task columns and the owner's time zone. */
  static final List<SelectField<?>> COLUMNS_AND_ZONE = columnsAnd(USERS.TIME_ZONE);

  private TaskConditions() {}

  /**
   * The rows after the cursor's in the order priority DESC, due_at ASC NULLS LAST, created_at, id.
   * Row-value comparison cannot express the mixed directions and the NULLs, so it is spelled out;
   * the leading {@code priority <= p} bounds the scan of tasks_user_open_priority_idx.
   */
  static Condition after(TaskCursor cursor) {
    Priority priority = cursor.priority();
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

  static Condition priorityCondition(Set<Priority> priorities) {
    return TASKS.PRIORITY.in(priorities.stream().map(p -> DSL.inline(p, TASKS.PRIORITY)).toList());
  }

  /**
   * any-of and all-of as semi-joins driven by task_tags_user_tag_idx (user_id, tag_id, task_id);
   * none-of as an anti-join on task_tags' primary key (user_id, task_id, tag_id).
   */
  static Condition tagCondition(UUID userId, TagFilter filter) {
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

  /** The conditions of {@code TaskDao.query}: the user's rows that pass the query's filters. */
  static List<Condition> of(UUID userId, TaskQuery query) {
    List<Condition> conditions = new ArrayList<>();
    conditions.add(TASKS.USER_ID.eq(userId));
    Set<TaskStatus> statuses = query.statuses();
    if (!statuses.contains(TaskStatus.COMPLETED) || query.overdueAt() != null) {
      conditions.add(OPEN);
    }
    if (statuses.size() < TaskStatus.values().length
        && !statuses.equals(EnumSet.of(TaskStatus.PENDING, TaskStatus.IN_PROGRESS))) {
      conditions.add(
          TASKS.STATUS.in(statuses.stream().map(s -> DSL.inline(s, TASKS.STATUS)).toList()));
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
    return conditions;
  }

  private static List<SelectField<?>> columnsAnd(SelectField<?> extra) {
    List<SelectField<?>> fields = new ArrayList<>(TaskRows.COLUMNS);
    fields.add(extra);
    return List.copyOf(fields);
  }
}
