package io.todokit.examples.chatbot;

import io.todokit.dao.TodoDb;
import io.todokit.dao.ValidationException;
import io.todokit.dao.conversations.ContextWindow;
import io.todokit.dao.conversations.Conversation;
import io.todokit.dao.conversations.ConversationWindow;
import io.todokit.dao.conversations.Message;
import io.todokit.dao.conversations.MessageRole;
import io.todokit.dao.conversations.NewMessage;
import io.todokit.dao.conversations.ToolCall;
import io.todokit.dao.tasks.TaskOrigin;
import io.todokit.dao.users.User;
import io.todokit.examples.chatbot.ChatReply.ToolCallMade;
import io.todokit.springai.TodoChatMemoryRepository;
import io.todokit.springai.TodoChatTools;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.client.AdvisorParams;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * One chat turn, stateless: everything it needs is read from PostgreSQL and everything it does is
 * written there as it happens.
 *
 * <ol>
 *   <li>Find the user's conversation (or create one); finish the tool calls a crashed turn left
 *       unanswered (through their origins, so a call that already wrote does not write again).
 *   <li>Store the user's message.
 *   <li>Up to {@code chatbot.max-rounds} times: read the context window, call the model with the
 *       to-do tools and Spring AI's tool execution switched off; store its message; if it asked for
 *       tools, execute each with the call's origin (conversation, call id, message) in the {@code
 *       ToolContext} and store each answer; else its message is the reply.
 * </ol>
 *
 * Thread-safe; two concurrent turns of one conversation interleave their messages (a client sends
 * one turn at a time).
 */
@Service
public class ChatService {

  private static final Logger LOG = LoggerFactory.getLogger(ChatService.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int MAX_TITLE = 80;

  private final TodoDb db;
  private final ChatClient chatClient;
  private final ChatProperties properties;
  private final Clock clock;

  ChatService(TodoDb db, ChatClient chatClient, ChatProperties properties, Clock clock) {
    this.db = db;
    this.chatClient = chatClient;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Runs one turn.
   *
   * @param userId the acting user
   * @param message what the user says
   * @param conversationId the conversation to continue, or null for a new one
   * @return the reply, the conversation and the tool calls executed
   * @throws io.todokit.dao.NotFoundException ({@code user}) for an unknown user, ({@code
   *     conversation}) for a conversation the user does not have
   * @throws ValidationException ({@code message}) for a blank message
   */
  public ChatReply chat(UUID userId, @Nullable String message, @Nullable UUID conversationId) {
    User user = db.users().get(userId);
    if (message == null || message.isBlank()) {
      throw new ValidationException("message", "must not be blank");
    }
    Conversation conversation =
        conversationId == null
            ? db.conversations().create(userId, title(message))
            : db.conversations().get(userId, conversationId);
    UUID id = conversation.id();
    TodoChatTools tools = TodoChatTools.forUser(db, userId).withClock(clock);
    Map<String, ToolCallback> byName = new LinkedHashMap<>();
    for (ToolCallback callback : tools.toolCallbacks()) {
      byName.put(callback.getToolDefinition().name(), callback);
    }
    List<ToolCallMade> made = new ArrayList<>();
    finishUnansweredCalls(userId, id, byName, made);
    db.conversations().append(userId, id, NewMessage.user(message));

    ContextWindow window =
        ContextWindow.of(properties.windowMessages()).withTokenBudget(properties.windowTokens());
    TodoChatMemoryRepository memory =
        TodoChatMemoryRepository.forUser(db, userId).withWindow(window);
    SystemMessage system =
        new SystemMessage(
            properties.systemPrompt()
                + "\nNow: "
                + clock.instant()
                + ". The user's time zone: "
                + user.timeZone().getId()
                + ".");
    for (int round = 0; round < properties.maxRounds(); round++) {
      List<org.springframework.ai.chat.messages.Message> prompt = new ArrayList<>();
      prompt.add(system);
      prompt.addAll(memory.findByConversationId(id.toString()));
      ChatResponse response =
          chatClient
              .prompt()
              .messages(prompt)
              .tools((Object[]) byName.values().toArray(new ToolCallback[0]))
              // Spring AI 2 has no internalToolExecutionEnabled(false): the tool loop is
              // ChatClient's ToolCallingAdvisor, switched off here so that this service executes
              // each call itself, with the call's origin, and stores every step.
              .advisors(AdvisorParams.toolCallingAdvisorAutoRegister(false))
              .call()
              .chatResponse();
      AssistantMessage answer = assistantMessage(response);
      String text = Objects.requireNonNullElse(answer.getText(), "");
      if (!answer.hasToolCalls()) {
        db.conversations().append(userId, id, NewMessage.assistant(text));
        return new ChatReply(text, id, made);
      }
      List<ToolCall> calls = new ArrayList<>();
      for (AssistantMessage.ToolCall call : answer.getToolCalls()) {
        // A provider that gives no call id still gets its calls answered: the service names them.
        String callId = Objects.requireNonNullElse(call.id(), "");
        String arguments = Objects.requireNonNullElse(call.arguments(), "");
        calls.add(
            ToolCall.of(
                callId.isBlank() ? "call_" + UUID.randomUUID() : callId,
                Objects.requireNonNullElse(call.name(), ""),
                arguments.isBlank() ? "{}" : arguments));
      }
      Message stored =
          db.conversations().append(userId, id, NewMessage.assistantToolCalls(text, calls));
      for (ToolCall call : stored.toolCalls()) {
        execute(userId, id, stored.id(), call, byName, made);
      }
    }
    String reply =
        "I stopped after "
            + properties.maxRounds()
            + " rounds of tool calls without finishing; what I did so far is saved. Please tell"
            + " me how to go on.";
    db.conversations().append(userId, id, NewMessage.assistant(reply));
    return new ChatReply(reply, id, made);
  }

  /**
   * Executes the calls of an assistant message that a crashed turn left without all their answers,
   * and stores the answers: the origin makes a call that already wrote answer without writing
   * again.
   */
  private void finishUnansweredCalls(
      UUID userId, UUID conversationId, Map<String, ToolCallback> byName, List<ToolCallMade> made) {
    ConversationWindow window =
        db.conversations()
            .window(userId, conversationId, ContextWindow.of(properties.windowMessages()));
    @Nullable Message pending = null;
    Set<String> answered = new HashSet<>();
    for (Message message : window.unanswered()) {
      if (message.role() == MessageRole.ASSISTANT && !message.toolCalls().isEmpty()) {
        pending = message;
        answered.clear();
      } else if (message.role() == MessageRole.TOOL) {
        answered.add(Objects.requireNonNullElse(message.toolCallId(), ""));
      }
    }
    if (pending == null) {
      return;
    }
    for (ToolCall call : pending.toolCalls()) {
      if (!answered.contains(call.id())) {
        LOG.info("finishing tool call {} left unanswered in {}", call.id(), conversationId);
        execute(userId, conversationId, pending.id(), call, byName, made);
      }
    }
  }

  private void execute(
      UUID userId,
      UUID conversationId,
      UUID messageId,
      ToolCall call,
      Map<String, ToolCallback> byName,
      List<ToolCallMade> made) {
    ToolCallback tool = byName.get(call.name());
    String result;
    if (tool == null) {
      result =
          error(
              "name: there is no tool "
                  + call.name()
                  + "; the tools are "
                  + String.join(", ", byName.keySet()));
    } else {
      TaskOrigin origin = TaskOrigin.toolCall(conversationId, call.id()).withMessageId(messageId);
      try {
        result = tool.call(call.argumentsJson(), new ToolContext(TodoChatTools.context(origin)));
      } catch (RuntimeException e) {
        LOG.error("tool {} failed", call.name(), e);
        result = error("internal error in " + call.name() + "; nothing more is known");
      }
    }
    db.conversations().append(userId, conversationId, NewMessage.tool(call.id(), result));
    made.add(new ToolCallMade(call.id(), call.name(), call.argumentsJson(), result));
  }

  private static AssistantMessage assistantMessage(@Nullable ChatResponse response) {
    Generation generation = response == null ? null : response.getResult();
    if (generation == null) {
      throw new IllegalStateException("the model answered nothing");
    }
    return generation.getOutput();
  }

  private static String error(String reason) {
    return JSON.writeValueAsString(Map.of("error", reason));
  }

  private static String title(String message) {
    String line = message.strip().lines().findFirst().orElse("Chat");
    return line.length() > MAX_TITLE ? line.substring(0, MAX_TITLE) : line;
  }
}
