package io.todokit.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds the acting user of one tool call from its transport context: what the transport knows about
 * the connection or the HTTP request (an authenticated principal), never the tool's arguments.
 *
 * <pre>{@code
 * UserResolver.fixed(userId);                // stdio: one user, fixed when the server starts
 * UserResolver.fromTransportContext();       // HTTP: the user your context extractor put there
 * }</pre>
 */
@FunctionalInterface
public interface UserResolver {

  /**
   * The key under which {@link #fromTransportContext()} looks for the user's {@link UUID} in the
   * transport context; a service's {@code McpTransportContextExtractor} puts it there after
   * authenticating the request.
   */
  String USER_KEY = "io.todokit.mcp.user";

  /**
   * The acting user of a call.
   *
   * @param context the call's transport context ({@link McpTransportContext#EMPTY} over stdio)
   * @return the user, or empty when the call is not authenticated (the tool then answers with an
   *     error and does nothing)
   */
  Optional<UUID> resolve(McpTransportContext context);

  /**
   * Always the same user: a server started for one user (stdio).
   *
   * @param userId the user
   * @return the resolver
   */
  static UserResolver fixed(UUID userId) {
    Objects.requireNonNull(userId, "userId");
    Optional<UUID> user = Optional.of(userId);
    return context -> user;
  }

  /**
   * The {@link UUID} (or its text) under {@link #USER_KEY} in the transport context, if any.
   *
   * @return the resolver
   */
  static UserResolver fromTransportContext() {
    return context -> {
      Object value = context.get(USER_KEY);
      if (value instanceof UUID id) {
        return Optional.of(id);
      }
      if (value instanceof String text) {
        try {
          return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
          return Optional.empty();
        }
      }
      return Optional.empty();
    };
  }
}
