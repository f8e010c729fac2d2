package io.todokit.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.dao.conversations.NewMessage;
import io.todokit.dao.tasks.NewTask;
import io.todokit.dao.tasks.TaskQuery;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cursors are client input: anything but a cursor this TodoDb handed out to this user for this list
 * is refused with {@code ValidationException("cursor")}, and never reaches SQL.
 */
class CursorTest extends DaoTestSupport {

  private static UUID user;
  private static UUID conversation;
  private static String taskCursor;
  private static String conversationCursor;
  private static String messageCursor;

  @BeforeAll
  static void pages() {
    user = newUser();
    for (int i = 0; i < 3; i++) {
      db.tasks().create(user, NewTask.titled("Task " + i));
      UUID chat = db.conversations().create(user, "Chat " + i).id();
      db.conversations().append(user, chat, NewMessage.user("hello " + i));
      db.conversations().append(user, chat, NewMessage.user("again " + i));
      conversation = chat;
    }
    taskCursor =
        db.tasks().query(user, TaskQuery.open(), PageRequest.first(1)).nextCursor().orElseThrow();
    conversationCursor =
        db.conversations().list(user, PageRequest.first(1)).nextCursor().orElseThrow();
    messageCursor =
        db.conversations()
            .messages(user, conversation, PageRequest.first(1))
            .nextCursor()
            .orElseThrow();
    assertThat(List.of(taskCursor, conversationCursor, messageCursor)).doesNotContainNull();
  }

  private static void assertRefused(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
  }

  private static void assertRefusedEverywhere(UUID actingUser, String cursor) {
    assertRefused(
        () -> db.tasks().query(actingUser, TaskQuery.open(), PageRequest.after(cursor, 1)));
    assertRefused(() -> db.conversations().list(actingUser, PageRequest.after(cursor, 1)));
    assertRefused(
        () -> db.conversations().messages(actingUser, conversation, PageRequest.after(cursor, 1)));
  }

  private static String base64(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aCursorHandedOutPagesOnItsOwnList() {
    assertThat(db.tasks().query(user, TaskQuery.open(), PageRequest.after(taskCursor, 1)).items())
        .hasSize(1);
    assertThat(db.conversations().list(user, PageRequest.after(conversationCursor, 1)).items())
        .hasSize(1);
    assertThat(
            db.conversations()
                .messages(user, conversation, PageRequest.after(messageCursor, 1))
                .items())
        .hasSize(1);
  }

  @Test
  void anotherUsersCursorIsRefused() {
    UUID other = newUser();
    assertRefused(
        () -> db.tasks().query(other, TaskQuery.open(), PageRequest.after(taskCursor, 1)));
    assertRefused(() -> db.conversations().list(other, PageRequest.after(conversationCursor, 1)));
  }

  @Test
  void aCursorOfAnotherListIsRefused() {
    assertRefused(
        () -> db.tasks().query(user, TaskQuery.open(), PageRequest.after(messageCursor, 1)));
    assertRefused(() -> db.conversations().list(user, PageRequest.after(taskCursor, 1)));
    assertRefused(
        () ->
            db.conversations()
                .messages(user, conversation, PageRequest.after(conversationCursor, 1)));
    UUID otherConversation = db.conversations().create(user, "Another").id();
    assertRefused(
        () ->
            db.conversations()
                .messages(user, otherConversation, PageRequest.after(messageCursor, 1)));
  }

  @Test
  void everySingleCharacterChangeIsRefused() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (String cursor : List.of(taskCursor, conversationCursor, messageCursor)) {
      for (int i = 0; i < cursor.length(); i++) {
        char replacement = alphabet.charAt((alphabet.indexOf(cursor.charAt(i)) + 1) % 64);
        String tampered = cursor.substring(0, i) + replacement + cursor.substring(i + 1);
        assertRefusedEverywhere(user, tampered);
      }
    }
  }

  @Test
  void randomBytesAndForgedSortKeysAreRefused() {
    Random random = new Random(42);
    List<String> forged = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      byte[] bytes = new byte[1 + random.nextInt(120)];
      random.nextBytes(bytes);
      forged.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
    // The old format, and plausible payloads with out-of-range numbers but no valid tag.
    forged.add(base64("t1|HIGH|99999999999999999|0|" + UUID.randomUUID() + "|0"));
    forged.add(
        base64("t2|HIGH|-99999999999999999|0|" + UUID.randomUUID() + ".AAAAAAAAAAAAAAAAAAAAAA"));
    forged.add(base64("9223372036854775807:" + UUID.randomUUID() + ".AAAA"));
    forged.add(base64("-1.AAAA"));
    forged.add("");
    forged.add("!!!");
    forged.add("a".repeat(10_000));
    for (String cursor : forged) {
      assertRefusedEverywhere(user, cursor);
    }
  }

  @Test
  void aCursorSealedWithOutOfRangeValuesIsRefusedBeforeSql() {
    // Someone who knows the default key can seal anything; the values are still checked.
    io.todokit.dao.internal.CursorCodec codec = io.todokit.dao.internal.CursorCodec.defaultKey();
    String farFuture =
        codec.seal(user, "tasks", "t2|HIGH|9223372036854775807|0|" + UUID.randomUUID());
    String badPriority = codec.seal(user, "tasks", "t2|EXTREME||0|" + UUID.randomUUID());
    String badSeq = codec.seal(user, "messages:" + conversation, "0");
    String badUuid = codec.seal(user, "conversations", "0:not-a-uuid");

    assertRefused(() -> db.tasks().query(user, TaskQuery.open(), PageRequest.after(farFuture, 1)));
    assertRefused(
        () -> db.tasks().query(user, TaskQuery.open(), PageRequest.after(badPriority, 1)));
    assertRefused(
        () -> db.conversations().messages(user, conversation, PageRequest.after(badSeq, 1)));
    assertRefused(() -> db.conversations().list(user, PageRequest.after(badUuid, 1)));
  }

  @Test
  void withItsOwnKeyATodoDbRefusesCursorsOfTheDefaultKeyAndViceVersa() {
    TodoDb keyed =
        db.withCursorKey("a service's own secret, 32 bytes".getBytes(StandardCharsets.UTF_8));
    String keyedCursor =
        keyed
            .tasks()
            .query(user, TaskQuery.open(), PageRequest.first(1))
            .nextCursor()
            .orElseThrow();

    assertThat(
            keyed.tasks().query(user, TaskQuery.open(), PageRequest.after(keyedCursor, 1)).items())
        .hasSize(1);
    assertRefused(
        () -> keyed.tasks().query(user, TaskQuery.open(), PageRequest.after(taskCursor, 1)));
    assertRefused(
        () -> db.tasks().query(user, TaskQuery.open(), PageRequest.after(keyedCursor, 1)));
    assertThatThrownBy(() -> db.withCursorKey(new byte[15]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16 bytes");
  }
}
