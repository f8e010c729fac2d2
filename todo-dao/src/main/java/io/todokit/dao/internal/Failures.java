package io.todokit.dao.internal;

import io.todokit.dao.TodoException;
import java.sql.SQLException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What the workers' calls need to isolate one row's failure from the others': whether an error is
 * the infrastructure's (retry the whole call later) or the row's own, and a one-line description of
 * it to store or log.
 */
public final class Failures {

  /** SQLState classes of infrastructure trouble: connection, transaction rollback, resources. */
  private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57", "58", "XX");

  /**
   * Single SQLStates of infrastructure trouble outside those classes: lock not available (lock
   * timeout) and read-only transaction (a standby after a failover).
   */
  private static final Set<String> TRANSIENT_STATES = Set.of("55P03", "25006");

  /** A Citus shard's name in a message: {@code relation "tasks_102008"}. */
  private static final Pattern SHARD_TABLE =
      Pattern.compile("(relation|table) \"([a-z_]+?)_\\d+\"");

  private Failures() {}

  /**
   * True when an error says nothing about the row being handled: a lost connection ({@code 08}), a
   * serialization failure or deadlock ({@code 40001}, {@code 40P01}), a statement or lock timeout
   * ({@code 57014}, {@code 55P03}), a shutdown ({@code 57P01}), exhausted resources ({@code 53}), a
   * system or internal error ({@code 58}, {@code XX}), a read-only standby ({@code 25006}). Such an
   * error must abort the whole call, never mark a row as bad.
   *
   * @param error what a statement threw
   * @return whether it is infrastructure trouble
   */
  public static boolean isTransient(Throwable error) {
    String state = sqlState(error);
    return state != null
        && state.length() == 5
        && (TRANSIENT_CLASSES.contains(state.substring(0, 2)) || TRANSIENT_STATES.contains(state));
  }

  /**
   * One line saying what went wrong, at most {@code max} characters: for a database error the
   * server's primary message and its SQLState (never its detail, which may quote the row), with the
   * names of a Citus shard's table and constraint as todokit's schema gives them ({@code tasks},
   * not {@code tasks_102008}), so that one failure reads the same on every node; for a todokit
   * exception its message, else the exception's type and message. Never a stack trace.
   *
   * @param error the error
   * @param max the longest result, at least 20
   * @return the description
   */
  public static String describe(Throwable error, int max) {
    SQLException sql = SqlErrors.sqlException(error);
    String text;
    if (sql != null) {
      ServerErrorMessage server =
          sql instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
      String message = server != null ? server.getMessage() : null;
      text =
          withoutShardNames(sql, message != null ? message : String.valueOf(sql.getMessage()))
              + " (SQLState "
              + sql.getSQLState()
              + ")";
    } else if (error instanceof TodoException) {
      // todokit's own messages name the field and say why, e.g. "time_zone: ...".
      text = String.valueOf(error.getMessage());
    } else {
      String message = error.getMessage();
      text = error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
    return oneLine(text, max);
  }

  /**
   * A text on one line (line breaks and other control characters become spaces, runs of spaces one
   * space) of at most {@code max} characters, cut with an ellipsis.
   *
   * @param text the text
   * @param max the longest result, at least 2
   * @return the line
   */
  public static String oneLine(String text, int max) {
    String line = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    if (line.length() <= max) {
      return line;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(line.charAt(end - 1))) {
      end--;
    }
    return line.substring(0, end) + "…";
  }

  /** The message with a shard's table and constraint names as the schema gives them. */
  private static String withoutShardNames(SQLException sql, String message) {
    String text = SHARD_TABLE.matcher(message).replaceAll("$1 \"$2\"");
    Matcher quoted = Pattern.compile("constraint \"([^\"]+)\"").matcher(text);
    if (quoted.find()) {
      String constraint = SqlErrors.constraint(sql);
      if (constraint != null && !constraint.equals(quoted.group(1))) {
        text = text.substring(0, quoted.start(1)) + constraint + text.substring(quoted.end(1));
      }
    }
    return text;
  }

  private static @Nullable String sqlState(Throwable error) {
    SQLException sql = SqlErrors.sqlException(error);
    return sql == null ? null : sql.getSQLState();
  }
}
