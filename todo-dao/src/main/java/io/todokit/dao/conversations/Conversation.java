package io.todokit.dao.conversations;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A chatbot conversation as stored: immutable, and always the acting user's own.
 *
 * @param id the conversation's id
 * @param userId the owner
 * @param title 1 to 255 characters, trimmed
 * @param lastMessageSeq the sequence number of the newest message, 0 while there is none (also the
 *     number of messages: sequence numbers start at 1 and have no gaps)
 * @param createdAt when it was created
 * @param updatedAt its last activity: creation, the newest message or the last rename
 */
public record Conversation(
    UUID id, UUID userId, String title, long lastMessageSeq, Instant createdAt, Instant updatedAt) {

  /** Checks the required fields. */
  public Conversation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
