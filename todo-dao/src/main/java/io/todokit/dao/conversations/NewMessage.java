package io.todokit.dao.conversations;

import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Check;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A message to append: build one with {@link #user}, {@link #assistant}, {@link
 * #assistantToolCalls}, {@link #tool} or {@link #system}.
 *
 * <p>Validated when built (content length, NUL characters, the tool calls, which roles may carry
 * tool calls and tool call ids): the factories and the constructor throw {@link
 * ValidationException} naming the field. The DAO checks only what needs the database (the
 * conversation, and that a tool message answers an earlier call). Records are immutable and
 * thread-safe.
 *
 * @param role who wrote it
 * @param content the text, at most 1,000,000 characters, no NUL
 * @param toolCalls the tool calls, in order, empty for none; only assistant messages carry calls:
 *     ids non-blank (at most 255 characters) and unique within the message, names non-blank (at
 *     most 255), arguments one JSON document each; at most 1,000 calls
 * @param toolCallId the id of the assistant tool call a tool message answers; tool messages only
 */
public record NewMessage(
    MessageRole role, String content, List<ToolCall> toolCalls, @Nullable String toolCallId) {

  /**
   * Checks the fields.
   *
   * @throws ValidationException naming {@code role}, {@code content}, {@code tool_calls}, {@code
   *     tool_calls[i].id} ({@code .name}, {@code .arguments}) or {@code tool_call_id}
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
    return new NewMessage(MessageRole.USER, content, List.of(), null);
  }

  /**
   * A text answer of the model.
   *
   * @param content the text
   * @return the message
   */
  public static NewMessage assistant(String content) {
    return new NewMessage(MessageRole.ASSISTANT, content, List.of(), null);
  }

  /**
   * An answer of the model that calls tools.
   *
   * @param content the text, often empty
   * @param toolCalls the calls, at least one, e.g. {@code List.of(ToolCall.of("call_1",
   *     "list_tasks", "{}"))}
   * @return the message
   * @throws ValidationException ({@code tool_calls}) for no calls, or naming the bad call's field,
   *     e.g. {@code tool_calls[1].id} for a blank or repeated id
   */
  public static NewMessage assistantToolCalls(String content, List<ToolCall> toolCalls) {
    if (Check.required("tool_calls", toolCalls).isEmpty()) {
      throw new ValidationException("tool_calls", "must hold at least one call");
    }
    return new NewMessage(MessageRole.ASSISTANT, content, toolCalls, null);
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
        MessageRole.TOOL, content, List.of(), Check.required("tool_call_id", toolCallId));
  }

  /**
   * Instructions to the model.
   *
   * @param content the text
   * @return the message
   */
  public static NewMessage system(String content) {
    return new NewMessage(MessageRole.SYSTEM, content, List.of(), null);
  }
}
