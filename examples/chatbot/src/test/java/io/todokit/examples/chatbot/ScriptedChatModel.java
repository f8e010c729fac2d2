package io.todokit.examples.chatbot;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * A deterministic model: answers each call with the next scripted step (which sees the prompt, e.g.
 * to read a tool result) and records every prompt it received, with the tools it was offered. No
 * network. Thread-safe.
 */
final class ScriptedChatModel implements ChatModel {

  /** One received call: the messages and the names of the tools offered. */
  record Received(List<Message> messages, List<String> tools) {}

  private final Deque<Function<Prompt, AssistantMessage>> script = new ArrayDeque<>();
  private final List<Received> received = new ArrayList<>();

  /** Scripts the next answer. */
  synchronized ScriptedChatModel then(Function<Prompt, AssistantMessage> step) {
    script.add(step);
    return this;
  }

  /** Scripts a plain text answer. */
  ScriptedChatModel thenSay(String text) {
    return then(prompt -> new AssistantMessage(text));
  }

  /** Scripts an answer that asks for tool calls: id, name, arguments, id, name, arguments, …. */
  ScriptedChatModel thenCall(String... idNameArguments) {
    List<AssistantMessage.ToolCall> calls = new ArrayList<>();
    for (int i = 0; i < idNameArguments.length; i += 3) {
      calls.add(
          new AssistantMessage.ToolCall(
              idNameArguments[i], "function", idNameArguments[i + 1], idNameArguments[i + 2]));
    }
    return then(prompt -> AssistantMessage.builder().content("").toolCalls(calls).build());
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  synchronized void reset() {
    script.clear();
    received.clear();
  }

  /**
   * Tool-calling options, as every provider's model has: ChatClient adds a request's tools only to
   * options of that kind.
   */
  @Override
  public ChatOptions getOptions() {
    return ToolCallingChatOptions.builder().build();
  }

  @Override
  public synchronized ChatResponse call(Prompt prompt) {
    List<String> tools = new ArrayList<>();
    if (prompt.getOptions() instanceof ToolCallingChatOptions options) {
      for (ToolCallback callback : options.getToolCallbacks()) {
        tools.add(callback.getToolDefinition().name());
      }
    }
    received.add(new Received(List.copyOf(prompt.getInstructions()), tools));
    Function<Prompt, AssistantMessage> step = script.poll();
    if (step == null) {
      throw new IllegalStateException("the script has no answer for call " + received.size());
    }
    return new ChatResponse(List.of(new Generation(step.apply(prompt))));
  }
}
