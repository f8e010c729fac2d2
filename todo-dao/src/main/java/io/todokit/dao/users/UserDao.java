package io.todokit.dao.users;

import io.todokit.dao.internal.DaoContext;
import java.util.Objects;

/** Placeholder constructor shape; the DAO's methods are being written. */
public final class UserDao {

  private final DaoContext context;

  /**
   * Creates the DAO; use {@code TodoDb.users()} instead.
   *
   * @param context the shared DAO context
   */
  public UserDao(DaoContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }
}
