package io.todokit.examples.spring.web;

/** The request names no usable acting user: the header is missing, malformed or unknown (401). */
final class UnauthenticatedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UnauthenticatedException(String message) {
    super(message);
  }
}
