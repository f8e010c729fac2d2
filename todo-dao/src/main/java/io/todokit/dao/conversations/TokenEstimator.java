package io.todokit.dao.conversations;

/**
 * How many tokens a message costs in a model's context, for the token budget of a {@link
 * ContextWindow}. Plug in a real tokenizer for exact budgets (e.g. the model's own, or jtokkit for
 * OpenAI's encodings); implementations must be thread-safe and never return a negative count.
 */
@FunctionalInterface
public interface TokenEstimator {

  /**
   * The rough default: one token per 4 characters (UTF-16 units, rounded up) of the content and of
   * each tool call's id, name and arguments, plus 4 tokens per message and 4 per tool call for the
   * roles and framing that the chat-completion APIs add. English text runs at about 4 characters a
   * token in OpenAI's and Anthropic's tokenizers; code, JSON and most other languages take more
   * tokens, so keep a margin below the model's limit.
   */
  TokenEstimator CHARS_DIV_4 =
      message -> {
        long chars = message.content().length();
        long framing = 4;
        for (ToolCall call : message.toolCalls()) {
          chars += call.id().length() + call.name().length() + call.argumentsJson().length();
          framing += 4;
        }
        if (message.toolCallId() != null) {
          chars += message.toolCallId().length();
        }
        return (int) Math.min(Integer.MAX_VALUE, framing + (chars + 3) / 4);
      };

  /**
   * The estimated cost of one message.
   *
   * @param message a stored message
   * @return its cost in tokens, 0 or more
   */
  int estimate(Message message);
}
