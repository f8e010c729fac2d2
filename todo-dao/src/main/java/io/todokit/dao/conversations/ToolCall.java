package io.todokit.dao.conversations;

import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Check;

/**
 * One tool call of an assistant message, as the chat-completion APIs send it: an immutable value.
 *
 * <p>Stored in the message's {@code tool_calls} jsonb array in OpenAI's shape, {@code
 * {"id":…,"type":"function","function":{"name":…,"arguments":…}}}, the arguments as a JSON string,
 * so rows that other clients wrote in that shape read back as typed calls. The rules (non-blank
 * unique ids, non-blank names, arguments that are one JSON document) are checked when a {@link
 * NewMessage#assistantToolCalls} is built, naming {@code tool_calls[i].id} and so on; a call read
 * from a row that was written outside todokit in another shape keeps what it has: a missing id or
 * name reads as {@code ""}, missing arguments as {@code "{}"}, arguments that are not a JSON string
 * as their JSON text.
 *
 * @param id the call's id (at most 255 characters); a {@link MessageRole#TOOL} message answers the
 *     call by this id
 * @param name the tool's name (at most 255 characters)
 * @param argumentsJson the arguments as one JSON document, usually an object ({@code "{}"} for
 *     none), kept verbatim
 */
public record ToolCall(String id, String name, String argumentsJson) {

  /**
   * Checks that no field is null.
   *
   * @throws ValidationException naming {@code tool_call.id}, {@code tool_call.name} or {@code
   *     tool_call.arguments} for a null value
   */
  public ToolCall {
    Check.required("tool_call.id", id);
    Check.required("tool_call.name", name);
    Check.required("tool_call.arguments", argumentsJson);
  }

  /**
   * A call.
   *
   * @param id the call's id
   * @param name the tool's name
   * @param argumentsJson the arguments as JSON text
   * @return the call
   */
  public static ToolCall of(String id, String name, String argumentsJson) {
    return new ToolCall(id, name, argumentsJson);
  }
}
