package io.todokit.dao;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An update was based on a version of the entity that someone else changed in the meantime; read it
 * again and retry.
 */
public final class ConcurrentUpdateException extends TodoException {

  private static final long serialVersionUID = 1L;

  private final String entity;
  private final String id;

  /**
   * Creates the exception.
   *
   * @param entity what was updated, e.g. {@code task}
   * @param id its id
   * @param expectedVersion the version the update was based on
   * @param cause the error behind it, if any
   */
  public ConcurrentUpdateException(
      String entity, Object id, long expectedVersion, @Nullable Throwable cause) {
    super(
        entity + " " + id + " was changed concurrently (expected version " + expectedVersion + ")",
        cause);
    this.entity = Objects.requireNonNull(entity, "entity");
    this.id = String.valueOf(id);
  }

  /** What was updated, e.g. {@code task}. */
  public String entity() {
    return entity;
  }

  /** The id of what was updated. */
  public String id() {
    return id;
  }
}
