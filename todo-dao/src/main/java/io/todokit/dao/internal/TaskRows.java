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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SelectField;
import org.jooq.exception.DataAccessException;
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
          TASKS.REMIND_AT,
          TASKS.REMINDED_AT,
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
        row.get(TASKS.REMIND_AT),
        row.get(TASKS.REMINDED_AT),
        row.get(TASKS.COMPLETED_AT),
        recurrence(row.get(TASKS.RECURRENCE_RULE)),
        row.get(TASKS.TEMPLATE_ID),
        row.get(TASKS.OCCURRENCE_AT),
        row.get(TASKS.VERSION),
        row.get(TASKS.CREATED_AT),
        row.get(TASKS.UPDATED_AT));
  }

  /**
   * Runs a query that selects {@link #COLUMNS} and maps its rows straight from the JDBC result set:
   * the lists are the hottest reads, and skipping jOOQ's intermediate records saves about a
   * microsecond per row. Columns are read by name.
   *
   * @param query the query
   * @return the tasks, in the query's order
   */
  public static List<Task> fetchTasks(ResultQuery<?> query) {
    try (ResultSet rows = query.fetchResultSet()) {
      List<Task> tasks = new ArrayList<>();
      while (rows.next()) {
        tasks.add(toTask(rows));
      }
      return List.copyOf(tasks);
    } catch (SQLException e) {
      throw new DataAccessException("cannot read tasks: " + e.getMessage(), e);
    }
  }

  private static Task toTask(ResultSet row) throws SQLException {
    String rule = row.getString(TASKS.RECURRENCE_RULE.getName());
    return new Task(
        row.getObject(TASKS.ID.getName(), UUID.class),
        row.getObject(TASKS.USER_ID.getName(), UUID.class),
        row.getString(TASKS.TITLE.getName()),
        row.getString(TASKS.DESCRIPTION.getName()),
        status(
            io.todokit.schema.jooq.enums.TaskStatus.valueOf(row.getString(TASKS.STATUS.getName()))),
        priority(TaskPriority.valueOf(row.getString(TASKS.PRIORITY.getName()))),
        instant(row, TASKS.DUE_AT),
        instant(row, TASKS.REMIND_AT),
        instant(row, TASKS.REMINDED_AT),
        instant(row, TASKS.COMPLETED_AT),
        rule == null ? null : RecurrenceJson.parse(rule),
        row.getObject(TASKS.TEMPLATE_ID.getName(), UUID.class),
        instant(row, TASKS.OCCURRENCE_AT),
        row.getLong(TASKS.VERSION.getName()),
        Objects.requireNonNull(instant(row, TASKS.CREATED_AT)),
        Objects.requireNonNull(instant(row, TASKS.UPDATED_AT)));
  }

  private static @Nullable Instant instant(ResultSet row, Field<Instant> field)
      throws SQLException {
    OffsetDateTime value = row.getObject(field.getName(), OffsetDateTime.class);
    return value == null ? null : value.toInstant();
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
