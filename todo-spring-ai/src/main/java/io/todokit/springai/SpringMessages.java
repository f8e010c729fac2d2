package io.todokit.springai;

import io.todokit.dao.ValidationException;
import io.todokit.dao.conversations.MessageRole;
import io.todokit.dao.conversations.NewMessage;
import io.todokit.dao.conversations.ToolCall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;

/** The mapping between Spring AI's messages and todokit's. */
final class SpringMessages {

  private SpringMessages() {}

  /** One todokit message per Spring AI message, one per response of a tool response message. */
  static List<NewMessage> toNew(List<Message> messages) {
    List<NewMessage> result = new ArrayList<>(messages.size());
    for (Message message : messages) {
      switch (message) {
        case SystemMessage system -> result.add(NewMessage.system(text(system)));
        case UserMessage user -> {
          if (!user.getMedia().isEmpty()) {
            throw new ValidationException(
                "content", "only text user messages are stored (no media)");
          }
          result.add(NewMessage.user(text(user)));
        }
        case AssistantMessage assistant -> {
          if (!assistant.hasToolCalls()) {
            result.add(NewMessage.assistant(text(assistant)));
          } else {
            List<ToolCall> calls = new ArrayList<>();
            for (AssistantMessage.ToolCall call : assistant.getToolCalls()) {
              calls.add(
                  new ToolCall(
                      call.id() == null ? "" : call.id(),
                      call.name() == null ? "" : call.name(),
                      call.arguments() == null || call.arguments().isBlank()
                          ? "{}"
                          : call.arguments()));
            }
            result.add(NewMessage.assistantToolCalls(text(assistant), calls));
          }
        }
        case ToolResponseMessage tool -> {
          for (ToolResponseMessage.ToolResponse response : tool.getResponses()) {
            result.add(
                NewMessage.tool(
                    response.id(), response.responseData() == null ? "" : response.responseData()));
          }
        }
        default ->
            throw new ValidationException(
                "role", "cannot store a " + message.getMessageType() + " message");
      }
    }
    return result;
  }

  /**
   * Spring AI's messages, in order: consecutive tool messages become one tool response message,
   * each response named after the call it answers.
   */
  static List<Message> toSpring(List<io.todokit.dao.conversations.Message> stored) {
    Map<String, String> toolNames = new HashMap<>();
    List<Message> result = new ArrayList<>(stored.size());
    List<ToolResponseMessage.ToolResponse> responses = new ArrayList<>();
    for (io.todokit.dao.conversations.Message message : stored) {
      if (message.role() != MessageRole.TOOL && !responses.isEmpty()) {
        result.add(ToolResponseMessage.builder().responses(List.copyOf(responses)).build());
        responses.clear();
      }
      switch (message.role()) {
        case SYSTEM -> result.add(new SystemMessage(message.content()));
        case USER -> result.add(new UserMessage(message.content()));
        case ASSISTANT -> {
          List<AssistantMessage.ToolCall> calls = new ArrayList<>();
          for (ToolCall call : message.toolCalls()) {
            toolNames.put(call.id(), call.name());
            calls.add(
                new AssistantMessage.ToolCall(
                    call.id(), "function", call.name(), call.argumentsJson()));
          }
          result.add(
              AssistantMessage.builder().content(message.content()).toolCalls(calls).build());
        }
        case TOOL -> {
          String callId = Objects.requireNonNullElse(message.toolCallId(), "");
          responses.add(
              new ToolResponseMessage.ToolResponse(
                  callId, toolNames.getOrDefault(callId, ""), message.content()));
        }
      }
    }
    if (!responses.isEmpty()) {
      result.add(ToolResponseMessage.builder().responses(List.copyOf(responses)).build());
    }
    return result;
  }

  static NewMessage asNew(io.todokit.dao.conversations.Message message) {
    return new NewMessage(
        message.role(), message.content(), message.toolCalls(), message.toolCallId());
  }

  /**
   * Where the new messages start in {@code given}: after the newest stored message, found where the
   * given list agrees with the end of the history (a window that evicted older messages and kept
   * its system messages first still agrees).
   */
  static int newFrom(List<NewMessage> history, List<NewMessage> given) {
    if (history.isEmpty()) {
      return 0;
    }
    NewMessage newest = history.getLast();
    for (int i = given.size() - 1; i >= 0; i--) {
      if (given.get(i).equals(newest) && agrees(history, given, i)) {
        return i + 1;
      }
    }
    int pinned = 0;
    while (pinned < given.size()
        && given.get(pinned).role() == MessageRole.SYSTEM
        && history.contains(given.get(pinned))) {
      pinned++;
    }
    return pinned;
  }

  private static boolean agrees(List<NewMessage> history, List<NewMessage> given, int end) {
    int g = end;
    int h = history.size() - 1;
    while (g >= 0 && h >= 0 && given.get(g).equals(history.get(h))) {
      g--;
      h--;
    }
    // What is left of the given list is system messages kept first by the window, stored already.
    for (int i = 0; i <= g; i++) {
      if (given.get(i).role() != MessageRole.SYSTEM || !history.contains(given.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static String text(Message message) {
    return message.getText() == null ? "" : message.getText();
  }
}
