package io.todokit.dao;

import org.jspecify.annotations.Nullable;

/**
 * The database could not do the work: the connection was lost or refused, the pool had no
 * connection in time, a statement or lock timeout struck, the transaction lost a serialization race
 * or a deadlock, or the server failed in a way todokit does not expect. Nothing was written.
 *
 * <p>{@link #retryable()} says whether the same call may succeed when tried again (a lost
 * connection, a timeout, a serialization failure); when false, trying again will fail the same way
 * until an operator acts (a permission, a missing table, a full disk). A service typically answers
 * 503 with {@code Retry-After} for the first and 500 for the second.
 */
public final class UnavailableException extends TodoException {

  private static final long serialVersionUID = 1L;

  private final boolean retryable;
  private final @Nullable String sqlState;

  /**
   * Creates the exception.
   *
   * @param message what failed, one line
   * @param retryable whether trying the same call again may succeed
   * @param sqlState the SQLSTATE of the database error behind it, if any (e.g. {@code 57014})
   * @param cause the error behind it
   */
  public UnavailableException(
      String message, boolean retryable, @Nullable String sqlState, @Nullable Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
    this.sqlState = sqlState;
  }

  /** Whether the same call may succeed when tried again. */
  public boolean retryable() {
    return retryable;
  }

  /** The SQLSTATE of the database error behind it, or null when there was none. */
  public @Nullable String sqlState() {
    return sqlState;
  }
}
