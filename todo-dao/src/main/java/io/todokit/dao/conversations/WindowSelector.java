package io.todokit.dao.conversations;

import io.todokit.dao.ValidationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The pure core of {@link ConversationDao#window}: chooses the window from the newest messages of a
 * conversation, or says that it needs older ones to be sure.
 *
 * <p>The rules, on the whole history: a tool message belongs to the newest earlier assistant
 * message that has a call with its id. An assistant message whose calls are not all answered (a
 * turn in progress, or one that failed), the answers it has, and tool messages that belong to no
 * call are <em>left out</em>. The pinned system messages (all of them, if pinned) are kept first,
 * newest first while they fit. Of the other messages, the window is the longest suffix that fits
 * both budgets (counting the pinned ones) and does not cut a group: no message of it is a tool
 * message whose assistant message is older than the suffix's start. A group's answers always follow
 * its call, so a suffix that holds the call holds all its answers.
 *
 * <p>Given only the newest messages (the <em>range</em>, all messages after {@code rangeFrom}, plus
 * every system message before it when pinned), everything is decided exactly except a tool message
 * whose call is older than the range; the walk from the newest message backwards stops at the first
 * message that does not fit, so it needs older messages only when it reaches such a tool message or
 * the range's start before a budget runs out.
 */
final class WindowSelector {

  private WindowSelector() {}

  /**
   * The window, or null when older messages are needed.
   *
   * @param fetched messages in sequence order: all those after {@code rangeFrom}, and (when system
   *     messages are pinned) the system messages up to it
   * @param rangeFrom the sequence number the range starts after; 0 for the whole history
   * @param total the number of messages of the conversation
   * @param spec the spec
   */
  static @Nullable ConversationWindow select(
      List<Message> fetched, long rangeFrom, long total, ContextWindow spec) {
    boolean atStart = rangeFrom <= 0;
    List<Message> range = new ArrayList<>();
    List<Message> pinned = new ArrayList<>();
    for (Message message : fetched) {
      if (spec.pinSystemMessages() && message.role() == MessageRole.SYSTEM) {
        pinned.add(message);
      } else if (message.seq() > rangeFrom) {
        range.add(message);
      }
    }
    int n = range.size();
    // Link every tool message of the range to its assistant message, where that is in the range.
    int[] link = new int[n];
    Map<String, Integer> latestCall = new HashMap<>();
    Map<Integer, Set<String>> answered = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Message message = range.get(i);
      link[i] = -1;
      if (message.role() == MessageRole.TOOL) {
        Integer call = latestCall.get(message.toolCallId());
        if (call != null) {
          link[i] = call;
          Objects.requireNonNull(answered.get(call)).add(message.toolCallId());
        }
      } else if (!message.toolCalls().isEmpty()) {
        answered.put(i, new HashSet<>());
        for (String id : MessageValues.callIds(message)) {
          latestCall.put(id, i);
        }
      }
    }
    boolean[] leftOut = new boolean[n];
    boolean[] unresolved = new boolean[n];
    for (int i = 0; i < n; i++) {
      Message message = range.get(i);
      if (message.role() == MessageRole.TOOL) {
        if (link[i] >= 0) {
          leftOut[i] = !complete(range.get(link[i]), Objects.requireNonNull(answered.get(link[i])));
        } else if (atStart) {
          leftOut[i] = true;
        } else {
          unresolved[i] = true;
        }
      } else if (!message.toolCalls().isEmpty()) {
        leftOut[i] = !complete(message, Objects.requireNonNull(answered.get(i)));
      }
    }

    int max = spec.maxMessages();
    OptionalInt budget = spec.budget();
    int count = 0;
    long tokens = 0;
    List<Message> kept = new ArrayList<>();
    for (int p = pinned.size() - 1; p >= 0; p--) {
      long cost = cost(spec, pinned.get(p));
      if (count + 1 > max || (budget.isPresent() && tokens + cost > budget.getAsInt())) {
        break;
      }
      count++;
      tokens += cost;
      kept.add(pinned.get(p));
    }

    int start = n; // the suffix range[start..] minus what is left out; n: none
    long startTokens = tokens;
    int stop = -1;
    Set<Integer> open = new HashSet<>();
    for (int i = n - 1; i >= 0; i--) {
      if (leftOut[i]) {
        continue;
      }
      if (unresolved[i]) {
        return null;
      }
      Message message = range.get(i);
      long cost = cost(spec, message);
      if (count + 1 > max || (budget.isPresent() && tokens + cost > budget.getAsInt())) {
        stop = i;
        break;
      }
      count++;
      tokens += cost;
      if (message.role() == MessageRole.TOOL) {
        open.add(link[i]);
      } else {
        open.remove(i);
      }
      if (open.isEmpty()) {
        start = i;
        startTokens = tokens;
      }
    }
    if (stop < 0 && !atStart) {
      return null;
    }
    long lower = start < n ? range.get(start).seq() : stop >= 0 ? range.get(stop).seq() : 0;
    List<Message> window = new ArrayList<>(kept);
    List<Message> unanswered = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (leftOut[i]) {
        if (range.get(i).seq() > lower) {
          unanswered.add(range.get(i));
        }
      } else if (i >= start) {
        window.add(range.get(i));
      }
    }
    window.sort(Comparator.comparingLong(Message::seq));
    return new ConversationWindow(window, total - window.size(), unanswered, startTokens);
  }

  private static boolean complete(Message call, Set<String> answered) {
    for (ToolCall toolCall : call.toolCalls()) {
      if (!answered.contains(toolCall.id())) {
        return false;
      }
    }
    return true;
  }

  private static long cost(ContextWindow spec, Message message) {
    int cost = spec.tokenEstimator().estimate(message);
    if (cost < 0) {
      throw new ValidationException(
          "token_estimator", "returned a negative estimate (" + cost + ") for a message");
    }
    return cost;
  }
}
