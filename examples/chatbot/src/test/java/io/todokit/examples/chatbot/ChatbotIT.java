package io.todokit.examples.chatbot;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.PageRequest;
import io.todokit.dao.TodoDb;
import io.todokit.dao.conversations.Message;
import io.todokit.dao.conversations.MessageRole;
import io.todokit.dao.conversations.NewMessage;
import io.todokit.dao.conversations.ToolCall;
import io.todokit.dao.tasks.Task;
import io.todokit.dao.tasks.TaskEffect;
import io.todokit.dao.tasks.TaskEffectKind;
import io.todokit.dao.tasks.TaskQuery;
import io.todokit.dao.users.NewUser;
import io.todokit.examples.chatbot.ChatApi.Response;
import io.todokit.spring.boot.test.AutoConfigureTodoDatabase;
import io.todokit.springai.TodoChatTools;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;

/**
 * The chat endpoint over real HTTP on a real PostgreSQL (todo-testing's, a fresh database), with a
 * scripted model: what is stored, in which order, what the model is shown, and the failure paths.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    classes = {ChatbotApplication.class, ChatbotIT.Model.class})
@AutoConfigureTodoDatabase
class ChatbotIT {

  /** The scripted model instead of a provider's. */
  @TestConfiguration
  static class Model {
    @Bean
    ScriptedChatModel chatModel() {
      return new ScriptedChatModel();
    }
  }

  @LocalServerPort int port;
  @Autowired ScriptedChatModel model;
  @Autowired TodoDb db;
  ChatApi api;
  UUID user;

  @BeforeEach
  void setUp() {
    api = new ChatApi(port);
    model.reset();
    user = newUser(db);
  }

  @Test
  void aTurnThatAddsATaskStoresEveryStepInOrderAndRecordsTheEffect() {
    model
        .thenCall("call_1", "add_task", "{\"title\": \"Buy milk\", \"priority\": \"high\"}")
        .then(
            prompt -> {
              JsonNode result = ChatApi.JSON.readTree(lastToolResponse(prompt));
              return new AssistantMessage("Added " + result.at("/task/title").asString() + ".");
            });

    Response response = chat(user, null, "Remind me to buy milk, it's urgent-ish");

    assertThat(response.status()).isEqualTo(200);
    JsonNode body = response.body();
    assertThat(body.get("reply").asString()).isEqualTo("Added Buy milk.");
    UUID conversation = UUID.fromString(body.get("conversationId").asString());
    JsonNode call = body.get("toolCalls").get(0);
    assertThat(body.get("toolCalls")).hasSize(1);
    assertThat(call.get("id").asString()).isEqualTo("call_1");
    assertThat(call.get("name").asString()).isEqualTo("add_task");
    assertThat(call.get("arguments").asString())
        .isEqualTo("{\"title\": \"Buy milk\", \"priority\": \"high\"}");
    JsonNode result = ChatApi.JSON.readTree(call.get("result").asString());
    UUID taskId = UUID.fromString(result.at("/task/id").asString());

    Task task = db.tasks().get(user, taskId);
    assertThat(task.title()).isEqualTo("Buy milk");
    List<Message> stored = messages(conversation);
    assertThat(stored)
        .extracting(Message::role)
        .containsExactly(
            MessageRole.USER, MessageRole.ASSISTANT, MessageRole.TOOL, MessageRole.ASSISTANT);
    assertThat(stored.get(0).content()).isEqualTo("Remind me to buy milk, it's urgent-ish");
    assertThat(stored.get(1).toolCalls())
        .containsExactly(
            ToolCall.of("call_1", "add_task", "{\"title\": \"Buy milk\", \"priority\": \"high\"}"));
    assertThat(stored.get(2).toolCallId()).isEqualTo("call_1");
    assertThat(stored.get(2).content()).isEqualTo(call.get("result").asString());
    assertThat(stored.get(3).content()).isEqualTo("Added Buy milk.");

    List<TaskEffect> effects = db.tasks().effects(user, conversation);
    assertThat(effects).hasSize(1);
    assertThat(effects.getFirst().taskId()).isEqualTo(taskId);
    assertThat(effects.getFirst().kind()).isEqualTo(TaskEffectKind.CREATED);
    assertThat(effects.getFirst().origin().toolCallId()).isEqualTo("call_1");
    assertThat(effects.getFirst().origin().messageId()).isEqualTo(stored.get(1).id());
    JsonNode shown = api.get("/api/" + user + "/conversations/" + conversation + "/effects").body();
    assertThat(shown).hasSize(1);
    assertThat(shown.get(0).get("taskId").asString()).isEqualTo(taskId.toString());
    assertThat(shown.get(0).get("kind").asString()).isEqualTo("created");
    assertThat(shown.get(0).get("toolCallId").asString()).isEqualTo("call_1");
    assertThat(shown.get(0).get("messageId").asString()).isEqualTo(stored.get(1).id().toString());

    // The model was offered the tools, and saw the system prompt, the user, then its call and the
    // answer.
    List<ScriptedChatModel.Received> received = model.received();
    assertThat(received).hasSize(2);
    assertThat(received.get(0).tools()).containsExactlyElementsOf(TodoChatTools.TOOL_NAMES);
    assertThat(received.get(0).messages())
        .extracting(org.springframework.ai.chat.messages.Message::getMessageType)
        .containsExactly(MessageType.SYSTEM, MessageType.USER);
    assertThat(received.get(1).messages())
        .extracting(org.springframework.ai.chat.messages.Message::getMessageType)
        .containsExactly(
            MessageType.SYSTEM, MessageType.USER, MessageType.ASSISTANT, MessageType.TOOL);
  }

  @Test
  void aLaterTurnSeesTheEarlierHistoryInItsPrompt() {
    model.thenSay("Hello! What shall I add?").thenSay("Done.");
    UUID conversation = conversationOf(chat(user, null, "Hi"));

    Response second = chat(user, conversation, "Nothing, thanks");

    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body().get("conversationId").asString()).isEqualTo(conversation.toString());
    assertThat(second.body().get("toolCalls")).isEmpty();
    assertThat(model.received().get(1).messages())
        .extracting(org.springframework.ai.chat.messages.Message::getText)
        .containsSubsequence("Hi", "Hello! What shall I add?", "Nothing, thanks");
    assertThat(messages(conversation))
        .extracting(Message::content)
        .containsExactly("Hi", "Hello! What shall I add?", "Nothing, thanks", "Done.");
  }

  @Test
  void aReplayedToolCallIdCreatesOneTaskAndACrashedTurnIsFinishedWithoutWritingTwice() {
    // A turn whose process died after add_task wrote but before its answer was stored.
    UUID conversation = db.conversations().create(user, "crashed").id();
    db.conversations().append(user, conversation, NewMessage.user("Add 'Pay rent'"));
    Message call =
        db.conversations()
            .append(
                user,
                conversation,
                NewMessage.assistantToolCalls(
                    "", List.of(ToolCall.of("call_9", "add_task", "{\"title\": \"Pay rent\"}"))));
    String firstResult =
        TodoChatTools.forUser(db, user)
            .toolCallbacks()
            .getFirst()
            .call(
                "{\"title\": \"Pay rent\"}",
                new ToolContext(TodoChatTools.context(conversation, "call_9")));

    // The retried turn finishes that call (no second task), then the model replays the id.
    model
        .thenCall("call_9", "add_task", "{\"title\": \"Pay rent\"}")
        .thenSay("Pay rent is on your list.");
    Response response = chat(user, conversation, "Did it work?");

    assertThat(response.status()).isEqualTo(200);
    JsonNode calls = response.body().get("toolCalls");
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).get("result").asString()).isEqualTo(firstResult);
    assertThat(calls.get(1).get("result").asString()).isEqualTo(firstResult);
    assertThat(db.tasks().query(user, TaskQuery.all(), PageRequest.first(10)).items())
        .extracting(Task::title)
        .containsExactly("Pay rent");
    List<Message> stored = messages(conversation);
    assertThat(stored)
        .extracting(Message::role)
        .containsExactly(
            MessageRole.USER,
            MessageRole.ASSISTANT,
            MessageRole.TOOL,
            MessageRole.USER,
            MessageRole.ASSISTANT,
            MessageRole.TOOL,
            MessageRole.ASSISTANT);
    assertThat(stored.get(1).id()).isEqualTo(call.id());
    assertThat(stored.get(2).toolCallId()).isEqualTo("call_9");
    assertThat(db.tasks().effects(user, conversation)).hasSize(1);
  }

  @Test
  void aBadArgumentComesBackToTheModelAsAToolResultItCanRead() {
    model
        .thenCall("c1", "add_task", "{\"title\": \"Dentist\", \"due_at\": \"next tuesday\"}")
        .then(prompt -> new AssistantMessage("Tool said: " + lastToolResponse(prompt)))
        .thenSay("unused");

    Response response = chat(user, null, "Dentist next tuesday");

    String error =
        "{\"error\":\"due_at: must be an ISO-8601 date-time with an offset, like"
            + " 2026-03-02T09:00:00Z or 2026-03-02T10:00:00+01:00\"}";
    assertThat(response.body().get("reply").asString()).isEqualTo("Tool said: " + error);
    assertThat(response.body().at("/toolCalls/0/result").asString()).isEqualTo(error);
    assertThat(db.tasks().query(user, TaskQuery.all(), PageRequest.first(10)).items()).isEmpty();
    UUID conversation = conversationOf(response);
    assertThat(db.tasks().effects(user, conversation)).isEmpty();
  }

  @Test
  void anotherUsersConversationAnUnknownUserAndABlankMessageAreRefused() {
    model.thenSay("Hi");
    UUID mine = conversationOf(chat(user, null, "Hi"));
    UUID other = newUser(db);

    Response theirs = chat(other, mine, "Show me");
    assertThat(theirs.status()).isEqualTo(404);
    assertThat(theirs.contentType()).isEqualTo("application/problem+json");
    assertThat(theirs.body().get("detail").asString())
        .isEqualTo("conversation " + mine + " not found");
    assertThat(api.get("/api/" + other + "/conversations/" + mine + "/effects").status())
        .isEqualTo(404);
    UUID nobody = UUID.randomUUID();
    Response unknown = chat(nobody, null, "Hi");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body().get("detail").asString()).isEqualTo("user " + nobody + " not found");
    Response blank = chat(user, mine, " ");
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.body().get("detail").asString()).isEqualTo("message: must not be blank");
    assertThat(blank.body().get("field").asString()).isEqualTo("message");
    // Nothing was stored by the refused turns, and the model was called once.
    assertThat(messages(mine)).hasSize(2);
    assertThat(model.received()).hasSize(1);
  }

  @Test
  void aTurnStopsAfterTheRoundLimitWithAClearReply() {
    for (int i = 0; i < 6; i++) {
      model.thenCall("l" + i, "list_tasks", "{}");
    }

    Response response = chat(user, null, "Loop forever");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().get("reply").asString())
        .isEqualTo(
            "I stopped after 5 rounds of tool calls without finishing; what I did so far is"
                + " saved. Please tell me how to go on.");
    assertThat(response.body().get("toolCalls")).hasSize(5);
    assertThat(model.received()).hasSize(5);
    List<Message> stored = messages(conversationOf(response));
    assertThat(stored).hasSize(1 + 5 * 2 + 1);
    assertThat(stored.getLast().role()).isEqualTo(MessageRole.ASSISTANT);
    assertThat(stored.getLast().toolCalls()).isEmpty();
  }

  /** The data of the last tool response in the prompt (the answer the model reads). */
  static String lastToolResponse(Prompt prompt) {
    return ((ToolResponseMessage) prompt.getInstructions().getLast())
        .getResponses()
        .getLast()
        .responseData();
  }

  Response chat(UUID userId, @Nullable UUID conversation, String message) {
    String body =
        conversation == null
            ? ChatApi.JSON.writeValueAsString(Map.of("message", message))
            : ChatApi.JSON.writeValueAsString(
                Map.of("message", message, "conversationId", conversation.toString()));
    return api.post("/api/" + userId + "/chat", body);
  }

  static UUID conversationOf(Response response) {
    assertThat(response.status()).isEqualTo(200);
    return UUID.fromString(response.body().get("conversationId").asString());
  }

  List<Message> messages(UUID conversation) {
    return db.conversations().messages(user, conversation, PageRequest.first(100)).items();
  }

  static UUID newUser(TodoDb db) {
    String name = "u" + UUID.randomUUID().toString().substring(0, 8);
    return db.users().create(NewUser.of(name, name + "@example.org", "hash")).id();
  }
}
