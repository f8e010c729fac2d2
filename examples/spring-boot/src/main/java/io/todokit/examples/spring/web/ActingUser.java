package io.todokit.examples.spring.web;

import java.util.Objects;
import java.util.UUID;

/**
 * The user a request acts for: declare a parameter of this type on a handler method and {@link
 * ActingUserResolver} fills it in from the {@value #HEADER} header.
 *
 * <p><strong>This is not authentication.</strong> The example trusts whatever id the client sends,
 * so that it can show todokit without a security stack. A real service authenticates the caller
 * (Spring Security, an API gateway, …) and takes the user id from the verified principal; todokit
 * only needs that id, and keeps every user's rows apart given it.
 *
 * @param id the user's id ({@code users.id})
 */
public record ActingUser(UUID id) {

  /** The request header that carries the user's id in this example. */
  public static final String HEADER = "X-User-Id";

  /** Checks the id. */
  public ActingUser {
    Objects.requireNonNull(id, "id");
  }
}
