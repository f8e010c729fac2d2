package io.todokit.spring.boot.autoconfigure.web;

import io.todokit.dao.ConcurrentUpdateException;
import io.todokit.dao.DuplicateException;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.TodoException;
import io.todokit.dao.UnavailableException;
import io.todokit.dao.ValidationException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers todokit's exceptions, thrown out of a Spring MVC handler, as RFC 9457 problem details
 * ({@code application/problem+json}); every other exception is left to the application and Spring.
 *
 * <table>
 *   <caption>Status codes</caption>
 *   <tr><td>400</td><td>{@link ValidationException}: properties {@code field} and {@code
 *       reason}, detail {@code "field: reason"}</td></tr>
 *   <tr><td>401</td><td>{@link NotFoundException} for entity {@code user}: a write by a user that
 *       does not exist is a bad identity, not a missing resource</td></tr>
 *   <tr><td>404</td><td>{@link NotFoundException}: missing, or another user's (properties
 *       {@code entity} and {@code id})</td></tr>
 *   <tr><td>409</td><td>{@link DuplicateException} (property {@code field}), {@link
 *       ConcurrentUpdateException} (properties {@code entity} and {@code id})</td></tr>
 *   <tr><td>503</td><td>{@link UnavailableException} that is {@linkplain
 *       UnavailableException#retryable() retryable}, with {@code Retry-After: 2}; one that is not
 *       is a 500 without detail, logged</td></tr>
 * </table>
 *
 * <p>Ordered at {@code 0}, as Spring Boot's own problem-details handler is, so that it answers
 * before an application's catch-all {@code @ExceptionHandler(Exception.class)}; an application that
 * maps some of todokit's exceptions itself gives its advice a higher precedence, or sets {@code
 * todokit.problem-details.enabled=false}. Thread-safe.
 */
@RestControllerAdvice
@Order(0)
public final class TodoExceptionHandler {

  /** What {@code Retry-After} says after a 503, in seconds. */
  public static final long RETRY_AFTER_SECONDS = 2;

  private static final Logger log = LoggerFactory.getLogger(TodoExceptionHandler.class);

  /** The handler; Spring MVC finds it as a bean. */
  public TodoExceptionHandler() {}

  /**
   * The answer to one of todokit's exceptions.
   *
   * @param exception the exception
   * @return the status, headers and problem detail
   */
  @ExceptionHandler
  public ResponseEntity<ProblemDetail> handle(TodoException exception) {
    Objects.requireNonNull(exception, "exception");
    return switch (exception) {
      case ValidationException e -> {
        ProblemDetail problem =
            ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.field() + ": " + e.reason());
        problem.setProperty("field", e.field());
        problem.setProperty("reason", e.reason());
        yield ResponseEntity.badRequest().body(problem);
      }
      case NotFoundException e when e.entity().equals("user") ->
          ResponseEntity.status(HttpStatus.UNAUTHORIZED)
              .body(
                  ProblemDetail.forStatusAndDetail(
                      HttpStatus.UNAUTHORIZED, "user " + e.id() + " does not exist"));
      case NotFoundException e -> {
        ProblemDetail problem =
            ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setProperty("entity", e.entity());
        problem.setProperty("id", e.id());
        yield ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
      }
      case DuplicateException e -> {
        ProblemDetail problem =
            ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setProperty("field", e.field());
        yield ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
      }
      case ConcurrentUpdateException e -> {
        ProblemDetail problem =
            ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setProperty("entity", e.entity());
        problem.setProperty("id", e.id());
        yield ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
      }
      case UnavailableException e when e.retryable() -> {
        log.warn("request failed, the client may retry: {}", e.getMessage());
        yield ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
            .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS))
            .body(
                ProblemDetail.forStatusAndDetail(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "the database is unavailable; try again shortly"));
      }
      case UnavailableException e -> {
        log.error("request failed: database error", e);
        yield ResponseEntity.internalServerError()
            .body(ProblemDetail.forStatus(HttpStatus.INTERNAL_SERVER_ERROR));
      }
    };
  }
}
