package io.todokit.dao.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.dao.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The window's rules on random conversations, in memory (the DAO's reads: ContextWindowTest). */
class WindowSelectorTest {

  private static final long SEED = 20261202L;

  @Test
  void onRandomConversationsTheWindowIsTheLongestSuffixThatNeverSplitsAToolCall() {
    Random random = new Random(SEED);
    int nonEmpty = 0;
    int leftOut = 0;
    for (int run = 0; run < 3_000; run++) {
      List<Message> history =
          RandomConversations.stored(
              RandomConversations.conversation(random, 1 + random.nextInt(80)));
      ContextWindow spec = RandomConversations.spec(random);
      ConversationWindow window = WindowSelector.select(history, 0, history.size(), spec);
      assertThat(window).as("run %d", run).isNotNull();
      RandomConversations.assertWellFormed(window.messages(), spec);
      assertThat(window.messages())
          .as("run %d", run)
          .isEqualTo(RandomConversations.expected(history, spec));
      assertThat(window.omitted()).isEqualTo(history.size() - window.messages().size());
      assertThat(window.estimatedTokens())
          .isEqualTo(window.messages().stream().mapToLong(spec.tokenEstimator()::estimate).sum());
      nonEmpty += window.messages().isEmpty() ? 0 : 1;
      leftOut += window.unanswered().isEmpty() ? 0 : 1;
    }
    // The generator makes the interesting cases often enough to matter.
    assertThat(nonEmpty).isGreaterThan(2_000);
    assertThat(leftOut).isGreaterThan(200);
  }

  @Test
  void fromOnlyTheNewestMessagesItEitherChoosesTheSameWindowOrAsksForMore() {
    Random random = new Random(SEED + 1);
    int decidedEarly = 0;
    for (int run = 0; run < 3_000; run++) {
      List<Message> history =
          RandomConversations.stored(
              RandomConversations.conversation(random, 1 + random.nextInt(80)));
      ContextWindow spec = RandomConversations.spec(random);
      ConversationWindow whole = WindowSelector.select(history, 0, history.size(), spec);
      long from = random.nextInt(history.size());
      List<Message> newest = new ArrayList<>();
      for (Message m : history) {
        if (m.seq() > from || (spec.pinSystemMessages() && m.role() == MessageRole.SYSTEM)) {
          newest.add(m);
        }
      }
      ConversationWindow partial = WindowSelector.select(newest, from, history.size(), spec);
      if (partial != null) {
        decidedEarly += from > 0 ? 1 : 0;
        assertThat(partial.messages()).as("run %d", run).isEqualTo(whole.messages());
        assertThat(partial.omitted()).isEqualTo(whole.omitted());
      }
    }
    assertThat(decidedEarly).isGreaterThan(500);
  }

  @Test
  void aTurnInProgressIsLeftOutUntilItsLastAnswerIsStored() {
    List<NewMessage> turn =
        new ArrayList<>(
            List.of(
                NewMessage.system("be brief"),
                NewMessage.user("add milk and eggs"),
                NewMessage.assistantToolCalls(
                    "",
                    List.of(
                        ToolCall.of("a", "add_task", "{\"title\":\"milk\"}"),
                        ToolCall.of("b", "add_task", "{\"title\":\"eggs\"}"))),
                NewMessage.tool("a", "ok")));
    ConversationWindow inProgress = select(turn, ContextWindow.of(10));
    assertThat(inProgress.messages()).extracting(Message::seq).containsExactly(1L, 2L);
    assertThat(inProgress.unanswered()).extracting(Message::seq).containsExactly(3L, 4L);

    turn.add(NewMessage.tool("b", "ok"));
    ConversationWindow done = select(turn, ContextWindow.of(10));
    assertThat(done.messages()).extracting(Message::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(done.unanswered()).isEmpty();
    // Three messages cannot hold the call with both answers: the window starts after it.
    assertThat(select(turn, ContextWindow.of(3)).messages())
        .extracting(Message::seq)
        .containsExactly(1L);
    assertThat(select(turn, ContextWindow.of(4)).messages())
        .extracting(Message::seq)
        .containsExactly(1L, 3L, 4L, 5L);
    assertThat(select(turn, ContextWindow.of(3).withPinnedSystemMessages(false)).messages())
        .extracting(Message::seq)
        .containsExactly(3L, 4L, 5L);
    assertThat(select(turn, ContextWindow.of(2).withPinnedSystemMessages(false)).messages())
        .isEmpty();
  }

  @Test
  void theTokenBudgetCountsPinnedMessagesAndUsesThePluggedEstimator() {
    List<NewMessage> chat =
        List.of(
            NewMessage.system("sss"),
            NewMessage.user("uuuu"),
            NewMessage.assistant("aaaaa"),
            NewMessage.user("uu"));
    ContextWindow byLength =
        ContextWindow.of(10).withTokenEstimator(m -> m.content().length()).withTokenBudget(10);
    ConversationWindow window = select(chat, byLength);
    assertThat(window.messages())
        .extracting(Message::content)
        .containsExactly("sss", "aaaaa", "uu");
    assertThat(window.estimatedTokens()).isEqualTo(10);
    assertThat(window.omitted()).isEqualTo(1);
    assertThat(select(chat, byLength.withTokenBudget(9)).messages())
        .extracting(Message::content)
        .containsExactly("sss", "uu");
    // The system message alone does not fit: it is left out, the newest message still fits.
    assertThat(select(chat, byLength.withTokenBudget(2)).messages())
        .extracting(Message::content)
        .containsExactly("uu");
    assertThat(select(chat, byLength.withTokenBudget(1)).messages()).isEmpty();

    assertThatThrownBy(() -> select(chat, ContextWindow.of(10).withTokenEstimator(m -> -1)))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("token_estimator"));
  }

  @Test
  void theDefaultEstimateIsAQuarterOfTheCharactersPlusFraming() {
    List<Message> messages =
        RandomConversations.stored(
            List.of(
                NewMessage.user("a".repeat(40)),
                NewMessage.assistantToolCalls(
                    "", List.of(ToolCall.of("c1", "f", "{}"), ToolCall.of("c2", "f", "{}")))));
    assertThat(TokenEstimator.CHARS_DIV_4.estimate(messages.get(0))).isEqualTo(4 + 10);
    // 2 × (2 + 1 + 2) = 10 characters → 3 tokens, and 4 + 2 × 4 of framing.
    assertThat(TokenEstimator.CHARS_DIV_4.estimate(messages.get(1))).isEqualTo(12 + 3);
  }

  @Test
  void theSpecIsValidatedWhenBuilt() {
    for (int bad : new int[] {0, -1, ContextWindow.MAX_MESSAGES + 1}) {
      assertThatThrownBy(() -> ContextWindow.of(bad))
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(e.field()).isEqualTo("max_messages"));
    }
    assertThatThrownBy(() -> ContextWindow.of(5).withTokenBudget(0))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("token_budget"));
    assertThatThrownBy(() -> ContextWindow.of(5).withTokenEstimator(null))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("token_estimator"));
    ContextWindow spec = ContextWindow.of(5);
    assertThat(spec.pinSystemMessages()).isTrue();
    assertThat(spec.tokenBudget()).isNull();
    assertThat(spec.tokenEstimator()).isSameAs(TokenEstimator.CHARS_DIV_4);
    assertThat(spec.withTokenBudget(7).withTokenBudget(null)).isEqualTo(spec);
  }

  private static ConversationWindow select(List<NewMessage> messages, ContextWindow spec) {
    List<Message> history = RandomConversations.stored(messages);
    return WindowSelector.select(history, 0, history.size(), spec);
  }
}
