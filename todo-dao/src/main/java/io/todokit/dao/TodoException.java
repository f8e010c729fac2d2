package io.todokit.dao;

/**
 * The one family of errors todokit's DAOs throw: {@link NotFoundException}, {@link
 * ValidationException}, {@link DuplicateException} and {@link ConcurrentUpdateException}.
 *
 * <p>When a DAO call throws, it has written nothing. Database errors are always translated into one
 * of these; a raw SQL exception escaping a DAO is a bug.
 */
public abstract sealed class TodoException extends RuntimeException
    permits NotFoundException, ValidationException, DuplicateException, ConcurrentUpdateException {

  private static final long serialVersionUID = 1L;

  TodoException(String message, Throwable cause) {
    super(message, cause);
  }
}
