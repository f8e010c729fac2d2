package io.todokit.examples.quickstart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.todokit.dao.conversations.ToolCall;
import io.todokit.dao.tasks.Task;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JSON a chatbot exchanges with its model: tool calls in the chat-completion shape and a tool's
 * result. todokit stores this JSON as given (as {@code jsonb}); reading it is the service's job.
 *
 * <p>Stateless and thread-safe.
 */
final class ToolCalls {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

  private ToolCalls() {}

  /** The result of the {@code due_today} tool: each task's title and local due time. */
  static String toJson(List<Task> tasks, ZoneId zone) {
    ArrayNode result = JSON.createArrayNode();
    for (Task task : tasks) {
      var entry = result.addObject().put("title", task.title());
      if (task.dueAt() != null) {
        entry.put("due", TIME.format(task.dueAt().atZone(zone)));
      }
    }
    return result.toString();
  }

  /** Tool calls as {@code name(arguments) [id]}, e.g. {@code due_today({}) [call_1]}. */
  static String describe(List<ToolCall> toolCalls) {
    List<String> described = new ArrayList<>();
    for (ToolCall call : toolCalls) {
      described.add(call.name() + "(" + call.argumentsJson() + ") [" + call.id() + "]");
    }
    return String.join(", ", described);
  }
}
