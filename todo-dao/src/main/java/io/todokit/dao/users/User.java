package io.todokit.dao.users;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.UUID;

/**
 * A user as stored; {@link #toString()} leaves the password hash out.
 *
 * @param id the user's id
 * @param username 3 to 50 letters, digits, dots, underscores and hyphens, starting with a letter or
 *     digit; unique (case-sensitive)
 * @param email the email address in lower case; unique
 * @param passwordHash the password hash, exactly as it was given (the library never hashes)
 * @param timeZone the user's time zone, an IANA id such as {@code Europe/Berlin}
 * @param active false once the user is deactivated
 * @param createdAt when the user was created
 * @param updatedAt when the user was last changed
 */
public record User(
    UUID id,
    String username,
    String email,
    String passwordHash,
    ZoneId timeZone,
    boolean active,
    Instant createdAt,
    Instant updatedAt) {

  /** Checks the fields for null. */
  public User {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(timeZone, "timeZone");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** The user without the password hash, so that logging a user never leaks it. */
  @Override
  public String toString() {
    return "User[id="
        + id
        + ", username="
        + username
        + ", email="
        + email
        + ", passwordHash=<redacted>, timeZone="
        + timeZone
        + ", active="
        + active
        + ", createdAt="
        + createdAt
        + ", updatedAt="
        + updatedAt
        + "]";
  }
}
