package io.todokit.dao.conversations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Check;
import io.todokit.dao.internal.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The rules for message fields, checked when a {@link NewMessage} is built, and the stored form of
 * tool calls (OpenAI's {@code [{"id","type":"function","function":{"name","arguments"}}]}).
 */
final class MessageValues {

  private static final int MAX_CONTENT = 1_000_000;
  private static final int MAX_TOOL_CALL_ID = 255;
  private static final int MAX_TOOL_NAME = 255;
  private static final int MAX_TOOL_CALLS = 1_000;

  private MessageValues() {}

  static String content(@Nullable String content) {
    String required = Check.required("content", content);
    Check.optionalText("content", required, MAX_CONTENT);
    return required;
  }

  /** The checked tool calls; assistant messages only, and on them at most 1,000 calls. */
  static List<ToolCall> toolCalls(MessageRole role, @Nullable List<ToolCall> calls) {
    if (calls == null) {
      throw new ValidationException("tool_calls", "must not be null (an empty list for none)");
    }
    List<ToolCall> copy = new ArrayList<>(calls.size());
    for (ToolCall call : calls) {
      copy.add(call); // List.copyOf would throw a NullPointerException for a null element
    }
    if (copy.isEmpty()) {
      return List.of();
    }
    if (role != MessageRole.ASSISTANT) {
      throw new ValidationException("tool_calls", "only assistant messages carry tool calls");
    }
    if (copy.size() > MAX_TOOL_CALLS) {
      throw new ValidationException("tool_calls", "must hold at most " + MAX_TOOL_CALLS + " calls");
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < copy.size(); i++) {
      ToolCall call = copy.get(i);
      String field = "tool_calls[" + i + "]";
      if (call == null) {
        throw new ValidationException(field, "must not be null");
      }
      callId(field + ".id", call.id());
      if (!ids.add(call.id())) {
        throw new ValidationException(field + ".id", "repeats the id of an earlier call");
      }
      if (Check.isBlank(call.name())) {
        throw new ValidationException(field + ".name", "must not be blank");
      }
      Check.storable(field + ".name", call.name());
      Check.optionalText(field + ".name", call.name(), MAX_TOOL_NAME);
      arguments(field + ".arguments", call.argumentsJson());
    }
    return List.copyOf(copy);
  }

  /** The id of the call a tool message answers; tool messages only, and required on them. */
  static @Nullable String toolCallId(MessageRole role, @Nullable String id) {
    if (role != MessageRole.TOOL) {
      if (id != null) {
        throw new ValidationException("tool_call_id", "only tool messages answer a tool call");
      }
      return null;
    }
    if (id == null) {
      throw new ValidationException("tool_call_id", "is required on tool messages");
    }
    return callId("tool_call_id", id);
  }

  private static String callId(String field, String id) {
    if (Check.isBlank(id)) {
      throw new ValidationException(field, "must not be blank");
    }
    Check.storable(field, id);
    Check.optionalText(field, id, MAX_TOOL_CALL_ID);
    return id;
  }

  private static void arguments(String field, String json) {
    Check.storable(field, json);
    JsonNode node;
    try {
      node = Json.read(json);
    } catch (JsonProcessingException e) {
      throw new ValidationException(field, "is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || node.isMissingNode()) {
      throw new ValidationException(field, "must be one JSON document, e.g. {}");
    }
  }

  /** The stored form of checked calls: a JSON array in OpenAI's shape. */
  static String toJson(List<ToolCall> calls) {
    ArrayNode array = Json.array();
    for (ToolCall call : calls) {
      var element = array.addObject();
      element.put("id", call.id());
      element.put("type", "function");
      element.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
    }
    return array.toString();
  }

  /**
   * The calls of a stored {@code tool_calls} value (null, an array, or a single object), read
   * leniently: see {@link ToolCall} for rows in another shape.
   */
  static List<ToolCall> fromJson(@Nullable String json) {
    if (json == null) {
      return List.of();
    }
    JsonNode node;
    try {
      node = Json.read(json);
    } catch (JsonProcessingException e) {
      // jsonb text is always valid JSON; duplicate keys cannot survive jsonb either.
      throw new IllegalStateException("stored tool_calls are not JSON", e);
    }
    if (node == null) {
      return List.of();
    }
    List<ToolCall> calls = new ArrayList<>();
    if (node.isArray()) {
      for (JsonNode element : node) {
        calls.add(call(element));
      }
    } else {
      calls.add(call(node));
    }
    return List.copyOf(calls);
  }

  private static ToolCall call(JsonNode element) {
    JsonNode function = element.path("function");
    JsonNode name = function.isObject() ? function.path("name") : element.path("name");
    JsonNode arguments =
        function.isObject() ? function.path("arguments") : element.path("arguments");
    return new ToolCall(
        element.path("id").isTextual() ? element.path("id").textValue() : "",
        name.isTextual() ? name.textValue() : "",
        arguments.isMissingNode() || arguments.isNull()
            ? "{}"
            : arguments.isTextual() ? arguments.textValue() : arguments.toString());
  }

  /** The ids of a message's calls that a tool message can answer (non-blank ones). */
  static Set<String> callIds(Message message) {
    Set<String> ids = new HashSet<>();
    for (ToolCall call : message.toolCalls()) {
      if (!Check.isBlank(call.id())) {
        ids.add(call.id());
      }
    }
    return ids;
  }
}
