package io.todokit.examples.chatbot;

import java.util.List;
import java.util.UUID;

/**
 * The answer of one turn.
 *
 * @param reply the model's final answer
 * @param conversationId the conversation (new or continued)
 * @param toolCalls the tool calls the service executed during the turn, in order
 */
public record ChatReply(String reply, UUID conversationId, List<ToolCallMade> toolCalls) {

  /** Copies the list. */
  public ChatReply {
    toolCalls = List.copyOf(toolCalls);
  }

  /**
   * One executed tool call.
   *
   * @param id the model's id of the call
   * @param name the tool
   * @param arguments the arguments, as the model sent them (JSON)
   * @param result what the tool answered (JSON; {@code {"error": …}} for a failed call)
   */
  public record ToolCallMade(String id, String name, String arguments, String result) {}
}
