package io.todokit.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Resolves the bearer token of an HTTP request ({@code Authorization: Bearer <token>}) to the user
 * it acts for. A host service plugs in its own (sessions, JWTs, API keys); {@link #ofTokens} and
 * {@link #fromFile} are the fixed table that the runnable server uses.
 */
@FunctionalInterface
public interface BearerAuthenticator {

  /**
   * The user a token acts for.
   *
   * @param token the token, without the {@code Bearer } prefix
   * @return the user, or empty for an unknown token (the request is refused with 401)
   */
  Optional<UUID> authenticate(String token);

  /**
   * A fixed table of tokens.
   *
   * @param tokens token to user
   * @return the authenticator
   */
  static BearerAuthenticator ofTokens(Map<String, UUID> tokens) {
    Map<String, UUID> copy = Map.copyOf(tokens);
    return token -> Optional.ofNullable(copy.get(Objects.requireNonNull(token, "token")));
  }

  /**
   * The tokens of a file with lines {@code token user-uuid}; blank lines and lines starting with
   * {@code #} are skipped.
   *
   * @param file the file
   * @return the authenticator
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException naming the line number (never the token) of a bad line
   */
  static BearerAuthenticator fromFile(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Map<String, UUID> tokens = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+");
      UUID user;
      try {
        user = parts.length == 2 ? UUID.fromString(parts[1]) : null;
      } catch (IllegalArgumentException e) {
        user = null;
      }
      if (user == null) {
        throw new IllegalArgumentException(
            file + " line " + (i + 1) + ": expected 'token user-uuid'");
      }
      if (tokens.put(parts[0], user) != null) {
        throw new IllegalArgumentException(
            file + " line " + (i + 1) + ": the token of an earlier line again");
      }
    }
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException(file + " has no tokens");
    }
    return ofTokens(tokens);
  }
}
