package io.todokit.dao.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.dao.DaoTestSupport;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.ValidationException;
import io.todokit.dao.conversations.Message;
import io.todokit.dao.conversations.NewMessage;
import io.todokit.dao.conversations.ToolCall;
import io.todokit.dao.tags.NewTag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Provenance and idempotency of writes made through {@link TaskDao#via}. */
class TaskEffectsTest extends DaoTestSupport {

  private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");

  private static UUID conversation(UUID user) {
    return db.conversations().create(user, "chat").id();
  }

  private static long tasksOf(UUID user) {
    return count("SELECT count(*) FROM tasks WHERE user_id = ?", user);
  }

  @Test
  void aRetriedCreateWithTheSameToolCallReturnsTheFirstTaskAndCreatesNoSecond() {
    UUID user = newUser();
    UUID chat = conversation(user);
    TaskOrigin call = TaskOrigin.toolCall(chat, "call_1");

    Task first = dbAt(NOW).tasks().via(call).create(user, NewTask.titled("Buy milk"));
    Task retried =
        dbAt(NOW.plusSeconds(5)).tasks().via(call).create(user, NewTask.titled("Buy milk"));

    assertThat(retried).isEqualTo(first);
    assertThat(tasksOf(user)).isEqualTo(1);
    assertThat(db.tasks().effects(user, chat))
        .singleElement()
        .satisfies(
            effect -> {
              assertThat(effect.taskId()).isEqualTo(first.id());
              assertThat(effect.kind()).isEqualTo(TaskEffectKind.CREATED);
              assertThat(effect.origin()).isEqualTo(new TaskOrigin(chat, null, "call_1", null));
              assertThat(effect.at()).isEqualTo(NOW);
            });
  }

  @Test
  void anotherToolCallOrAnotherConversationCreatesAnotherTask() {
    UUID user = newUser();
    UUID chat = conversation(user);
    UUID otherChat = conversation(user);
    db.tasks().via(TaskOrigin.toolCall(chat, "call_1")).create(user, NewTask.titled("a"));
    db.tasks().via(TaskOrigin.toolCall(chat, "call_2")).create(user, NewTask.titled("a"));
    db.tasks().via(TaskOrigin.toolCall(otherChat, "call_1")).create(user, NewTask.titled("a"));
    db.tasks().create(user, NewTask.titled("a"));
    db.tasks().create(user, NewTask.titled("a"));

    assertThat(tasksOf(user)).isEqualTo(5);
    assertThat(db.tasks().effects(user, chat)).hasSize(2);
    assertThat(db.tasks().effects(user, otherChat)).hasSize(1);
  }

  @Test
  void anIdempotencyKeyIsTheUsersOwn() {
    UUID user = newUser();
    UUID other = newUser();
    TaskOrigin key = TaskOrigin.idempotencyKey("request-42");
    Task mine = db.tasks().via(key).create(user, NewTask.titled("mine"));
    Task again = db.tasks().via(key).create(user, NewTask.titled("something else"));
    Task theirs = db.tasks().via(key).create(other, NewTask.titled("theirs"));

    assertThat(again).isEqualTo(mine);
    assertThat(theirs.id()).isNotEqualTo(mine.id());
    assertThat(theirs.userId()).isEqualTo(other);
    assertThat(db.tasks().effect(user, key)).map(TaskEffect::taskId).contains(mine.id());
    assertThat(db.tasks().effect(other, key)).map(TaskEffect::taskId).contains(theirs.id());
    assertThat(db.tasks().effect(user, TaskOrigin.idempotencyKey("request-43"))).isEmpty();
  }

  @Test
  void updateCompleteReopenAndDeleteAreRecordedAndNotRepeated() {
    UUID user = newUser();
    UUID chat = conversation(user);
    Task task = db.tasks().create(user, NewTask.titled("report"));

    TaskOrigin update = TaskOrigin.toolCall(chat, "u");
    Task updated =
        db.tasks().via(update).update(user, task.id(), 0, TaskPatch.empty().withTitle("Report"));
    // Retried with the version it read before: answered, not a conflict, not a second update.
    assertThat(db.tasks().via(update).update(user, task.id(), 0, TaskPatch.empty().withTitle("x")))
        .isEqualTo(updated);
    assertThat(updated.version()).isEqualTo(1);

    TaskOrigin complete = TaskOrigin.toolCall(chat, "c");
    Task done = db.tasks().via(complete).complete(user, task.id()).completed();
    TaskOrigin reopen = TaskOrigin.toolCall(chat, "r");
    Task reopened = db.tasks().via(reopen).reopen(user, task.id());
    // A retried completion must not complete the reopened task again.
    Completion retried = db.tasks().via(complete).complete(user, task.id());
    assertThat(retried.completed()).isEqualTo(reopened);
    assertThat(retried.next()).isEmpty();
    assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(reopened.status()).isEqualTo(TaskStatus.PENDING);

    TaskOrigin delete = TaskOrigin.toolCall(chat, "d");
    db.tasks().via(delete).delete(user, task.id());
    db.tasks().via(delete).delete(user, task.id()); // retried: quiet, not "not found"
    assertThatThrownBy(() -> db.tasks().delete(user, task.id()))
        .isInstanceOf(NotFoundException.class);

    assertThat(db.tasks().history(user, task.id()))
        .extracting(TaskEffect::kind)
        .containsExactly(
            TaskEffectKind.UPDATED,
            TaskEffectKind.COMPLETED,
            TaskEffectKind.REOPENED,
            TaskEffectKind.DELETED);
  }

  @Test
  void aRetriedCreateAfterTheTaskWasDeletedDoesNotCreateItAgain() {
    UUID user = newUser();
    TaskOrigin key = TaskOrigin.idempotencyKey("k");
    Task task = db.tasks().via(key).create(user, NewTask.titled("gone soon"));
    db.tasks().delete(user, task.id());

    assertThatThrownBy(() -> db.tasks().via(key).create(user, NewTask.titled("gone soon")))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.entity()).isEqualTo("task");
              assertThat(e.id()).isEqualTo(task.id().toString());
            });
    assertThat(tasksOf(user)).isZero();
  }

  @Test
  void anOriginNamesOneWrite() {
    UUID user = newUser();
    UUID chat = conversation(user);
    TaskOrigin call = TaskOrigin.toolCall(chat, "call_1");
    Task created = db.tasks().via(call).create(user, NewTask.titled("a"));
    Task other = db.tasks().create(user, NewTask.titled("b"));

    assertThatThrownBy(() -> db.tasks().via(call).complete(user, created.id()))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo("origin");
              assertThat(e.getMessage())
                  .contains("was already used to create task " + created.id());
            });
    TaskOrigin complete = TaskOrigin.toolCall(chat, "call_2");
    db.tasks().via(complete).complete(user, created.id());
    assertThatThrownBy(() -> db.tasks().via(complete).complete(user, other.id()))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("origin"));
    assertThat(db.tasks().get(user, other.id()).status()).isEqualTo(TaskStatus.PENDING);
  }

  @Test
  void aFailedCallRecordsNothingAndCanBeRetried() {
    UUID user = newUser();
    UUID chat = conversation(user);
    TaskOrigin call = TaskOrigin.toolCall(chat, "call_1");
    UUID missingTag = UUID.randomUUID();

    assertThatThrownBy(
            () ->
                db.tasks()
                    .via(call)
                    .create(user, NewTask.titled("tagged").withTagIds(List.of(missingTag))))
        .isInstanceOf(NotFoundException.class);
    assertThat(db.tasks().effects(user, chat)).isEmpty();

    UUID tag = db.tags().create(user, NewTag.named("home")).id();
    Task task =
        db.tasks().via(call).create(user, NewTask.titled("tagged").withTagIds(List.of(tag)));
    assertThat(db.tasks().effects(user, chat))
        .extracting(TaskEffect::taskId)
        .containsExactly(task.id());
  }

  @Test
  void aBatchThroughAnOriginIsRefusedAndWritesNothing() {
    UUID user = newUser();
    UUID chat = conversation(user);
    TaskOrigin call = TaskOrigin.toolCall(chat, "call_batch");

    assertThatThrownBy(
            () ->
                db.tasks()
                    .via(call)
                    .createAll(user, List.of(NewTask.titled("a"), NewTask.titled("b"))))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("origin"))
        .hasMessageContaining("createAll records no tool effect");
    assertThat(tasksOf(user)).isZero();
    assertThat(db.tasks().effects(user, chat)).isEmpty();
    assertThat(db.tasks().effect(user, call)).isEmpty();
    assertThat(db.tasks().createAll(user, List.of(NewTask.titled("a")))).hasSize(1);
  }

  @Test
  void theEffectFindsTheAssistantMessageThatCarriedTheCall() {
    UUID user = newUser();
    UUID chat = conversation(user);
    db.conversations().append(user, chat, NewMessage.user("remind me to call mum"));
    // The tool runs before the assistant message is stored (as in a chat loop that stores the
    // turn afterwards): the effect names no message yet.
    Task task =
        db.tasks()
            .via(TaskOrigin.toolCall(chat, "call_7"))
            .create(user, NewTask.titled("Call mum"));
    assertThat(db.tasks().effects(user, chat).getFirst().origin().messageId()).isNull();

    Message carrier =
        db.conversations()
            .append(
                user,
                chat,
                NewMessage.assistantToolCalls(
                    "",
                    List.of(
                        ToolCall.of("call_6", "list_tasks", "{}"),
                        ToolCall.of("call_7", "add_task", "{\"title\":\"Call mum\"}"))));
    db.conversations().append(user, chat, NewMessage.tool("call_6", "[]"));
    db.conversations().append(user, chat, NewMessage.tool("call_7", "{}"));

    TaskEffect effect = db.tasks().effects(user, chat).getFirst();
    assertThat(effect.taskId()).isEqualTo(task.id());
    assertThat(effect.origin().messageId()).isEqualTo(carrier.id());
    assertThat(db.tasks().history(user, task.id())).containsExactly(effect);

    // A write that names its message keeps it as given.
    UUID named = UUID.randomUUID();
    db.tasks()
        .via(TaskOrigin.toolCall(chat, "call_8").withMessageId(named))
        .create(user, NewTask.titled("x"));
    assertThat(db.tasks().effects(user, chat).getLast().origin().messageId()).isEqualTo(named);
  }

  @Test
  void anotherUsersConversationIsNotFoundAndTheirEffectsAreNotVisible() {
    UUID user = newUser();
    UUID other = newUser();
    UUID theirChat = conversation(other);
    Task theirs =
        db.tasks().via(TaskOrigin.toolCall(theirChat, "c1")).create(other, NewTask.titled("t"));

    assertThatThrownBy(
            () ->
                db.tasks()
                    .via(TaskOrigin.toolCall(theirChat, "c2"))
                    .create(user, NewTask.titled("mine")))
        .isInstanceOfSatisfying(
            NotFoundException.class, e -> assertThat(e.entity()).isEqualTo("conversation"));
    assertThat(tasksOf(user)).isZero();
    assertThat(db.tasks().effects(user, theirChat)).isEmpty();
    assertThat(db.tasks().history(user, theirs.id())).isEmpty();
    assertThat(db.tasks().effect(user, TaskOrigin.toolCall(theirChat, "c1"))).isEmpty();
    // Nor can the user act on the other's task through a call of their own.
    UUID chat = conversation(user);
    assertThatThrownBy(
            () -> db.tasks().via(TaskOrigin.toolCall(chat, "c3")).complete(user, theirs.id()))
        .isInstanceOf(NotFoundException.class);
    assertThat(db.tasks().effects(user, chat)).isEmpty();
  }

  @Test
  void deletingTheConversationRemovesItsEffectsButKeepsTheTasks() {
    UUID user = newUser();
    UUID chat = conversation(user);
    Task task = db.tasks().via(TaskOrigin.toolCall(chat, "c")).create(user, NewTask.titled("t"));
    db.conversations().delete(user, chat);

    assertThat(db.tasks().history(user, task.id())).isEmpty();
    assertThat(db.tasks().get(user, task.id())).isEqualTo(task);
  }

  @Test
  void originsAreValidatedNamingTheField() {
    UUID chat = UUID.randomUUID();
    assertThatThrownBy(() -> new TaskOrigin(chat, null, null, null))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("origin"));
    assertThatThrownBy(() -> new TaskOrigin(null, null, "call", null))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.field()).isEqualTo("origin.conversation_id"));
    assertThatThrownBy(() -> TaskOrigin.toolCall(chat, " "))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("origin.tool_call_id"));
    assertThatThrownBy(() -> TaskOrigin.toolCall(chat, null))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("origin.tool_call_id"));
    assertThatThrownBy(() -> TaskOrigin.idempotencyKey("k".repeat(256)))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.field()).isEqualTo("origin.idempotency_key"));
    assertThatThrownBy(() -> TaskOrigin.idempotencyKey("a\u0000b"))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.field()).isEqualTo("origin.idempotency_key"));
    assertThat(TaskOrigin.toolCall(chat, " call ").toolCallId()).isEqualTo(" call ");
  }

  @Test
  void concurrentRetriesOfOneCallCreateExactlyOneTask() throws Exception {
    UUID user = newUser();
    UUID chat = conversation(user);
    TaskOrigin call = TaskOrigin.toolCall(chat, "call_race");
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Task>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return db.tasks().via(call).create(user, NewTask.titled("once"));
                }));
      }
      start.countDown();
      List<UUID> ids = new ArrayList<>();
      for (Future<Task> result : results) {
        ids.add(result.get(30, TimeUnit.SECONDS).id());
      }
      assertThat(ids).hasSize(threads).containsOnly(ids.getFirst());
    } finally {
      pool.shutdownNow();
    }
    assertThat(tasksOf(user)).isEqualTo(1);
    assertThat(db.tasks().effects(user, chat)).hasSize(1);
  }

  @Test
  void insideATransactionARetryIsAnsweredFromTheSameTransaction() {
    UUID user = newUser();
    TaskOrigin key = TaskOrigin.idempotencyKey("tx");
    List<Task> created =
        db.transactionResult(
            tx ->
                List.of(
                    tx.tasks().via(key).create(user, NewTask.titled("a")),
                    tx.tasks().via(key).create(user, NewTask.titled("a"))));
    assertThat(created.get(1)).isEqualTo(created.get(0));
    assertThat(tasksOf(user)).isEqualTo(1);
  }
}
