package io.todokit.dao;

import org.jspecify.annotations.Nullable;

/**
 * The one family of errors todokit's DAOs throw: {@link NotFoundException}, {@link
 * ValidationException}, {@link DuplicateException}, {@link ConcurrentUpdateException} and {@link
 * UnavailableException}.
 *
 * <p>When a DAO call throws, it has written nothing. Database errors are always translated into one
 * of these, and so is anything else unexpected (keeping it as the cause); a raw SQL, jOOQ or {@code
 * java.time} exception escaping a DAO is a bug. Programming errors are the exception: a null
 * argument that is not user input (an id, a command object) throws {@link NullPointerException},
 * and calling the outer {@code TodoDb} inside {@code TodoDb.transaction} throws {@link
 * IllegalStateException}.
 */
public abstract sealed class TodoException extends RuntimeException
    permits NotFoundException,
        ValidationException,
        DuplicateException,
        ConcurrentUpdateException,
        UnavailableException {

  private static final long serialVersionUID = 1L;

  TodoException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
