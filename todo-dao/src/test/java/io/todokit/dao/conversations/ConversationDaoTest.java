package io.todokit.dao.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.dao.DaoTestSupport;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.Page;
import io.todokit.dao.PageRequest;
import io.todokit.dao.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ConversationDaoTest extends DaoTestSupport {

  private static final String CALL_1_JSON =
      "[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"list_tasks\",\"arguments\":\"{}\"}}]";
  private static final List<ToolCall> CALL_1 = List.of(ToolCall.of("call_1", "list_tasks", "{}"));

  private static ConversationDao conversations() {
    return db.conversations();
  }

  // ---- conversations ----

  @Test
  void createTrimsTheTitleAndStartsWithoutMessages() {
    UUID user = newUser();
    Instant now = Instant.parse("2026-05-01T10:15:30.123456Z");
    Conversation conversation = dbAt(now).conversations().create(user, "  Groceries  ");

    assertThat(conversation.userId()).isEqualTo(user);
    assertThat(conversation.title()).isEqualTo("Groceries");
    assertThat(conversation.lastMessageSeq()).isZero();
    assertThat(conversation.createdAt()).isEqualTo(now);
    assertThat(conversation.updatedAt()).isEqualTo(now);
    assertThat(conversations().get(user, conversation.id())).isEqualTo(conversation);
  }

  @Test
  void createWithAChosenIdIsPerUserAndRefusesADuplicate() {
    UUID user = newUser();
    UUID other = newUser();
    UUID id = UUID.randomUUID();
    assertThat(conversations().create(user, id, "Mine").id()).isEqualTo(id);
    assertThat(conversations().create(other, id, "Theirs").title()).isEqualTo("Theirs");
    assertThatThrownBy(() -> conversations().create(user, id, "Again"))
        .isInstanceOfSatisfying(
            io.todokit.dao.DuplicateException.class, e -> assertThat(e.field()).isEqualTo("id"));
    assertValidation(() -> conversations().create(user, null, "x"), "id");
    assertThat(conversations().get(user, id).title()).isEqualTo("Mine");
  }

  @Test
  void createWithoutTitleUsesTheDefault() {
    UUID user = newUser();
    assertThat(conversations().create(user).title()).isEqualTo("New conversation");
  }

  @Test
  void titlesWithQuotesCommentsAndEmojiAreStoredVerbatim() {
    UUID user = newUser();
    String title = "Robert'); DROP TABLE conversations; -- /* 🎉 */";
    Conversation conversation = conversations().create(user, title);
    assertThat(conversations().get(user, conversation.id()).title()).isEqualTo(title);
    assertThat(conversations().create(user, "🎉".repeat(255)).title()).hasSize(510);
  }

  @Test
  void badTitlesAreRefusedAndNothingIsWritten() {
    UUID user = newUser();
    long before = rows("conversations");
    assertValidation(() -> conversations().create(user, "   "), "title");
    assertValidation(() -> conversations().create(user, "a".repeat(256)), "title");
    assertValidation(() -> conversations().create(user, "a\0b"), "title");
    assertValidation(() -> conversations().create(user, null), "title");
    assertThat(rows("conversations")).isEqualTo(before);
  }

  @Test
  void createForAMissingUserIsNotFound() {
    assertThatThrownBy(() -> conversations().create(UUID.randomUUID(), "x"))
        .isInstanceOfSatisfying(
            NotFoundException.class, e -> assertThat(e.entity()).isEqualTo("user"));
  }

  @Test
  void renameChangesTheTitleAndCountsAsActivity() {
    UUID user = newUser();
    Conversation conversation =
        dbAt(Instant.parse("2026-01-01T00:00:00Z")).conversations().create(user, "a");
    Instant later = Instant.parse("2026-01-02T00:00:00Z");
    Conversation renamed = dbAt(later).conversations().rename(user, conversation.id(), " b ");
    assertThat(renamed.title()).isEqualTo("b");
    assertThat(renamed.updatedAt()).isEqualTo(later);
    assertThat(renamed.createdAt()).isEqualTo(conversation.createdAt());
    assertThat(conversations().get(user, conversation.id())).isEqualTo(renamed);
    assertValidation(() -> conversations().rename(user, conversation.id(), ""), "title");
    assertThat(conversations().get(user, conversation.id()).title()).isEqualTo("b");
  }

  @Test
  void deleteRemovesTheConversationAndItsMessages() {
    UUID user = newUser();
    Conversation conversation = conversations().create(user, "a");
    conversations().append(user, conversation.id(), NewMessage.user("hi"));
    conversations().append(user, conversation.id(), NewMessage.assistant("hello"));
    conversations().delete(user, conversation.id());
    assertThat(count("SELECT count(*) FROM conversations WHERE id = ?", conversation.id()))
        .isZero();
    assertThat(count("SELECT count(*) FROM messages WHERE conversation_id = ?", conversation.id()))
        .isZero();
    assertNotFound(() -> conversations().get(user, conversation.id()));
    assertNotFound(() -> conversations().delete(user, conversation.id()));
  }

  @Test
  void listIsByLastActivityAndAppendingMovesAConversationToTheTop() {
    UUID user = newUser();
    Conversation first = conversations().create(user, "first");
    Conversation second = conversations().create(user, "second");
    Conversation third = conversations().create(user, "third");
    assertThat(ids(conversations().list(user, PageRequest.first(10))))
        .containsExactly(third.id(), second.id(), first.id());

    conversations().append(user, first.id(), NewMessage.user("back to this"));
    Page<Conversation> page = conversations().list(user, PageRequest.first(10));
    assertThat(ids(page)).containsExactly(first.id(), third.id(), second.id());
    assertThat(page.items().get(0).lastMessageSeq()).isEqualTo(1);
    assertThat(page.items().get(0).updatedAt()).isAfter(first.updatedAt());
    assertThat(page.hasNext()).isFalse();
  }

  @Test
  void listPagesWithoutDuplicatesEvenWhenActivityTies() {
    UUID user = newUser();
    Instant same = Instant.parse("2026-03-01T12:00:00Z");
    Set<UUID> created = new HashSet<>();
    for (int i = 0; i < 7; i++) {
      created.add(dbAt(same).conversations().create(user, "c" + i).id());
    }
    List<UUID> seen = new ArrayList<>();
    PageRequest request = PageRequest.first(3);
    List<Integer> sizes = new ArrayList<>();
    do {
      Page<Conversation> page = conversations().list(user, request);
      sizes.add(page.items().size());
      seen.addAll(ids(page));
      request = page.next().orElse(null);
    } while (request != null);
    assertThat(sizes).containsExactly(3, 3, 1);
    assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
    assertThat(seen).isSortedAccordingTo((a, b) -> b.compareTo(a));
  }

  @Test
  void badCursorsAndLimitsAreRefused() {
    UUID user = newUser();
    Conversation conversation = conversations().create(user, "a");
    String messageCursor =
        Base64.getUrlEncoder().withoutPadding().encodeToString("m1:5".getBytes());
    String conversationCursor =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(("c1:1:" + UUID.randomUUID()).getBytes());
    for (String bad : List.of("", "!!!", "bm9wZQ", messageCursor, "' OR 1=1 --", "x".repeat(500))) {
      assertValidation(() -> conversations().list(user, PageRequest.after(bad, 10)), "cursor");
    }
    for (String bad :
        List.of(
            "",
            "!!!",
            conversationCursor,
            Base64.getUrlEncoder().encodeToString("m1:-3".getBytes()))) {
      assertValidation(
          () -> conversations().messages(user, conversation.id(), PageRequest.after(bad, 10)),
          "cursor");
    }
    assertValidation(() -> conversations().list(user, PageRequest.first(0)), "limit");
    assertValidation(() -> conversations().list(user, PageRequest.first(201)), "limit");
    assertValidation(
        () -> conversations().messages(user, conversation.id(), PageRequest.first(0)), "limit");
  }

  // ---- messages ----

  @Test
  void appendAssignsConsecutiveSequenceNumbersAndBumpsActivity() {
    UUID user = newUser();
    Conversation conversation =
        dbAt(Instant.parse("2026-01-01T00:00:00Z")).conversations().create(user, "a");
    Message hi = conversations().append(user, conversation.id(), NewMessage.user("hi"));
    Message hello =
        conversations().append(user, conversation.id(), NewMessage.assistant("hello 👋"));
    Message system = conversations().append(user, conversation.id(), NewMessage.system("be brief"));

    assertThat(List.of(hi.seq(), hello.seq(), system.seq())).containsExactly(1L, 2L, 3L);
    assertThat(hi.role()).isEqualTo(MessageRole.USER);
    assertThat(hi.conversationId()).isEqualTo(conversation.id());
    assertThat(hello.content()).isEqualTo("hello 👋");
    assertThat(hello.toolCalls()).isEmpty();
    assertThat(hello.toolCallId()).isNull();
    Conversation after = conversations().get(user, conversation.id());
    assertThat(after.lastMessageSeq()).isEqualTo(3);
    assertThat(after.updatedAt())
        .isAfterOrEqualTo(system.createdAt())
        .isAfter(conversation.updatedAt());
  }

  @Test
  void aFullToolCallTurnComesBackIntactAndInOrder() throws Exception {
    UUID user = newUser();
    UUID id = conversations().create(user, "tools").id();
    conversations().append(user, id, NewMessage.user("What is on my list?"));
    Message call = conversations().append(user, id, NewMessage.assistantToolCalls("", CALL_1));
    Message answer =
        conversations().append(user, id, NewMessage.tool("call_1", "[{\"title\":\"Pay rent\"}]"));
    conversations().append(user, id, NewMessage.assistant("You have to pay rent."));

    List<Message> replay = conversations().messages(user, id, PageRequest.first(50)).items();
    assertThat(replay).extracting(Message::seq).containsExactly(1L, 2L, 3L, 4L);
    assertThat(replay)
        .extracting(Message::role)
        .containsExactly(
            MessageRole.USER, MessageRole.ASSISTANT, MessageRole.TOOL, MessageRole.ASSISTANT);
    assertThat(replay.get(1).toolCalls()).isEqualTo(CALL_1);
    assertThat(
            count(
                "SELECT count(*) FROM messages WHERE id = ? AND tool_calls = ?::jsonb",
                call.id(),
                CALL_1_JSON))
        .isEqualTo(1);
    assertThat(replay.get(1).content()).isEmpty();
    assertThat(replay.get(2).toolCallId()).isEqualTo("call_1");
    assertThat(replay.get(2).content()).isEqualTo("[{\"title\":\"Pay rent\"}]");
    assertThat(replay.get(1)).isEqualTo(call);
    assertThat(replay.get(2)).isEqualTo(answer);
    assertThat(conversations().window(user, id, ContextWindow.of(4)).messages()).isEqualTo(replay);
  }

  @Test
  void rowsWrittenOutsideTodokitReadBackAsTypedCallsAndCanBeAnswered() throws Exception {
    UUID user = newUser();
    UUID id = conversations().create(user, "tools").id();
    // A single call object of another shape, and OpenAI's array with object arguments.
    sql(
        "INSERT INTO messages (user_id, conversation_id, role, content, tool_calls)"
            + " VALUES (?, ?, 'assistant', '', '{\"id\":\"call_x\",\"type\":\"function\"}')",
        user,
        id);
    sql(
        "INSERT INTO messages (user_id, conversation_id, role, content, tool_calls)"
            + " VALUES (?, ?, 'assistant', '', '[{\"id\":\"call_y\",\"type\":\"function\","
            + "\"function\":{\"name\":\"add_task\",\"arguments\":{\"title\":\"Milk\"}}}]')",
        user,
        id);
    List<Message> stored = conversations().messages(user, id, PageRequest.first(10)).items();
    assertThat(stored.get(0).toolCalls()).containsExactly(ToolCall.of("call_x", "", "{}"));
    assertThat(stored.get(1).toolCalls())
        .containsExactly(ToolCall.of("call_y", "add_task", "{\"title\":\"Milk\"}"));
    assertThat(conversations().append(user, id, NewMessage.tool("call_x", "ok")).seq())
        .isEqualTo(3);
  }

  @Test
  void aToolMessageMustAnswerACallOfThisConversation() {
    UUID user = newUser();
    UUID id = conversations().create(user, "tools").id();
    UUID other = conversations().create(user, "other").id();
    conversations().append(user, other, NewMessage.assistantToolCalls("", CALL_1));
    conversations().append(user, id, NewMessage.user("hi"));
    conversations().append(user, id, NewMessage.assistant("call_1 is mentioned but not called"));
    long before = rows("messages");

    assertValidation(
        () -> conversations().append(user, id, NewMessage.tool("call_1", "x")), "tool_call_id");
    assertValidation(
        () -> conversations().append(user, id, NewMessage.tool("call_2\"}]", "x")), "tool_call_id");
    assertValidation(
        () -> conversations().append(user, id, NewMessage.tool("  ", "x")), "tool_call_id");
    assertValidation(
        () ->
            conversations()
                .append(user, id, new NewMessage(MessageRole.TOOL, "x", List.of(), null)),
        "tool_call_id");
    assertValidation(
        () ->
            conversations()
                .append(user, id, new NewMessage(MessageRole.USER, "x", List.of(), "call_1")),
        "tool_call_id");
    assertThat(rows("messages")).isEqualTo(before);
    assertThat(conversations().get(user, id).lastMessageSeq()).isEqualTo(2);
  }

  @Test
  void toolCallsMustBeValidOnAnAssistantMessage() {
    UUID user = newUser();
    UUID id = conversations().create(user, "tools").id();
    long before = rows("messages");
    for (String bad : List.of("{not json", "", "  ", "[1,", "{} {}", "a\u0000")) {
      assertValidation(
          () ->
              conversations()
                  .append(
                      user,
                      id,
                      NewMessage.assistantToolCalls("", List.of(ToolCall.of("c", "f", bad)))),
          "tool_calls[0].arguments");
    }
    assertValidation(
        () ->
            NewMessage.assistantToolCalls(
                "", java.util.Arrays.asList(ToolCall.of("c", "f", "{}"), null)),
        "tool_calls[1]");
    assertValidation(
        () -> NewMessage.assistantToolCalls("", List.of(ToolCall.of("c", "f\u0000", "{}"))),
        "tool_calls[0].name");
    assertValidation(
        () -> NewMessage.assistantToolCalls("", List.of(ToolCall.of("c".repeat(256), "f", "{}"))),
        "tool_calls[0].id");
    for (MessageRole role : List.of(MessageRole.USER, MessageRole.SYSTEM)) {
      assertValidation(
          () -> conversations().append(user, id, new NewMessage(role, "x", CALL_1, null)),
          "tool_calls");
    }
    assertValidation(
        () ->
            conversations()
                .append(user, id, new NewMessage(MessageRole.TOOL, "x", CALL_1, "call_1")),
        "tool_calls");
    assertThat(rows("messages")).isEqualTo(before);
    assertThat(conversations().get(user, id).lastMessageSeq()).isZero();
  }

  @Test
  void contentIsStoredVerbatimUpToAMillionCharacters() {
    UUID user = newUser();
    UUID id = conversations().create(user, "c").id();
    String tricky = "'; DELETE FROM messages; -- /* */ \"quoted\" 😀 \n\t";
    assertThat(conversations().append(user, id, NewMessage.user(tricky)).content())
        .isEqualTo(tricky);
    String max = "a".repeat(1_000_000);
    assertThat(conversations().append(user, id, NewMessage.user(max)).content()).hasSize(1_000_000);
    assertThat(conversations().append(user, id, NewMessage.user("")).content()).isEmpty();
    long before = rows("messages");
    assertValidation(() -> conversations().append(user, id, NewMessage.user(max + "a")), "content");
    assertValidation(() -> conversations().append(user, id, NewMessage.user("a\0b")), "content");
    assertThat(rows("messages")).isEqualTo(before);
  }

  @Test
  void messagesPageInOrderWithoutDuplicates() {
    UUID user = newUser();
    UUID id = conversations().create(user, "long").id();
    for (int i = 1; i <= 120; i++) {
      conversations().append(user, id, NewMessage.user("m" + i));
    }
    List<Integer> sizes = new ArrayList<>();
    List<String> contents = new ArrayList<>();
    PageRequest request = PageRequest.first(50);
    do {
      Page<Message> page = conversations().messages(user, id, request);
      sizes.add(page.items().size());
      page.items().forEach(m -> contents.add(m.content()));
      request = page.next().orElse(null);
    } while (request != null);
    assertThat(sizes).containsExactly(50, 50, 20);
    assertThat(contents).isEqualTo(IntStream.rangeClosed(1, 120).mapToObj(i -> "m" + i).toList());

    assertThat(conversations().window(user, id, ContextWindow.of(3)).messages())
        .extracting(Message::content)
        .containsExactly("m118", "m119", "m120");
    assertThat(conversations().window(user, id, ContextWindow.of(500)).messages()).hasSize(120);
  }

  @Test
  void anEmptyConversationHasNoMessagesButAMissingOneIsNotFound() {
    UUID user = newUser();
    UUID id = conversations().create(user, "empty").id();
    assertThat(conversations().messages(user, id, PageRequest.first(10)).items()).isEmpty();
    assertThat(conversations().window(user, id, ContextWindow.of(10)).messages()).isEmpty();
    UUID missing = UUID.randomUUID();
    assertNotFound(() -> conversations().messages(user, missing, PageRequest.first(10)));
    assertNotFound(() -> conversations().window(user, missing, ContextWindow.of(10)));
    assertNotFound(() -> conversations().append(user, missing, NewMessage.user("x")));
  }

  @Test
  void anotherUsersConversationIsIndistinguishableFromAMissingOne() {
    UUID owner = newUser();
    UUID intruder = newUser();
    Conversation conversation = conversations().create(owner, "private");
    UUID id = conversation.id();
    conversations().append(owner, id, NewMessage.assistantToolCalls("", CALL_1));
    java.util.Optional<String> ownersCursor =
        conversations().list(owner, PageRequest.first(1)).nextCursor();
    long conversationsBefore = rows("conversations");
    long messagesBefore = rows("messages");

    assertNotFound(() -> conversations().get(intruder, id));
    assertNotFound(() -> conversations().rename(intruder, id, "mine"));
    assertNotFound(() -> conversations().delete(intruder, id));
    assertNotFound(() -> conversations().append(intruder, id, NewMessage.user("x")));
    assertNotFound(() -> conversations().append(intruder, id, NewMessage.tool("call_1", "x")));
    assertNotFound(() -> conversations().messages(intruder, id, PageRequest.first(10)));
    assertNotFound(() -> conversations().window(intruder, id, ContextWindow.of(10)));
    assertThat(conversations().list(intruder, PageRequest.first(10)).items()).isEmpty();
    assertThat(ownersCursor).isEmpty();

    assertThat(rows("conversations")).isEqualTo(conversationsBefore);
    assertThat(rows("messages")).isEqualTo(messagesBefore);
    assertThat(conversations().get(owner, id)).isEqualTo(conversations().get(owner, id));
    assertThat(conversations().get(owner, id).title()).isEqualTo("private");
    assertThat(conversations().get(owner, id).lastMessageSeq()).isEqualTo(1);
  }

  @Test
  void concurrentAppendsGetStrictGaplessOrder() throws Exception {
    UUID user = newUser();
    UUID id = conversations().create(user, "busy").id();
    int threads = 8;
    int perThread = 50;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Set<Long> seqs = ConcurrentHashMap.newKeySet();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    seqs.add(
                        conversations().append(user, id, NewMessage.user(thread + ":" + i)).seq());
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    List<Message> all = new ArrayList<>();
    PageRequest request = PageRequest.first(200);
    do {
      Page<Message> page = conversations().messages(user, id, request);
      all.addAll(page.items());
      request = page.next().orElse(null);
    } while (request != null);
    assertThat(seqs).hasSize(400);
    assertThat(all)
        .extracting(Message::seq)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 400).mapToObj(i -> (long) i).toList());
    for (int t = 0; t < threads; t++) {
      String prefix = t + ":";
      assertThat(all.stream().map(Message::content).filter(c -> c.startsWith(prefix)).toList())
          .containsExactlyElementsOf(
              IntStream.range(0, perThread).mapToObj(i -> prefix + i).toList());
    }
    assertThat(conversations().get(user, id).lastMessageSeq()).isEqualTo(400);
  }

  private static List<UUID> ids(Page<Conversation> page) {
    return page.items().stream().map(Conversation::id).toList();
  }

  private static void assertValidation(ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  private static void assertNotFound(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            NotFoundException.class, e -> assertThat(e.entity()).isEqualTo("conversation"));
  }
}
