package io.todokit.dao.conversations;

import io.todokit.dao.internal.CursorCodec;
import java.util.UUID;

/**
 * The sequence number of the last message of a page, as the opaque cursor {@link
 * ConversationDao#messages} hands out, sealed by the {@link CursorCodec} for the acting user and
 * the conversation (a cursor of one conversation is refused by another).
 */
record MessageCursor(long seq) {

  static String list(UUID conversationId) {
    return "messages:" + conversationId;
  }

  String encode(CursorCodec codec, UUID userId, UUID conversationId) {
    return codec.seal(userId, list(conversationId), Long.toString(seq));
  }

  static MessageCursor decode(CursorCodec codec, UUID userId, UUID conversationId, String cursor) {
    return new MessageCursor(
        CursorCodec.positive(codec.open(userId, list(conversationId), cursor)));
  }
}
