package io.todokit.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.dao.PageRequest;
import io.todokit.dao.TodoDb;
import io.todokit.dao.ValidationException;
import io.todokit.dao.conversations.ContextWindow;
import io.todokit.dao.users.NewUser;
import io.todokit.testing.TodoDatabaseTest;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;

/** The repository's contract on real PostgreSQL. */
@TodoDatabaseTest
class TodoChatMemoryRepositoryTest {

  private static final AssistantMessage.ToolCall ADD =
      new AssistantMessage.ToolCall("call_1", "function", "add_task", "{\"title\":\"Buy milk\"}");
  private static final AssistantMessage.ToolCall LIST =
      new AssistantMessage.ToolCall("call_2", "function", "list_tasks", "{}");

  private TodoDb db;

  @BeforeEach
  void setUp(DataSource dataSource) {
    db = TodoDb.create(dataSource);
  }

  private static List<Message> turn() {
    return List.of(
        new SystemMessage("You manage tasks."),
        new UserMessage("Add milk, then show my list"),
        AssistantMessage.builder().content("").toolCalls(List.of(ADD, LIST)).build(),
        ToolResponseMessage.builder()
            .responses(
                List.of(
                    new ToolResponseMessage.ToolResponse(
                        "call_1", "add_task", "{\"created\":true}"),
                    new ToolResponseMessage.ToolResponse("call_2", "list_tasks", "[\"Buy milk\"]")))
            .build(),
        new AssistantMessage("Done: Buy milk is on your list."));
  }

  @Test
  void everyMessageKindRoundTripsAndSeveralResponsesAreSeveralToolMessages() {
    UUID user = newUser();
    TodoChatMemoryRepository repository = TodoChatMemoryRepository.forUser(db, user);
    repository.saveAll("chat-1", turn());

    assertThat(describe(repository.findByConversationId("chat-1"))).isEqualTo(describe(turn()));
    UUID id = repository.conversationId("chat-1");
    assertThat(repository.findConversationIds()).containsExactly(id.toString());
    assertThat(repository.findByConversationId(id.toString())).hasSize(5);
    var stored = db.conversations().messages(user, id, PageRequest.first(50));
    assertThat(stored.items()).hasSize(6); // the tool response message is two tool messages
    assertThat(db.conversations().get(user, id).title()).isEqualTo("chat-1");
  }

  @Test
  void aMessageWindowChatMemoryEvictsButTheHistoryStaysAndSavesOnlyAppend() {
    UUID user = newUser();
    TodoChatMemoryRepository repository =
        TodoChatMemoryRepository.forUser(db, user).withWindow(ContextWindow.of(3));
    ChatMemory memory =
        MessageWindowChatMemory.builder().chatMemoryRepository(repository).maxMessages(3).build();
    memory.add("c", new SystemMessage("be brief"));
    for (int i = 0; i < 6; i++) {
      memory.add("c", new UserMessage("q" + i));
      memory.add("c", new AssistantMessage("a" + i));
    }
    List<Message> window = memory.get("c");
    assertThat(window).extracting(Message::getText).containsExactly("be brief", "q5", "a5");
    List<io.todokit.dao.conversations.Message> history =
        db.conversations()
            .messages(user, repository.conversationId("c"), PageRequest.first(50))
            .items();
    assertThat(history).hasSize(13);
    assertThat(history.getFirst().content()).isEqualTo("be brief");
    assertThat(history.getLast().content()).isEqualTo("a5");
    assertThat(TodoChatMemoryRepository.forUser(db, user).findByConversationId("c")).hasSize(13);
    List<UUID> ids = messageIds(user, repository.conversationId("c"));
    repository.saveAll("c", window); // nothing new
    assertThat(messageIds(user, repository.conversationId("c"))).isEqualTo(ids);
  }

  @Test
  void twoUsersNeverSeeEachOthersMemoryEvenWithTheSameConversationId() {
    TodoChatMemoryRepository mine = TodoChatMemoryRepository.forUser(db, newUser());
    TodoChatMemoryRepository theirs = TodoChatMemoryRepository.forUser(db, newUser());
    mine.saveAll("default", List.of(new UserMessage("mine")));
    assertThat(theirs.findByConversationId("default")).isEmpty();
    assertThat(theirs.findConversationIds()).isEmpty();
    // A UUID id of my conversation is not theirs either.
    String myId = mine.findConversationIds().getFirst();
    assertThat(theirs.findByConversationId(myId)).isEmpty();
    theirs.deleteByConversationId(myId);
    assertThat(mine.findByConversationId("default"))
        .extracting(Message::getText)
        .containsExactly("mine");
    assertThat(mine.conversationId("default")).isNotEqualTo(theirs.conversationId("default"));
  }

  @Test
  void deleteRemovesTheConversation() {
    TodoChatMemoryRepository repository = TodoChatMemoryRepository.forUser(db, newUser());
    repository.saveAll("c", turn());
    repository.deleteByConversationId("c");
    assertThat(repository.findByConversationId("c")).isEmpty();
    assertThat(repository.findConversationIds()).isEmpty();
    repository.deleteByConversationId("c"); // nothing left: no error
  }

  @Test
  void badIdsAndCallsAreRefusedNamingTheField() {
    TodoChatMemoryRepository repository = TodoChatMemoryRepository.forUser(db, newUser());
    assertThatThrownBy(() -> repository.findByConversationId(" "))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("conversation_id"));
    AssistantMessage duplicate =
        AssistantMessage.builder().content("").toolCalls(List.of(ADD, ADD)).build();
    assertThatThrownBy(() -> repository.saveAll("c", List.of(duplicate)))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("tool_calls[1].id"));
    assertThat(repository.findConversationIds()).isEmpty();
  }

  /** What a message means, without Spring AI's metadata. */
  private static List<String> describe(List<Message> messages) {
    return messages.stream()
        .map(
            m ->
                switch (m) {
                  case AssistantMessage a -> "assistant " + a.getText() + " " + a.getToolCalls();
                  case ToolResponseMessage t -> "tool " + t.getResponses();
                  default -> m.getMessageType() + " " + m.getText();
                })
        .toList();
  }

  private List<UUID> messageIds(UUID user, UUID conversation) {
    return db.conversations().messages(user, conversation, PageRequest.first(200)).items().stream()
        .map(io.todokit.dao.conversations.Message::id)
        .toList();
  }

  private UUID newUser() {
    String name = "u" + UUID.randomUUID().toString().substring(0, 8);
    return db.users().create(NewUser.of(name, name + "@example.org", "hash")).id();
  }
}
