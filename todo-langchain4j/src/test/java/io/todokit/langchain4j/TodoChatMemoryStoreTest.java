package io.todokit.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.PageRequest;
import io.todokit.dao.TodoDb;
import io.todokit.dao.ValidationException;
import io.todokit.dao.conversations.Message;
import io.todokit.dao.users.NewUser;
import io.todokit.testing.TodoDatabaseTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store's contract on real PostgreSQL. */
@TodoDatabaseTest
class TodoChatMemoryStoreTest {

  private TodoDb db;
  private TodoChatMemoryStore store;

  @BeforeEach
  void setUp(DataSource dataSource) {
    db = TodoDb.create(dataSource);
    store = TodoChatMemoryStore.create(db);
  }

  private static final ToolExecutionRequest ADD =
      ToolExecutionRequest.builder()
          .id("call_1")
          .name("add_task")
          .arguments("{\"title\":\"Buy milk\"}")
          .build();
  private static final ToolExecutionRequest LIST =
      ToolExecutionRequest.builder().id("call_2").name("list_tasks").arguments("{}").build();

  private static List<ChatMessage> turn() {
    return List.of(
        SystemMessage.from("You manage tasks."),
        UserMessage.from("Add milk, then show my list"),
        AiMessage.from(ADD, LIST),
        ToolExecutionResultMessage.from(ADD, "{\"created\":true}"),
        ToolExecutionResultMessage.from(LIST, "[\"Buy milk\"]"),
        AiMessage.from("Done: Buy milk is on your list."),
        AiMessage.from("Anything else?", List.of(LIST)),
        ToolExecutionResultMessage.from(LIST, "[]"));
  }

  @Test
  void everyMessageKindRoundTrips() {
    MemoryId id = newConversation();
    store.updateMessages(id, turn());
    assertThat(store.getMessages(id)).isEqualTo(turn());
    // The string form is the same memory.
    assertThat(store.getMessages(id.toString())).isEqualTo(turn());
    Message call = stored(id).get(2);
    assertThat(call.toolCalls())
        .extracting(c -> c.id() + " " + c.name() + " " + c.argumentsJson())
        .containsExactly("call_1 add_task {\"title\":\"Buy milk\"}", "call_2 list_tasks {}");
  }

  @Test
  void updatesAppendOnlyWhatIsNewAndAWindowThatEvictedKeepsTheFullHistory() {
    MemoryId id = newConversation();
    List<ChatMessage> all = new ArrayList<>(turn());
    store.updateMessages(id, all.subList(0, 3));
    List<UUID> first = stored(id).stream().map(Message::id).toList();
    store.updateMessages(id, all.subList(0, 5));
    assertThat(stored(id).stream().map(Message::id).toList().subList(0, 3)).isEqualTo(first);
    // A window of 4 that keeps the system message first and evicted the older ones.
    List<ChatMessage> window = new ArrayList<>();
    window.add(all.get(0));
    window.addAll(all.subList(4, 8));
    store.updateMessages(id, window);
    assertThat(store.getMessages(id)).isEqualTo(turn());
    // The same window again changes nothing; a window without the system message neither.
    store.updateMessages(id, window);
    store.updateMessages(id, all.subList(6, 8));
    assertThat(stored(id)).hasSize(8);
    // Repeated identical user messages are new when they follow the newest stored message.
    store.updateMessages(id, List.of(all.get(7), UserMessage.from("ok"), UserMessage.from("ok")));
    assertThat(stored(id)).hasSize(10);
  }

  @Test
  void twoUsersNeverSeeEachOthersMemory() {
    MemoryId mine = newConversation();
    MemoryId theirs = newConversation();
    store.updateMessages(mine, List.of(UserMessage.from("mine")));
    MemoryId intruder = new MemoryId(theirs.userId(), mine.conversationId());

    assertThat(store.getMessages(intruder)).isEmpty();
    assertThatThrownBy(() -> store.updateMessages(intruder, List.of(UserMessage.from("x"))))
        .isInstanceOf(NotFoundException.class);
    store.deleteMessages(intruder);
    assertThat(store.getMessages(mine)).containsExactly(UserMessage.from("mine"));
    assertThat(store.getMessages(theirs)).isEmpty();
  }

  @Test
  void deleteRemovesTheConversation() {
    MemoryId id = newConversation();
    store.updateMessages(id, turn());
    store.deleteMessages(id);
    assertThat(store.getMessages(id)).isEmpty();
    assertThat(db.conversations().find(id.userId(), id.conversationId())).isEmpty();
    store.deleteMessages(id); // nothing left: no error
  }

  @Test
  void badIdsAndMessagesAreRefusedNamingTheField() {
    MemoryId id = newConversation();
    assertThatThrownBy(() -> store.getMessages(42))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("memory_id"));
    assertThatThrownBy(() -> store.getMessages("not:ids"))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("memory_id"));
    UserMessage image =
        UserMessage.from(TextContent.from("look"), ImageContent.from("https://example.org/a.png"));
    assertThatThrownBy(() -> store.updateMessages(id, List.of(image)))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("content"));
    AiMessage noId =
        AiMessage.from(ToolExecutionRequest.builder().name("list_tasks").arguments("{}").build());
    assertThatThrownBy(() -> store.updateMessages(id, List.of(noId)))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("tool_calls[0].id"));
    assertThat(stored(id)).isEmpty();
  }

  private MemoryId newConversation() {
    String name = "u" + UUID.randomUUID().toString().substring(0, 8);
    UUID user = db.users().create(NewUser.of(name, name + "@example.org", "hash")).id();
    return new MemoryId(user, db.conversations().create(user).id());
  }

  private List<Message> stored(MemoryId id) {
    return db.conversations()
        .messages(id.userId(), id.conversationId(), PageRequest.first(200))
        .items();
  }
}
