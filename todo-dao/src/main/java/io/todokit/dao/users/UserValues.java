package io.todokit.dao.users;

import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Check;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The rules for user fields, the same as the database's checks on {@code users}. */
final class UserValues {

  /** {@code users_username_format}. */
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /** {@code users_email_format}: something, an at sign, something; no spaces. */
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

  private static final int MAX_EMAIL_LENGTH = 254;

  private UserValues() {}

  /** A username, trimmed: 3 to 50 characters of {@code [A-Za-z0-9._-]}, not starting with . _ -. */
  static String username(@Nullable String username) {
    String trimmed = Check.text("username", username, 3, 50);
    if (!USERNAME.matcher(trimmed).matches()) {
      throw new ValidationException(
          "username",
          "must hold only letters, digits, '.', '_' and '-', and start with a letter or digit");
    }
    return trimmed;
  }

  /** An email address, trimmed and lower-cased. */
  static String email(@Nullable String email) {
    String normalized = Check.text("email", email, 3, MAX_EMAIL_LENGTH).toLowerCase(Locale.ROOT);
    if (!EMAIL.matcher(normalized).matches()) {
      throw new ValidationException("email", "must be an address such as alice@example.org");
    }
    return normalized;
  }

  /** A password hash, as given: not blank, no NUL. The value never appears in a message. */
  static String passwordHash(@Nullable String hash) {
    if (hash == null) {
      throw new ValidationException("password_hash", "is required");
    }
    if (hash.isBlank()) {
      throw new ValidationException("password_hash", "must not be blank");
    }
    if (hash.indexOf('\0') >= 0) {
      throw new ValidationException("password_hash", "must not contain NUL characters");
    }
    return hash;
  }

  /** A time zone: an IANA id known to Java (and by the same rule to PostgreSQL), or UTC. */
  static ZoneId timeZone(@Nullable ZoneId zone) {
    return Check.timeZone("time_zone", zone);
  }
}
