package io.todokit.dao.conversations;

import io.todokit.dao.internal.DaoContext;
import java.util.Objects;

/** Placeholder constructor shape; the DAO's methods are being written. */
public final class ConversationDao {

  private final DaoContext context;

  /**
   * Creates the DAO; use {@code TodoDb.conversations()} instead.
   *
   * @param context the shared DAO context
   */
  public ConversationDao(DaoContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }
}
