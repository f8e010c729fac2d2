package io.todokit.dao.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.DaoTestSupport;
import io.todokit.dao.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link ConversationDao#window} on real PostgreSQL: random conversations, bounded reads. */
class ContextWindowTest extends DaoTestSupport {

  @Test
  void onRandomStoredConversationsTheWindowMatchesTheReference() {
    Random random = new Random(13L);
    UUID user = newUser();
    int checked = 0;
    for (int c = 0; c < 30; c++) {
      UUID id = db.conversations().create(user, "random " + c).id();
      // Some longer than the first read (maxMessages + 32), so older batches are read too.
      int length = 1 + random.nextInt(c % 3 == 0 ? 200 : 60);
      for (NewMessage message : RandomConversations.conversation(random, length)) {
        db.conversations().append(user, id, message);
      }
      List<Message> history = all(user, id);
      for (int s = 0; s < 20; s++) {
        ContextWindow spec = RandomConversations.spec(random);
        ConversationWindow window = db.conversations().window(user, id, spec);
        RandomConversations.assertWellFormed(window.messages(), spec);
        assertThat(window.messages())
            .as("conversation %d, spec %s", c, spec)
            .isEqualTo(RandomConversations.expected(history, spec));
        assertThat(window.omitted()).isEqualTo(history.size() - window.messages().size());
        checked++;
      }
    }
    assertThat(checked).isEqualTo(600);
  }

  @Test
  void aCutInsideAToolCallGroupStartsTheWindowAfterIt() {
    UUID user = newUser();
    UUID id = db.conversations().create(user).id();
    db.conversations().append(user, id, NewMessage.system("You manage tasks."));
    db.conversations().append(user, id, NewMessage.user("What is due?"));
    db.conversations()
        .append(
            user,
            id,
            NewMessage.assistantToolCalls(
                "",
                List.of(
                    ToolCall.of("c1", "list_tasks", "{\"due\":\"today\"}"),
                    ToolCall.of("c2", "list_tags", "{}"))));
    db.conversations().append(user, id, NewMessage.tool("c1", "[]"));
    db.conversations().append(user, id, NewMessage.tool("c2", "[]"));
    db.conversations().append(user, id, NewMessage.assistant("Nothing is due."));

    // lastMessages(3) used to return [tool c2, assistant] plus one: an orphan tool message.
    ConversationWindow window = db.conversations().window(user, id, ContextWindow.of(3));
    assertThat(window.messages())
        .extracting(Message::content)
        .containsExactly("You manage tasks.", "Nothing is due.");
    assertThat(window.omitted()).isEqualTo(4);
    assertThat(db.conversations().window(user, id, ContextWindow.of(5)).messages())
        .extracting(Message::seq)
        .containsExactly(1L, 3L, 4L, 5L, 6L);
    // The full history stays.
    assertThat(all(user, id)).hasSize(6);
  }

  @Test
  void pinnedSystemMessagesFarBackInALongHistoryAreRead() {
    UUID user = newUser();
    UUID id = db.conversations().create(user).id();
    db.conversations().append(user, id, NewMessage.system("rules"));
    for (int i = 0; i < 300; i++) {
      db.conversations().append(user, id, NewMessage.user("m" + i));
    }
    assertThat(db.conversations().window(user, id, ContextWindow.of(3)).messages())
        .extracting(Message::content)
        .containsExactly("rules", "m298", "m299");
    assertThat(
            db.conversations()
                .window(user, id, ContextWindow.of(3).withPinnedSystemMessages(false))
                .messages())
        .extracting(Message::content)
        .containsExactly("m297", "m298", "m299");
  }

  private static List<Message> all(UUID user, UUID id) {
    List<Message> all = new ArrayList<>();
    PageRequest page = PageRequest.first(200);
    while (page != null) {
      var items = db.conversations().messages(user, id, page);
      all.addAll(items.items());
      page = items.next().orElse(null);
    }
    return all;
  }
}
