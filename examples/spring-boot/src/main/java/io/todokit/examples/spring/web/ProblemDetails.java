package io.todokit.examples.spring.web;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The example's own errors as RFC 9457 problem details ({@code application/problem+json}): Spring
 * MVC's (through {@link ResponseEntityExceptionHandler}), unreadable request bodies with the JSON
 * field that failed, a missing or malformed {@code X-User-Id}, and anything unexpected. Bad input
 * is always a 4xx, never a 500.
 *
 * <p>todokit's own exceptions never reach this class: the starter's {@code TodoExceptionHandler}
 * ({@code todokit.problem-details.enabled}, on by default) answers them first (400 with {@code
 * field} and {@code reason}, 404 with {@code entity} and {@code id}, 401 for an unknown acting
 * user, 409, 503 with {@code Retry-After}); see docs/spring-boot.md.
 *
 * <table>
 *   <caption>Status codes</caption>
 *   <tr><td>400</td><td>malformed JSON, a value of the wrong type, an unknown field, a bad path
 *       or query parameter (properties {@code field} and {@code reason})</td></tr>
 *   <tr><td>401</td><td>no usable {@code X-User-Id}</td></tr>
 *   <tr><td>500</td><td>anything else, logged, without detail</td></tr>
 * </table>
 */
@RestControllerAdvice
class ProblemDetails extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetails.class);

  /** What a value of a type must look like, for type errors. */
  private static final Map<Class<?>, String> EXPECTED =
      Map.of(
          UUID.class, "must be a UUID",
          Instant.class, "must be an ISO-8601 instant such as 2027-01-31T09:00:00Z",
          String.class, "must be a string",
          Boolean.class, "must be true or false",
          boolean.class, "must be true or false",
          Integer.class, "must be a whole number",
          int.class, "must be a whole number",
          Collection.class, "must be an array");

  @ExceptionHandler
  ResponseEntity<ProblemDetail> unauthenticated(UnauthenticatedException e) {
    return unauthorized(String.valueOf(e.getMessage()));
  }

  /** Anything else is a bug or an outage: log it, and tell the client nothing about internals. */
  @ExceptionHandler
  ProblemDetail unexpected(Exception e) {
    log.error("request failed", e);
    return ProblemDetail.forStatus(HttpStatus.INTERNAL_SERVER_ERROR);
  }

  /** A body that is not JSON, or JSON that does not fit the request record. */
  @Override
  protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem;
    if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
      problem = badRequest(path(unknown), "unknown field");
    } else if (e.getCause() instanceof MismatchedInputException mismatch
        && !mismatch.getPath().isEmpty()) {
      problem = badRequest(path(mismatch), expected(mismatch.getTargetType()));
    } else if (e.getCause() instanceof JacksonException json) {
      problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "malformed JSON");
      problem.setProperty("reason", json.getOriginalMessage());
    } else {
      problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "a JSON body is required");
    }
    return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  /** A path variable or query parameter of the wrong type, e.g. {@code /api/tasks/not-a-uuid}. */
  @Override
  protected @Nullable ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String field =
        e instanceof MethodArgumentTypeMismatchException argument
            ? argument.getName()
            : String.valueOf(e.getPropertyName());
    return handleExceptionInternal(
        e, badRequest(field, expected(e.getRequiredType())), headers, status, request);
  }

  private static ProblemDetail badRequest(String field, String reason) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + reason);
    problem.setProperty("field", field);
    problem.setProperty("reason", reason);
    return problem;
  }

  private static ResponseEntity<ProblemDetail> unauthorized(String detail) {
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, ActingUser.HEADER)
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail));
  }

  /** The JSON path of the failed value as the API spells fields: {@code tag_ids[1]}. */
  private static String path(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      String name = reference.getPropertyName();
      if (name != null) {
        path.append(path.isEmpty() ? "" : ".").append(name);
      } else {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String expected(@Nullable Class<?> type) {
    if (type == null) {
      return "has the wrong type";
    }
    return EXPECTED.entrySet().stream()
        .filter(entry -> entry.getKey().isAssignableFrom(type))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse("must be a " + type.getSimpleName());
  }
}
