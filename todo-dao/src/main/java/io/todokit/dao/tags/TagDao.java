package io.todokit.dao.tags;

import io.todokit.dao.internal.DaoContext;
import java.util.Objects;

/** Placeholder constructor shape; the DAO's methods are being written. */
public final class TagDao {

  private final DaoContext context;

  /**
   * Creates the DAO; use {@code TodoDb.tags()} instead.
   *
   * @param context the shared DAO context
   */
  public TagDao(DaoContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }
}
