package io.todokit.dao;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Another entity of the same user (or, for users, any user) already has this unique value. */
public final class DuplicateException extends TodoException {

  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * Creates the exception.
   *
   * @param field the unique field, e.g. {@code name} or {@code email}
   * @param cause the database error behind it, if any
   */
  public DuplicateException(String field, @Nullable Throwable cause) {
    super(field + ": already taken", cause);
    this.field = Objects.requireNonNull(field, "field");
  }

  /** The unique field whose value is taken. */
  public String field() {
    return field;
  }
}
