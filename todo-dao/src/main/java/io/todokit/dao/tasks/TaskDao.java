package io.todokit.dao.tasks;

import io.todokit.dao.internal.DaoContext;
import java.util.Objects;

/** Placeholder constructor shape; the DAO's methods are being written. */
public final class TaskDao {

  private final DaoContext context;

  /**
   * Creates the DAO; use {@code TodoDb.tasks()} instead.
   *
   * @param context the shared DAO context
   */
  public TaskDao(DaoContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }
}
