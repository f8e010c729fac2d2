package io.todokit.dao.conversations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Random conversations that the DAO accepts (every tool message answers an earlier call), with what
 * real ones have: several calls per turn, answers out of order or interleaved, turns in progress
 * with some answers missing, ids reused across turns (as some providers do), several system
 * messages; and the reference window, chosen by brute force over every start.
 */
final class RandomConversations {

  private RandomConversations() {}

  static List<NewMessage> conversation(Random random, int length) {
    List<NewMessage> messages = new ArrayList<>();
    List<String> unanswered = new ArrayList<>();
    int turn = 0;
    while (messages.size() < length) {
      int kind = random.nextInt(10);
      if (kind == 0) {
        messages.add(NewMessage.system(text(random)));
      } else if (kind <= 2) {
        messages.add(NewMessage.user(text(random)));
      } else if (kind == 3) {
        messages.add(NewMessage.assistant(text(random)));
      } else if (kind <= 6) {
        int calls = 1 + random.nextInt(3);
        List<ToolCall> toolCalls = new ArrayList<>();
        turn++;
        for (int c = 0; c < calls; c++) {
          // Reused ids ("call_0") in a third of the turns, unique ones otherwise.
          String id = random.nextInt(3) == 0 ? "call_" + c : "call_" + turn + "_" + c;
          toolCalls.add(ToolCall.of(id, "tool_" + c, "{\"n\":" + random.nextInt(100) + "}"));
        }
        messages.add(NewMessage.assistantToolCalls(text(random), toolCalls));
        List<String> ids = new ArrayList<>(toolCalls.stream().map(ToolCall::id).toList());
        java.util.Collections.shuffle(ids, random);
        int answered = random.nextInt(5) == 0 ? random.nextInt(ids.size()) : ids.size();
        for (int a = 0; a < answered; a++) {
          if (random.nextInt(6) == 0) {
            messages.add(NewMessage.user(text(random))); // interleaved
          }
          messages.add(NewMessage.tool(ids.get(a), text(random)));
        }
        unanswered.addAll(ids.subList(answered, ids.size()));
      } else if (!unanswered.isEmpty() && kind == 7) {
        // A late answer to an older call.
        messages.add(NewMessage.tool(unanswered.remove(random.nextInt(unanswered.size())), "late"));
      } else {
        messages.add(NewMessage.assistant(text(random)));
      }
    }
    return messages;
  }

  static String text(Random random) {
    return "x".repeat(random.nextInt(random.nextInt(8) == 0 ? 400 : 40));
  }

  static List<Message> stored(List<NewMessage> messages) {
    UUID conversation = UUID.randomUUID();
    List<Message> stored = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      NewMessage m = messages.get(i);
      stored.add(
          new Message(
              UUID.randomUUID(),
              conversation,
              i + 1,
              m.role(),
              m.content(),
              m.toolCalls(),
              m.toolCallId(),
              Instant.EPOCH));
    }
    return stored;
  }

  static ContextWindow spec(Random random) {
    ContextWindow spec = ContextWindow.of(1 + random.nextInt(random.nextBoolean() ? 8 : 60));
    if (random.nextBoolean()) {
      spec = spec.withTokenBudget(1 + random.nextInt(600));
    }
    return spec.withPinnedSystemMessages(random.nextInt(3) != 0);
  }

  /** The reference: every start tried, the earliest valid one that fits wins. */
  static List<Message> expected(List<Message> history, ContextWindow spec) {
    Map<Long, Long> callOf = new HashMap<>(); // tool seq -> assistant seq
    Set<Long> leftOut = new HashSet<>();
    for (Message m : history) {
      if (m.role() != MessageRole.TOOL) {
        continue;
      }
      Message call = null;
      for (Message earlier : history) {
        if (earlier.seq() < m.seq()
            && earlier.toolCalls().stream().anyMatch(c -> c.id().equals(m.toolCallId()))) {
          call = earlier;
        }
      }
      if (call == null) {
        leftOut.add(m.seq());
      } else {
        callOf.put(m.seq(), call.seq());
      }
    }
    for (Message m : history) {
      if (m.toolCalls().isEmpty()) {
        continue;
      }
      Set<String> answered = new HashSet<>();
      callOf.forEach(
          (tool, call) -> {
            if (call == m.seq()) {
              answered.add(history.get((int) (tool - 1)).toolCallId());
            }
          });
      if (!answered.containsAll(m.toolCalls().stream().map(ToolCall::id).toList())) {
        leftOut.add(m.seq());
        callOf.forEach(
            (tool, call) -> {
              if (call == m.seq()) {
                leftOut.add(tool);
              }
            });
      }
    }
    long budget = spec.tokenBudget() == null ? Long.MAX_VALUE : spec.tokenBudget();
    List<Message> pinned = new ArrayList<>();
    long pinnedTokens = 0;
    if (spec.pinSystemMessages()) {
      List<Message> systems =
          history.stream().filter(m -> m.role() == MessageRole.SYSTEM).toList().reversed();
      for (Message m : systems) {
        long cost = spec.tokenEstimator().estimate(m);
        if (pinned.size() + 1 > spec.maxMessages() || pinnedTokens + cost > budget) {
          break;
        }
        pinned.add(m);
        pinnedTokens += cost;
      }
    }
    List<Message> candidates =
        history.stream()
            .filter(m -> !(spec.pinSystemMessages() && m.role() == MessageRole.SYSTEM))
            .filter(m -> !leftOut.contains(m.seq()))
            .toList();
    for (int start = 0; start <= candidates.size(); start++) {
      List<Message> suffix = candidates.subList(start, candidates.size());
      long first = suffix.isEmpty() ? Long.MAX_VALUE : suffix.getFirst().seq();
      boolean cut =
          suffix.stream()
              .anyMatch(m -> m.role() == MessageRole.TOOL && callOf.get(m.seq()) < first);
      long tokens = pinnedTokens + suffix.stream().mapToLong(spec.tokenEstimator()::estimate).sum();
      if (!cut && pinned.size() + suffix.size() <= spec.maxMessages() && tokens <= budget) {
        List<Message> window = new ArrayList<>(pinned);
        window.addAll(suffix);
        window.sort(Comparator.comparingLong(Message::seq));
        return window;
      }
    }
    throw new AssertionError("the empty suffix always fits");
  }

  /** The rules checked on the window alone, without the reference. */
  static void assertWellFormed(List<Message> window, ContextWindow spec) {
    if (window.size() > spec.maxMessages()) {
      throw new AssertionError("too many messages: " + window.size());
    }
    long tokens = window.stream().mapToLong(spec.tokenEstimator()::estimate).sum();
    if (spec.tokenBudget() != null && tokens > spec.tokenBudget()) {
      throw new AssertionError("over the token budget: " + tokens);
    }
    for (int i = 0; i < window.size(); i++) {
      Message m = window.get(i);
      if (i > 0 && window.get(i - 1).seq() >= m.seq()) {
        throw new AssertionError("not in order at " + m.seq());
      }
      if (m.role() == MessageRole.TOOL) {
        boolean called =
            window.subList(0, i).stream()
                .anyMatch(e -> e.toolCalls().stream().anyMatch(c -> c.id().equals(m.toolCallId())));
        if (!called) {
          throw new AssertionError("orphan tool message " + m.seq());
        }
      }
      for (ToolCall call : m.toolCalls()) {
        boolean answered =
            window.subList(i + 1, window.size()).stream()
                .anyMatch(e -> call.id().equals(e.toolCallId()));
        if (!answered) {
          throw new AssertionError("unanswered call " + call.id() + " of " + m.seq());
        }
      }
    }
  }
}
