package io.todokit.dao.recurring;

import io.todokit.dao.internal.DaoContext;
import java.util.Objects;

/** Placeholder constructor shape; the DAO's methods are being written. */
public final class RecurringTaskDao {

  private final DaoContext context;

  /**
   * Creates the DAO; use {@code TodoDb.recurring()} instead.
   *
   * @param context the shared DAO context
   */
  public RecurringTaskDao(DaoContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }
}
