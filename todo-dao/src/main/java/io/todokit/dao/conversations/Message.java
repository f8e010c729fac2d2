package io.todokit.dao.conversations;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A message of a conversation as stored: immutable, and always the acting user's own.
 *
 * @param id the message's id
 * @param conversationId its conversation
 * @param seq its position in the conversation: 1, 2, 3, … without gaps, in append order
 * @param role who wrote it
 * @param content its text (may be empty, e.g. an assistant message that only calls tools)
 * @param toolCalls the tool calls of an assistant message, in order; empty when it calls none (and
 *     on every other role). Rows written outside todokit in a shape other than OpenAI's read back
 *     leniently: see {@link ToolCall}
 * @param toolCallId the id of the tool call a {@link MessageRole#TOOL} message answers; null on
 *     every other role
 * @param createdAt when it was appended
 */
public record Message(
    UUID id,
    UUID conversationId,
    long seq,
    MessageRole role,
    String content,
    List<ToolCall> toolCalls,
    @Nullable String toolCallId,
    Instant createdAt) {

  /** Checks the required fields. */
  public Message {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
    toolCalls = List.copyOf(toolCalls);
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
