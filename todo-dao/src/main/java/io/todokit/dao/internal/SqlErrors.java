package io.todokit.dao.internal;

import io.todokit.dao.DuplicateException;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.TodoException;
import io.todokit.dao.UnavailableException;
import io.todokit.dao.ValidationException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Translates PostgreSQL errors raised by DAO statements into {@link TodoException}s, naming the
 * field by the constraint that refused the row.
 *
 * <p>The constraint is taken from the error's CONSTRAINT field, else from its message ({@code …
 * violates check constraint "tasks_title_length"}): Citus does not pass the field of a worker's
 * error on to the client, and names a shard's constraint with the shard id as a suffix ({@code
 * tasks_title_length_102008}), which is removed when the name without it is one of todokit's.
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
          Map.entry("reminders_one_kind", "at"),
          Map.entry("reminders_before_due_not_negative", "before_due"),
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
          Map.entry("recurring_tasks_missed_policy_valid", "missed_policy"),
          Map.entry("recurring_tasks_reminders_valid", "reminders"),
          Map.entry("task_effects_tool_call_id_length", "origin.tool_call_id"),
          Map.entry("task_effects_idempotency_key_length", "origin.idempotency_key"));

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
          Map.entry("tasks_template_fkey", "recurring task"),
          Map.entry("task_effects_user_fkey", "user"),
          Map.entry("task_effects_conversation_fkey", "conversation"));

  /** The quoted name in {@code … violates unique constraint "users_username_key"}. */
  private static final Pattern CONSTRAINT_IN_MESSAGE =
      Pattern.compile("violates (?:[a-z-]+ )+constraint \"([^\"]+)\"");

  /** A shard id that Citus appends to the name of a shard's constraint. */
  private static final Pattern SHARD_SUFFIX = Pattern.compile("_\\d+$");

  /** {@code Key (user_id, task_id)=(…, …) is not present in table "tasks".} */
  private static final Pattern MISSING_KEY =
      Pattern.compile("Key \\(([^)]*)\\)=\\(([^)]*)\\) is not present");

  private SqlErrors() {}

  /**
   * Every constraint this class maps to a field or an entity, for the test that checks them all.
   */
  static Set<String> mappedConstraints() {
    Set<String> names = new HashSet<>(FIELDS.keySet());
    names.addAll(REFERENCED.keySet());
    return names;
  }

  /**
   * The todokit exception for what a DAO's statements threw: a constraint violation becomes {@link
   * ValidationException}, {@link DuplicateException} or {@link NotFoundException}; an
   * infrastructure failure or anything unexpected becomes {@link UnavailableException}, which keeps
   * the error as its cause; a todokit exception is returned as it is.
   *
   * <p>The SQL error is looked for in the whole cause chain, not only in jOOQ's {@code
   * DataAccessException}: a {@code DSLContext} configured by a framework may carry an exception
   * translator of its own (Spring Boot's turns SQL errors into Spring exceptions).
   *
   * @param error what a statement threw
   * @param id the id the statement was about, for not-found messages when the database does not say
   *     which key is missing; may be null
   * @return the exception to throw
   */
  public static TodoException translate(RuntimeException error, @Nullable Object id) {
    if (error instanceof TodoException todo) {
      return todo;
    }
    SQLException sqlError = sqlException(error);
    if (sqlError == null) {
      return new UnavailableException(
          "unexpected failure: " + oneLine(error), retryable(error), null, error);
    }
    String state = sqlError.getSQLState();
    ServerErrorMessage server =
        sqlError instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
    String constraint = constraint(sqlError);
    String key = constraint == null ? "unknown" : constraint;
    String column = server != null && server.getColumn() != null ? server.getColumn() : null;
    return switch (state == null ? "" : state) {
      case "23505" -> new DuplicateException(FIELDS.getOrDefault(key, key), error);
      case "23514", "23502" ->
          new ValidationException(
              FIELDS.getOrDefault(key, column != null ? column : key), "violates " + key, error);
      case "23503" -> notFound(key, server, id, error);
      case "22P02", "22001", "22007", "22008", "22023", "22021" ->
          new ValidationException(
              column != null ? column : "input",
              String.valueOf(server != null ? server.getMessage() : sqlError.getMessage()),
              error);
      default ->
          new UnavailableException(
              (retryable(sqlError) ? "database unavailable" : "database error")
                  + (state == null ? "" : " " + state)
                  + ": "
                  + oneLine(sqlError),
              retryable(sqlError),
              state,
              error);
    };
  }

  /**
   * Whether an error is one that may pass when the same work is tried again: a lost or refused
   * connection (SQLSTATE class 08, 57P01–57P03), a pool timeout, a serialization failure or
   * deadlock (40001, 40P01), a lock or statement timeout (55P03, 57014), too many connections or
   * too little memory (53*).
   *
   * @param error the error, or one whose cause chain holds it
   * @return whether to retry
   */
  public static boolean retryable(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
        return true;
      }
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08")
            || state.startsWith("53")
            || state.equals("40001")
            || state.equals("40P01")
            || state.equals("55P03")
            || state.equals("57014")
            || state.equals("57P01")
            || state.equals("57P02")
            || state.equals("57P03")) {
          return true;
        }
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /**
   * The constraint an error names: the CONSTRAINT field when the server sent one, else the name
   * quoted in the message; either without a Citus shard suffix when the name without it is one of
   * todokit's. Null when the error names none.
   *
   * @param error a database error
   * @return the constraint's name, or null
   */
  static @Nullable String constraint(SQLException error) {
    ServerErrorMessage server =
        error instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
    String name = server == null ? null : server.getConstraint();
    if (name == null || name.isEmpty()) {
      String message = server != null ? server.getMessage() : error.getMessage();
      Matcher matcher = message == null ? null : CONSTRAINT_IN_MESSAGE.matcher(message);
      name = matcher != null && matcher.find() ? matcher.group(1) : null;
    }
    return name == null ? null : withoutShardSuffix(name);
  }

  /**
   * A constraint's name without the {@code _<shard id>} that Citus appends on a worker, when the
   * name without it is one that this class maps; any other name as it is.
   *
   * @param name a constraint's name
   * @return the name todokit's schema gives it
   */
  static String withoutShardSuffix(String name) {
    if (FIELDS.containsKey(name) || REFERENCED.containsKey(name)) {
      return name;
    }
    String base = SHARD_SUFFIX.matcher(name).replaceFirst("");
    return FIELDS.containsKey(base) || REFERENCED.containsKey(base) ? base : name;
  }

  /** The missing row of a foreign key: the entity from the constraint, the id from the detail. */
  private static NotFoundException notFound(
      String constraint,
      @Nullable ServerErrorMessage server,
      @Nullable Object fallbackId,
      RuntimeException error) {
    String entity = REFERENCED.getOrDefault(constraint, constraint);
    Object missing = fallbackId == null ? "?" : fallbackId;
    String detail = server == null ? null : server.getDetail();
    if (detail != null) {
      Matcher matcher = MISSING_KEY.matcher(detail);
      if (matcher.find()) {
        // The referenced row's own id is the last column of the tenant-keyed foreign key.
        String[] values = matcher.group(2).split(",\\s*");
        missing = values[values.length - 1];
      }
    }
    return new NotFoundException(entity, missing, error);
  }

  private static String oneLine(Throwable error) {
    String message = error.getMessage();
    String text = message == null ? error.getClass().getSimpleName() : message;
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  /** The first SQL exception in the cause chain, or null. */
  static @Nullable SQLException sqlException(Throwable error) {
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
