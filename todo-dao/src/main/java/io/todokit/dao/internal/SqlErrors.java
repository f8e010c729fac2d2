package io.todokit.dao.internal;

import io.todokit.dao.DuplicateException;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.TodoException;
import io.todokit.dao.ValidationException;
import java.sql.SQLException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Translates PostgreSQL errors raised by DAO statements into {@link TodoException}s, naming the
 * field by the constraint that refused the row.
 */
public final class SqlErrors {

  /** Constraint → the API field it guards. */
  private static final Map<String, String> FIELDS =
      Map.ofEntries(
          Map.entry("users_username_key", "username"),
          Map.entry("users_username_length", "username"),
          Map.entry("users_username_format", "username"),
          Map.entry("users_email_lower_key", "email"),
          Map.entry("users_email_format", "email"),
          Map.entry("users_password_hash_not_blank", "password_hash"),
          Map.entry("users_time_zone_valid", "time_zone"),
          Map.entry("tasks_title_length", "title"),
          Map.entry("tasks_description_length", "description"),
          Map.entry("tasks_completed_at_matches_status", "status"),
          Map.entry("tasks_recurrence_rule_shape", "recurrence_rule"),
          Map.entry("tasks_reminded_at_needs_remind_at", "remind_at"),
          Map.entry("tasks_template_occurrence_key", "occurrence_at"),
          Map.entry("tags_user_name_key", "name"),
          Map.entry("tags_name_length", "name"),
          Map.entry("tags_color_format", "color"),
          Map.entry("conversations_title_length", "title"),
          Map.entry("messages_content_length", "content"),
          Map.entry("messages_tool_calls_shape", "tool_calls"),
          Map.entry("messages_tool_calls_by_assistant", "tool_calls"),
          Map.entry("messages_tool_call_id_for_tool", "tool_call_id"),
          Map.entry("messages_tool_call_id_not_blank", "tool_call_id"),
          Map.entry("recurring_tasks_title_length", "title"),
          Map.entry("recurring_tasks_description_length", "description"),
          Map.entry("recurring_tasks_recurrence_rule_shape", "recurrence_rule"),
          Map.entry("recurring_tasks_time_zone_valid", "time_zone"),
          Map.entry("recurring_tasks_missed_policy_valid", "missed_policy"));

  /** Foreign key → the entity that must exist. */
  private static final Map<String, String> REFERENCED =
      Map.ofEntries(
          Map.entry("tasks_user_fkey", "user"),
          Map.entry("tags_user_fkey", "user"),
          Map.entry("conversations_user_fkey", "user"),
          Map.entry("recurring_tasks_user_fkey", "user"),
          Map.entry("task_tags_task_fkey", "task"),
          Map.entry("task_tags_tag_fkey", "tag"),
          Map.entry("messages_conversation_fkey", "conversation"),
          Map.entry("tasks_template_fkey", "recurring task"));

  private SqlErrors() {}

  /**
   * The todokit exception for a database error, or the error itself when it is none of the
   * translated kinds (a lost connection, say) or already a todokit exception.
   *
   * <p>The SQL error is looked for in the whole cause chain, not only in jOOQ's {@code
   * DataAccessException}: a {@code DSLContext} configured by a framework may carry an exception
   * translator of its own (Spring Boot's turns SQL errors into Spring exceptions).
   *
   * @param error what a statement threw
   * @param id the id the statement was about, for not-found messages; may be null
   * @return the exception to throw
   */
  public static RuntimeException translate(RuntimeException error, @Nullable Object id) {
    if (error instanceof TodoException) {
      return error;
    }
    SQLException sqlError = sqlException(error);
    if (sqlError == null || sqlError.getSQLState() == null) {
      return error;
    }
    ServerErrorMessage server =
        sqlError instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
    String constraint = server == null ? null : server.getConstraint();
    String key = constraint == null ? "unknown" : constraint;
    return switch (sqlError.getSQLState()) {
      case "23505" -> new DuplicateException(FIELDS.getOrDefault(key, key), error);
      case "23514", "23502" ->
          new ValidationException(
              FIELDS.getOrDefault(
                  key, server != null && server.getColumn() != null ? server.getColumn() : key),
              "violates " + key,
              error);
      case "23503" ->
          new NotFoundException(REFERENCED.getOrDefault(key, key), id == null ? "?" : id, error);
      case "22P02", "22001", "22007", "22008", "22023", "22021" ->
          new ValidationException(
              server != null && server.getColumn() != null ? server.getColumn() : "input",
              server != null ? server.getMessage() : sqlError.getMessage(),
              error);
      default -> error;
    };
  }

  /** The first SQL exception in the cause chain, or null. */
  private static @Nullable SQLException sqlException(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        return sql;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }
}
