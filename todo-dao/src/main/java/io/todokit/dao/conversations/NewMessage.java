package io.todokit.dao.conversations;

import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Check;
import org.jspecify.annotations.Nullable;

/**
 * A message to append: build one with {@link #user}, {@link #assistant}, {@link
 * #assistantToolCalls}, {@link #tool} or {@link #system}.
 *
 * <p>Validated when built (content length, NUL characters, the tool-call JSON, which roles may
 * carry tool calls and tool call ids): the factories and the constructor throw {@link
 * ValidationException} naming the field. The DAO checks only what needs the database (the
 * conversation, and that a tool message answers an earlier call). Records are immutable and
 * thread-safe.
 *
 * @param role who wrote it
 * @param content the text, at most 1,000,000 characters, no NUL
 * @param toolCalls JSON text (an array or an object) of the tool calls, kept in compact form;
 *     assistant messages only
 * @param toolCallId the id of the assistant tool call a tool message answers; tool messages only
 */
public record NewMessage(
    MessageRole role, String content, @Nullable String toolCalls, @Nullable String toolCallId) {

  /**
   * Checks the fields.
   *
   * @throws ValidationException naming {@code role}, {@code content}, {@code tool_calls} or {@code
   *     tool_call_id}
   */
  public NewMessage {
    Check.required("role", role);
    content = MessageValues.content(content);
    toolCalls = MessageValues.toolCalls(role, toolCalls);
    toolCallId = MessageValues.toolCallId(role, toolCallId);
  }

  /**
   * A message of the human.
   *
   * @param content the text
   * @return the message
   */
  public static NewMessage user(String content) {
    return new NewMessage(MessageRole.USER, content, null, null);
  }

  /**
   * A text answer of the model.
   *
   * @param content the text
   * @return the message
   */
  public static NewMessage assistant(String content) {
    return new NewMessage(MessageRole.ASSISTANT, content, null, null);
  }

  /**
   * An answer of the model that calls tools.
   *
   * @param content the text, often empty
   * @param toolCalls the calls as JSON text, e.g. {@code
   *     [{"id":"call_1","type":"function","function":{"name":"list_tasks","arguments":"{}"}}]}
   * @return the message
   */
  public static NewMessage assistantToolCalls(String content, String toolCalls) {
    return new NewMessage(
        MessageRole.ASSISTANT, content, Check.required("tool_calls", toolCalls), null);
  }

  /**
   * The result of a tool call.
   *
   * @param toolCallId the id of the call it answers, from an earlier assistant message of the same
   *     conversation
   * @param content the result
   * @return the message
   */
  public static NewMessage tool(String toolCallId, String content) {
    return new NewMessage(
        MessageRole.TOOL, content, null, Check.required("tool_call_id", toolCallId));
  }

  /**
   * Instructions to the model.
   *
   * @param content the text
   * @return the message
   */
  public static NewMessage system(String content) {
    return new NewMessage(MessageRole.SYSTEM, content, null, null);
  }
}
