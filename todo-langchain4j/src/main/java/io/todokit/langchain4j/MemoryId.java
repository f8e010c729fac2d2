package io.todokit.langchain4j;

import io.todokit.dao.ValidationException;
import java.util.Objects;
import java.util.UUID;

/**
 * The memory id of {@link TodoChatMemoryStore}: a user and one of their conversations. LangChain4j
 * passes memory ids as {@code Object}: give the store this record or its string form {@code "<user
 * uuid>:<conversation uuid>"} (what {@link #toString()} returns, e.g. from an {@code @MemoryId}
 * parameter of an AI service).
 *
 * @param userId the acting user
 * @param conversationId a conversation of theirs, created with {@code
 *     db.conversations().create(userId)}
 */
public record MemoryId(UUID userId, UUID conversationId) {

  /** Checks the ids. */
  public MemoryId {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(conversationId, "conversationId");
  }

  /**
   * The id LangChain4j passed.
   *
   * @param memoryId a {@code MemoryId} or its string form
   * @return the id
   * @throws ValidationException ({@code memory_id}) for anything else
   */
  public static MemoryId of(Object memoryId) {
    if (memoryId instanceof MemoryId id) {
      return id;
    }
    if (memoryId instanceof String text) {
      return parse(text);
    }
    throw new ValidationException(
        "memory_id", "must be a MemoryId or \"<user uuid>:<conversation uuid>\", was " + memoryId);
  }

  /**
   * Parses the string form.
   *
   * @param text {@code "<user uuid>:<conversation uuid>"}
   * @return the id
   * @throws ValidationException ({@code memory_id}) if it is not that
   */
  public static MemoryId parse(String text) {
    String[] parts = text.split(":", -1);
    if (parts.length == 2) {
      try {
        return new MemoryId(UUID.fromString(parts[0]), UUID.fromString(parts[1]));
      } catch (IllegalArgumentException e) {
        // reported below
      }
    }
    throw new ValidationException(
        "memory_id", "must be \"<user uuid>:<conversation uuid>\", was \"" + text + "\"");
  }

  /** The string form, {@code "<user uuid>:<conversation uuid>"}. */
  @Override
  public String toString() {
    return userId + ":" + conversationId;
  }
}
