package io.todokit.dao;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** An input value is not acceptable; {@link #field()} names it and {@link #reason()} says why. */
public final class ValidationException extends TodoException {

  private static final long serialVersionUID = 1L;

  private final String field;
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param field the field's name as the API spells it, e.g. {@code title}
   * @param reason why the value is refused, e.g. {@code must be 1 to 255 characters}
   */
  public ValidationException(String field, String reason) {
    this(field, reason, null);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param field the field's name as the API spells it
   * @param reason why the value is refused
   * @param cause the error behind it, if any
   */
  public ValidationException(String field, String reason, @Nullable Throwable cause) {
    super(field + ": " + reason, cause);
    this.field = Objects.requireNonNull(field, "field");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The field's name as the API spells it, e.g. {@code title} or {@code recurrence.interval}. */
  public String field() {
    return field;
  }

  /** Why the value is refused. */
  public String reason() {
    return reason;
  }
}
