package io.todokit.dao.internal;

import static io.todokit.schema.jooq.Tables.TASKS;

import io.todokit.dao.RecurrenceJson;
import io.todokit.dao.tasks.Priority;
import io.todokit.dao.tasks.Task;
import io.todokit.dao.tasks.TaskStatus;
import io.todokit.recurrence.RecurrenceSpec;
import io.todokit.schema.jooq.enums.TaskPriority;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SelectField;
import org.jspecify.annotations.Nullable;

/**
 * Maps rows of the generated {@code tasks} table to {@link Task} records and the domain enums to
 * the generated ones, so that generated types stay out of public signatures.
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
        status(row.get(TASKS.STATUS)),
        priority(row.get(TASKS.PRIORITY)),
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
   * Runs a query that selects {@link #COLUMNS} and maps its rows straight from the result set (see
   * {@link ResultSets}).
   *
   * @param query the query
   * @return the tasks, in the query's order
   */
  public static List<Task> fetchTasks(ResultQuery<?> query) {
    return ResultSets.fetch(query, TaskRows::toTask);
  }

  private static Task toTask(ResultSet row) throws SQLException {
    String rule = ResultSets.text(row, TASKS.RECURRENCE_RULE);
    return new Task(
        Objects.requireNonNull(ResultSets.uuid(row, TASKS.ID)),
        Objects.requireNonNull(ResultSets.uuid(row, TASKS.USER_ID)),
        Objects.requireNonNull(ResultSets.text(row, TASKS.TITLE)),
        ResultSets.text(row, TASKS.DESCRIPTION),
        status(
            io.todokit.schema.jooq.enums.TaskStatus.valueOf(
                Objects.requireNonNull(ResultSets.text(row, TASKS.STATUS)))),
        priority(
            TaskPriority.valueOf(Objects.requireNonNull(ResultSets.text(row, TASKS.PRIORITY)))),
        ResultSets.instant(row, TASKS.DUE_AT),
        ResultSets.instant(row, TASKS.COMPLETED_AT),
        rule == null ? null : RecurrenceJson.parse(rule),
        ResultSets.uuid(row, TASKS.TEMPLATE_ID),
        ResultSets.instant(row, TASKS.OCCURRENCE_AT),
        row.getLong(TASKS.VERSION.getName()),
        Objects.requireNonNull(ResultSets.instant(row, TASKS.CREATED_AT)),
        Objects.requireNonNull(ResultSets.instant(row, TASKS.UPDATED_AT)));
  }

  /** The stored JSON of a rule. */
  public static @Nullable JSONB json(@Nullable RecurrenceSpec spec) {
    return spec == null ? null : JSONB.jsonb(RecurrenceJson.format(spec));
  }

  /** The rule in stored JSON. */
  public static @Nullable RecurrenceSpec recurrence(@Nullable JSONB json) {
    return json == null ? null : RecurrenceJson.parse(json.data());
  }

  /** The domain priority of a generated one. */
  public static Priority priority(TaskPriority priority) {
    return switch (priority) {
      case low -> Priority.LOW;
      case medium -> Priority.MEDIUM;
      case high -> Priority.HIGH;
      case urgent -> Priority.URGENT;
    };
  }

  /** The generated priority of a domain one. */
  public static TaskPriority priority(Priority priority) {
    return switch (priority) {
      case LOW -> TaskPriority.low;
      case MEDIUM -> TaskPriority.medium;
      case HIGH -> TaskPriority.high;
      case URGENT -> TaskPriority.urgent;
    };
  }

  /** The domain status of a generated one. */
  public static TaskStatus status(io.todokit.schema.jooq.enums.TaskStatus status) {
    return switch (status) {
      case pending -> TaskStatus.PENDING;
      case in_progress -> TaskStatus.IN_PROGRESS;
      case completed -> TaskStatus.COMPLETED;
    };
  }

  /** The generated status of a domain one. */
  public static io.todokit.schema.jooq.enums.TaskStatus status(TaskStatus status) {
    return switch (status) {
      case PENDING -> io.todokit.schema.jooq.enums.TaskStatus.pending;
      case IN_PROGRESS -> io.todokit.schema.jooq.enums.TaskStatus.in_progress;
      case COMPLETED -> io.todokit.schema.jooq.enums.TaskStatus.completed;
    };
  }
}
