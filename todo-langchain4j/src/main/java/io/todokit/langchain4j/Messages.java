package io.todokit.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import io.todokit.dao.ValidationException;
import io.todokit.dao.conversations.Message;
import io.todokit.dao.conversations.MessageRole;
import io.todokit.dao.conversations.NewMessage;
import io.todokit.dao.conversations.ToolCall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The mapping between LangChain4j's messages and todokit's. */
final class Messages {

  private Messages() {}

  static NewMessage toNew(ChatMessage message) {
    return switch (message) {
      case SystemMessage system -> NewMessage.system(system.text());
      case UserMessage user -> {
        if (!user.hasSingleText()) {
          throw new ValidationException(
              "content", "only user messages of one text are stored (no images, audio or files)");
        }
        yield NewMessage.user(user.singleText());
      }
      case AiMessage ai -> {
        String text = ai.text() == null ? "" : ai.text();
        if (!ai.hasToolExecutionRequests()) {
          yield NewMessage.assistant(text);
        }
        List<ToolCall> calls = new ArrayList<>();
        for (ToolExecutionRequest request : ai.toolExecutionRequests()) {
          calls.add(
              new ToolCall(
                  request.id() == null ? "" : request.id(),
                  request.name() == null ? "" : request.name(),
                  request.arguments() == null || request.arguments().isBlank()
                      ? "{}"
                      : request.arguments()));
        }
        yield NewMessage.assistantToolCalls(text, calls);
      }
      case ToolExecutionResultMessage result ->
          NewMessage.tool(result.id(), result.text() == null ? "" : result.text());
      default ->
          throw new ValidationException(
              "role", "cannot store a " + message.type() + " message: not a chat-completion role");
    };
  }

  /** The messages in order; a tool result gets the name of the call it answers. */
  static List<ChatMessage> toChat(List<Message> stored) {
    Map<String, String> toolNames = new HashMap<>();
    List<ChatMessage> chat = new ArrayList<>(stored.size());
    for (Message message : stored) {
      chat.add(
          switch (message.role()) {
            case SYSTEM -> SystemMessage.from(message.content());
            case USER -> UserMessage.from(message.content());
            case ASSISTANT -> {
              if (message.toolCalls().isEmpty()) {
                yield AiMessage.from(message.content());
              }
              List<ToolExecutionRequest> requests = new ArrayList<>();
              for (ToolCall call : message.toolCalls()) {
                toolNames.put(call.id(), call.name());
                requests.add(
                    ToolExecutionRequest.builder()
                        .id(call.id())
                        .name(call.name())
                        .arguments(call.argumentsJson())
                        .build());
              }
              yield message.content().isEmpty()
                  ? AiMessage.from(requests)
                  : AiMessage.from(message.content(), requests);
            }
            case TOOL ->
                ToolExecutionResultMessage.from(
                    message.toolCallId(),
                    toolNames.getOrDefault(message.toolCallId(), ""),
                    message.content());
          });
    }
    return chat;
  }

  /** The stored form of a message, to compare a given one with. */
  static NewMessage asNew(Message message) {
    return new NewMessage(
        message.role(), message.content(), message.toolCalls(), message.toolCallId());
  }

  /**
   * Where the new messages start in {@code given}: after the newest stored message, found where the
   * given list agrees with the end of the history (a window that evicted older messages, and kept a
   * system message first, still agrees).
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
    // No overlap (the window kept none of the stored messages): all new, but a pinned system
    // message that is stored already.
    return !given.isEmpty()
            && given.getFirst().role() == MessageRole.SYSTEM
            && history.contains(given.getFirst())
        ? 1
        : 0;
  }

  private static boolean agrees(List<NewMessage> history, List<NewMessage> given, int end) {
    int g = end;
    int h = history.size() - 1;
    while (g >= 0 && h >= 0) {
      if (given.get(g).equals(history.get(h))) {
        g--;
        h--;
      } else {
        return g == 0
            && given.getFirst().role() == MessageRole.SYSTEM
            && history.contains(given.getFirst());
      }
    }
    return g < 0 || (g == 0 && given.getFirst().role() == MessageRole.SYSTEM);
  }
}
