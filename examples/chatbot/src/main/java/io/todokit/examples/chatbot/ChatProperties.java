package io.todokit.examples.chatbot;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service's settings ({@code chatbot.*}).
 *
 * @param systemPrompt what the model is told first in every call (not stored in the conversation);
 *     the current time and the user's time zone are added to it
 * @param maxRounds how many model calls with tool calls one turn may make before the service stops
 *     and says so
 * @param windowMessages how many of the newest messages the model sees (never splitting a tool call
 *     from its answers)
 * @param windowTokens the context window's token budget (todokit's estimate)
 */
@ConfigurationProperties("chatbot")
public record ChatProperties(
    @DefaultValue(DEFAULT_PROMPT) String systemPrompt,
    @DefaultValue("5") int maxRounds,
    @DefaultValue("40") int windowMessages,
    @DefaultValue("8000") int windowTokens) {

  static final String DEFAULT_PROMPT =
      "You are a helpful assistant that manages the user's to-do list with the tools you have."
          + " Use them to add, find, change, complete and delete tasks; never invent task ids:"
          + " list the tasks to find them. Answer briefly.";

  /** Checks the numbers. */
  public ChatProperties {
    if (maxRounds < 1 || windowMessages < 1 || windowTokens < 1) {
      throw new IllegalArgumentException(
          "chatbot.max-rounds, .window-messages and .window-tokens must be positive");
    }
  }
}
