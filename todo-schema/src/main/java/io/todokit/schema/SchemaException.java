package io.todokit.schema;

/** A schema operation that could not be carried out; the message says why and what to do. */
public final class SchemaException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  SchemaException(String message) {
    super(message);
  }

  SchemaException(String message, Throwable cause) {
    super(message, cause);
  }
}
