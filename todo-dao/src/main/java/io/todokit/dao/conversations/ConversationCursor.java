package io.todokit.dao.conversations;

import io.todokit.dao.internal.CursorCodec;
import java.time.Instant;
import java.util.UUID;

/**
 * The sort key of the last conversation of a page (last activity and id), as the opaque cursor
 * {@link ConversationDao#list} hands out, sealed by the {@link CursorCodec} for the acting user.
 */
record ConversationCursor(Instant updatedAt, UUID id) {

  private static final String LIST = "conversations";

  static ConversationCursor of(Conversation conversation) {
    return new ConversationCursor(conversation.updatedAt(), conversation.id());
  }

  String encode(CursorCodec codec, UUID userId) {
    return codec.seal(userId, LIST, CursorCodec.micros(updatedAt) + ":" + id);
  }

  static ConversationCursor decode(CursorCodec codec, UUID userId, String cursor) {
    String[] parts = codec.open(userId, LIST, cursor).split(":", -1);
    if (parts.length != 2) {
      throw CursorCodec.invalid();
    }
    return new ConversationCursor(CursorCodec.instant(parts[0]), CursorCodec.uuid(parts[1]));
  }
}
