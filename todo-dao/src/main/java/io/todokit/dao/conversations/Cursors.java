package io.todokit.dao.conversations;

import io.todokit.dao.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Opaque keyset cursors: URL-safe Base64 of a tagged sort key, so that a cursor of one list is
 * refused by another and a tampered one fails cleanly with {@code ValidationException("cursor")}.
 */
final class Cursors {

  private static final String CONVERSATIONS = "c1";
  private static final String MESSAGES = "m1";

  private Cursors() {}

  /** The key of a conversation list: last activity (epoch microseconds) and id. */
  record ActivityKey(Instant updatedAt, UUID id) {}

  static String conversations(Instant updatedAt, UUID id) {
    long micros =
        Math.addExact(
            Math.multiplyExact(updatedAt.getEpochSecond(), 1_000_000L),
            updatedAt.getNano() / 1_000L);
    return encode(CONVERSATIONS + ":" + micros + ":" + id);
  }

  static ActivityKey conversations(String cursor) {
    String[] parts = decode(cursor).split(":", -1);
    if (parts.length != 3 || !parts[0].equals(CONVERSATIONS)) {
      throw invalid();
    }
    try {
      long micros = Long.parseLong(parts[1]);
      Instant updatedAt =
          Instant.ofEpochSecond(
              Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
      UUID id = UUID.fromString(parts[2]);
      if (!id.toString().equals(parts[2])) {
        throw invalid();
      }
      return new ActivityKey(updatedAt, id);
    } catch (RuntimeException e) {
      throw e instanceof ValidationException v ? v : invalid();
    }
  }

  static String messages(long seq) {
    return encode(MESSAGES + ":" + seq);
  }

  static long messages(String cursor) {
    String[] parts = decode(cursor).split(":", -1);
    if (parts.length != 2 || !parts[0].equals(MESSAGES)) {
      throw invalid();
    }
    try {
      long seq = Long.parseLong(parts[1]);
      if (seq < 1) {
        throw invalid();
      }
      return seq;
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  private static String encode(String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    if (cursor.length() > 200) {
      throw invalid();
    }
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  private static ValidationException invalid() {
    return new ValidationException("cursor", "is not a cursor of this list");
  }
}
