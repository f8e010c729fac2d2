package io.todokit.dao.conversations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Check;
import io.todokit.dao.internal.Json;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The rules for message fields, checked when a {@link NewMessage} is built. */
final class MessageValues {

  private static final int MAX_CONTENT = 1_000_000;
  private static final int MAX_TOOL_CALL_ID = 255;

  private MessageValues() {}

  static String content(@Nullable String content) {
    String required = Check.required("content", content);
    Check.optionalText("content", required, MAX_CONTENT);
    return required;
  }

  /** The tool calls as compact JSON, or null; assistant messages only. */
  static @Nullable String toolCalls(MessageRole role, @Nullable String text) {
    if (text == null) {
      return null;
    }
    if (role != MessageRole.ASSISTANT) {
      throw new ValidationException("tool_calls", "only assistant messages carry tool calls");
    }
    Check.storable("tool_calls", text);
    JsonNode node;
    try {
      node = Json.read(text);
    } catch (JsonProcessingException e) {
      throw new ValidationException(
          "tool_calls", "is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !(node.isArray() || node.isObject())) {
      throw new ValidationException("tool_calls", "must be a JSON array or object");
    }
    if (!storable(node)) {
      // PostgreSQL's jsonb cannot store \u0000, nor an escaped lone surrogate.
      throw new ValidationException(
          "tool_calls", "must not contain NUL characters or lone surrogates");
    }
    return node.toString();
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
    if (Check.isBlank(id)) {
      throw new ValidationException("tool_call_id", "must not be blank");
    }
    return Check.optionalText("tool_call_id", id, MAX_TOOL_CALL_ID);
  }

  private static boolean storable(JsonNode node) {
    if (node.isTextual()) {
      return storable(node.textValue());
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (!storable(field.getKey()) || !storable(field.getValue())) {
          return false;
        }
      }
      return true;
    }
    for (JsonNode element : node) {
      if (!storable(element)) {
        return false;
      }
    }
    return true;
  }

  private static boolean storable(String text) {
    try {
      Check.storable("tool_calls", text);
      return true;
    } catch (ValidationException e) {
      return false;
    }
  }
}
