package io.todokit.dao.conversations;

/** Who wrote a message, as in the chat-completion APIs. */
public enum MessageRole {
  /** The human. */
  USER,
  /** The model; may carry tool calls. */
  ASSISTANT,
  /** Instructions to the model. */
  SYSTEM,
  /** The result of one tool call, answering it by its id. */
  TOOL
}
