package io.todokit.dao.reminders;

import io.todokit.dao.ValidationException;
import java.util.Objects;
import java.util.UUID;

/**
 * The proof that a worker holds the lease on one firing: the reminder's key and the token of this
 * claim. Every claim makes a new token, so a worker whose lease expired and was claimed again holds
 * a stale one and changes nothing with it. The string form ({@link #toString}, {@link #parse}) lets
 * the token travel between processes.
 *
 * @param userId the reminder's owner
 * @param reminderId the reminder
 * @param token this lease's token
 */
public record LeaseToken(UUID userId, UUID reminderId, UUID token) {

  /** Checks the fields. */
  public LeaseToken {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(reminderId, "reminderId");
    Objects.requireNonNull(token, "token");
  }

  /**
   * Reads the string form.
   *
   * @param text {@code <user id>/<reminder id>/<token>}
   * @return the token
   * @throws ValidationException ({@code lease_token}) when the text is not of that form
   */
  public static LeaseToken parse(String text) {
    Objects.requireNonNull(text, "text");
    String[] parts = text.split("/", -1);
    if (parts.length != 3 || text.length() != 3 * 36 + 2) {
      throw new ValidationException("lease_token", "must be <user id>/<reminder id>/<token>");
    }
    try {
      return new LeaseToken(
          UUID.fromString(parts[0]), UUID.fromString(parts[1]), UUID.fromString(parts[2]));
    } catch (IllegalArgumentException e) {
      throw new ValidationException("lease_token", "must be <user id>/<reminder id>/<token>");
    }
  }

  /** The string form, {@code <user id>/<reminder id>/<token>}. */
  @Override
  public String toString() {
    return userId + "/" + reminderId + "/" + token;
  }
}
