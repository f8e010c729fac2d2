package io.todokit.dao.users;

import io.todokit.dao.ValidationException;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * What {@link UserDao#create} needs to create a user, checked and normalized when built; {@link
 * #toString()} leaves the password hash out.
 *
 * <pre>{@code
 * db.users().create(NewUser.of("alice", "Alice@Example.org", hash).withTimeZone(ZoneId.of("Europe/Berlin")));
 * }</pre>
 *
 * @param username 3 to 50 letters, digits, dots, underscores and hyphens, starting with a letter or
 *     digit (trimmed)
 * @param email an address such as {@code alice@example.org}: trimmed and lower-cased
 * @param passwordHash the hash of the user's password, stored exactly as given; not blank
 * @param timeZone the user's time zone, {@code UTC} by default
 */
public record NewUser(String username, String email, String passwordHash, ZoneId timeZone) {

  private static final ZoneId UTC = ZoneId.of("UTC");

  /**
   * Checks and normalizes the fields.
   *
   * @throws ValidationException naming {@code username}, {@code email}, {@code password_hash} or
   *     {@code time_zone}
   */
  public NewUser {
    username = UserValues.username(username);
    email = UserValues.email(email);
    passwordHash = UserValues.passwordHash(passwordHash);
    timeZone = UserValues.timeZone(timeZone);
  }

  /**
   * A user in UTC.
   *
   * @param username the username
   * @param email the email address
   * @param passwordHash the password hash
   * @return the command
   * @throws ValidationException naming the first bad field
   */
  public static NewUser of(
      @Nullable String username, @Nullable String email, @Nullable String passwordHash) {
    return new NewUser(
        UserValues.username(username),
        UserValues.email(email),
        UserValues.passwordHash(passwordHash),
        UTC);
  }

  /**
   * The same user in another time zone.
   *
   * @param zone an IANA region such as {@code Europe/Berlin}, or {@code UTC}
   * @return the command
   * @throws ValidationException with field {@code time_zone} for null or a zone that is not a
   *     region (an offset such as {@code +02:00}, {@code Z}, {@code GMT})
   */
  public NewUser withTimeZone(@Nullable ZoneId zone) {
    return new NewUser(username, email, passwordHash, UserValues.timeZone(zone));
  }

  /** The command without the password hash. */
  @Override
  public String toString() {
    return "NewUser[username="
        + username
        + ", email="
        + email
        + ", passwordHash=<redacted>, timeZone="
        + timeZone
        + "]";
  }
}
