package io.todokit.dao.conversations;

import java.util.List;
import java.util.Objects;

/**
 * The messages {@link ConversationDao#window} chose for a model, and what it left out: immutable.
 *
 * @param messages the window, oldest first: the pinned system messages and the newest messages that
 *     fit, never an orphan tool message, never a tool call without all its answers
 * @param omitted how many messages of the conversation are not in the window (the history keeps
 *     them all)
 * @param unanswered messages newer than the window's start that it left out because they belong to
 *     an assistant message whose calls are not all answered (a turn in progress, or one that
 *     failed): that message and the answers stored so far; also tool messages that answer no stored
 *     call. Oldest first
 * @param estimatedTokens the window's cost by the spec's {@link TokenEstimator}
 */
public record ConversationWindow(
    List<Message> messages, long omitted, List<Message> unanswered, long estimatedTokens) {

  /** Copies the lists. */
  public ConversationWindow {
    messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    unanswered = List.copyOf(Objects.requireNonNull(unanswered, "unanswered"));
  }
}
