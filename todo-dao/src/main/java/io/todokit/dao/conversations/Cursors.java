package io.todokit.dao.conversations;

import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Check;
import io.todokit.dao.internal.CursorCodec;
import java.time.Instant;
import java.util.UUID;

/**
 * The keyset cursors of conversation and message lists, sealed by the {@link CursorCodec} for the
 * acting user (and, for messages, the conversation), so that a cursor of one list is refused by
 * another and a tampered one fails cleanly with {@code ValidationException("cursor")}.
 */
final class Cursors {

  private static final String CONVERSATIONS = "conversations";

  private Cursors() {}

  /** The key of a conversation list: last activity and id. */
  record ActivityKey(Instant updatedAt, UUID id) {}

  static String conversations(CursorCodec codec, UUID userId, Instant updatedAt, UUID id) {
    long micros =
        Math.addExact(
            Math.multiplyExact(updatedAt.getEpochSecond(), 1_000_000L),
            updatedAt.getNano() / 1_000L);
    return codec.seal(userId, CONVERSATIONS, micros + ":" + id);
  }

  static ActivityKey conversations(CursorCodec codec, UUID userId, String cursor) {
    String[] parts = codec.open(userId, CONVERSATIONS, cursor).split(":", -1);
    if (parts.length != 2) {
      throw CursorCodec.invalid();
    }
    try {
      long micros = Long.parseLong(parts[0]);
      Instant updatedAt =
          Check.instant(
              "cursor",
              Instant.ofEpochSecond(
                  Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L));
      UUID id = UUID.fromString(parts[1]);
      if (!id.toString().equals(parts[1])) {
        throw CursorCodec.invalid();
      }
      return new ActivityKey(updatedAt, id);
    } catch (IllegalArgumentException | ValidationException e) {
      throw CursorCodec.invalid();
    }
  }

  static String messages(CursorCodec codec, UUID userId, UUID conversationId, long seq) {
    return codec.seal(userId, "messages:" + conversationId, Long.toString(seq));
  }

  static long messages(CursorCodec codec, UUID userId, UUID conversationId, String cursor) {
    String text = codec.open(userId, "messages:" + conversationId, cursor);
    try {
      long seq = Long.parseLong(text);
      if (seq < 1) {
        throw CursorCodec.invalid();
      }
      return seq;
    } catch (NumberFormatException e) {
      throw CursorCodec.invalid();
    }
  }
}
