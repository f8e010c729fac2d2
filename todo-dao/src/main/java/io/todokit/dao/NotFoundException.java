package io.todokit.dao;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The acting user has no such entity: it does not exist, or it belongs to another user (the two are
 * indistinguishable on purpose).
 */
public final class NotFoundException extends TodoException {

  private static final long serialVersionUID = 1L;

  private final String entity;
  private final String id;

  /**
   * Creates the exception.
   *
   * @param entity what was looked for, e.g. {@code task}
   * @param id the id that was not found
   */
  public NotFoundException(String entity, Object id) {
    this(entity, id, null);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param entity what was looked for, e.g. {@code task}
   * @param id the id that was not found
   * @param cause the database error behind it, if any
   */
  public NotFoundException(String entity, Object id, @Nullable Throwable cause) {
    super(entity + " " + id + " not found", cause);
    this.entity = Objects.requireNonNull(entity, "entity");
    this.id = String.valueOf(id);
  }

  /** What was looked for, e.g. {@code task}. */
  public String entity() {
    return entity;
  }

  /** The id that was not found. */
  public String id() {
    return id;
  }
}
