package io.todokit.examples.chatbot;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.PageRequest;
import io.todokit.dao.TodoDb;
import io.todokit.dao.conversations.Message;
import io.todokit.dao.tasks.Task;
import io.todokit.dao.tasks.TaskQuery;
import io.todokit.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A restart loses nothing: the service keeps no state of its own, so a second application context
 * on the same database continues the conversation the first one started.
 */
class RestartIT {

  @Test
  void aSecondInstanceOnTheSameDatabaseContinuesTheConversation() {
    try (TestDatabase database = TestDatabase.empty()) {
      UUID user;
      UUID conversation;
      UUID taskId;
      try (ConfigurableApplicationContext first = start(database)) {
        TodoDb db = first.getBean(TodoDb.class);
        user = ChatbotIT.newUser(db);
        first
            .getBean(ScriptedChatModel.class)
            .thenCall("call_1", "add_task", "{\"title\": \"Renew passport\"}")
            .thenSay("Added it.");
        JsonNode reply = chat(first, user, null, "Renew my passport");
        conversation = UUID.fromString(reply.get("conversationId").asString());
        taskId =
            UUID.fromString(
                ChatApi.JSON
                    .readTree(reply.at("/toolCalls/0/result").asString())
                    .at("/task/id")
                    .asString());
      }

      try (ConfigurableApplicationContext second = start(database)) {
        ScriptedChatModel model = second.getBean(ScriptedChatModel.class);
        model.thenCall("call_2", "complete_task", "{\"id\": \"" + taskId + "\"}").thenSay("Done.");

        JsonNode reply = chat(second, user, conversation, "I renewed it");

        assertThat(reply.get("reply").asString()).isEqualTo("Done.");
        assertThat(model.received().getFirst().messages())
            .extracting(org.springframework.ai.chat.messages.Message::getText)
            .containsSubsequence("Renew my passport", "Added it.", "I renewed it");
        TodoDb db = second.getBean(TodoDb.class);
        List<Task> tasks = db.tasks().query(user, TaskQuery.all(), PageRequest.first(10)).items();
        assertThat(tasks).extracting(Task::id).containsExactly(taskId);
        assertThat(tasks.getFirst().completedAt()).isNotNull();
        List<Message> stored =
            db.conversations().messages(user, conversation, PageRequest.first(50)).items();
        assertThat(stored).hasSize(8);
        assertThat(stored.get(4).content()).isEqualTo("I renewed it");
        assertThat(stored.get(7).content()).isEqualTo("Done.");
        assertThat(db.tasks().effects(user, conversation)).hasSize(2);
      }
    }
  }

  private static ConfigurableApplicationContext start(TestDatabase database) {
    // Command-line arguments: they win over application.properties (default properties do not).
    return new SpringApplicationBuilder(ChatbotApplication.class, ChatbotIT.Model.class)
        .run(
            "--spring.datasource.url=" + database.jdbcUrl(),
            "--spring.datasource.username=" + database.username(),
            "--spring.datasource.password=" + database.password(),
            "--server.port=0");
  }

  private static JsonNode chat(
      ConfigurableApplicationContext context,
      UUID user,
      @Nullable UUID conversation,
      String message) {
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    Map<String, String> body =
        conversation == null
            ? Map.of("message", message)
            : Map.of("message", message, "conversationId", conversation.toString());
    ChatApi.Response response =
        new ChatApi(port).post("/api/" + user + "/chat", ChatApi.JSON.writeValueAsString(body));
    assertThat(response.status()).isEqualTo(200);
    return response.body();
  }
}
