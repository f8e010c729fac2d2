package io.todokit.dao.reminders;

import io.todokit.dao.internal.DaoContext;
import java.util.Objects;

/** Placeholder constructor shape; the DAO's methods are being written. */
public final class ReminderDao {

  private final DaoContext context;

  /**
   * Creates the DAO; use {@code TodoDb.reminders()} instead.
   *
   * @param context the shared DAO context
   */
  public ReminderDao(DaoContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }
}
