package io.todokit.dao.internal;

import static io.todokit.schema.jooq.Tables.TASKS;

import io.todokit.dao.RecurrenceJson;
import io.todokit.dao.tasks.Task;
import io.todokit.recurrence.RecurrenceSpec;
import java.util.List;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SelectField;
import org.jspecify.annotations.Nullable;

/**
 * Maps rows of the generated {@code tasks} table to {@link Task} records: the one task mapper, for
 * lists, single reads and {@code RETURNING}. The enum columns are generated as todo-dao's enums
 * (forced types, see {@link EnumConverters}); the rule stays JSON in the record and is parsed here,
 * not by a converter, so that a malformed one (written by plain SQL) fails in this mapper, where
 * TaskCompletion catches it for its one row, rather than in jOOQ's fetch.
 */
public final class TaskRows {

  /** The columns every task query selects, in the order {@link #toTask} reads them. */
  public static final List<SelectField<?>> COLUMNS =
      List.of(
          TASKS.ID,
          TASKS.USER_ID,
          TASKS.TITLE,
          TASKS.DESCRIPTION,
          TASKS.STATUS,
          TASKS.PRIORITY,
          TASKS.DUE_AT,
          TASKS.COMPLETED_AT,
          TASKS.RECURRENCE_RULE,
          TASKS.TEMPLATE_ID,
          TASKS.OCCURRENCE_AT,
          TASKS.VERSION,
          TASKS.CREATED_AT,
          TASKS.UPDATED_AT);

  private TaskRows() {}

  /**
   * The task in a row that holds {@link #COLUMNS}.
   *
   * @param row the row
   * @return the task
   */
  public static Task toTask(Record row) {
    return new Task(
        row.get(TASKS.ID),
        row.get(TASKS.USER_ID),
        row.get(TASKS.TITLE),
        row.get(TASKS.DESCRIPTION),
        row.get(TASKS.STATUS),
        row.get(TASKS.PRIORITY),
        row.get(TASKS.DUE_AT),
        row.get(TASKS.COMPLETED_AT),
        recurrence(row.get(TASKS.RECURRENCE_RULE)),
        row.get(TASKS.TEMPLATE_ID),
        row.get(TASKS.OCCURRENCE_AT),
        row.get(TASKS.VERSION),
        row.get(TASKS.CREATED_AT),
        row.get(TASKS.UPDATED_AT));
  }

  /**
   * Runs a query that selects {@link #COLUMNS} and maps its rows with {@link #toTask}.
   *
   * @param query the query
   * @return the tasks, in the query's order, unmodifiable
   */
  public static List<Task> fetchTasks(ResultQuery<?> query) {
    return List.copyOf(query.fetch(TaskRows::toTask));
  }

  /** The stored JSON of a rule. */
  public static @Nullable JSONB json(@Nullable RecurrenceSpec spec) {
    return spec == null ? null : JSONB.jsonb(RecurrenceJson.format(spec));
  }

  /** The rule in stored JSON. */
  public static @Nullable RecurrenceSpec recurrence(@Nullable JSONB json) {
    return json == null ? null : RecurrenceJson.parse(json.data());
  }
}
