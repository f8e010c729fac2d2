package io.todokit.dao.tasks;

import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Check;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where a write came from: a tool call of a conversation, the caller's own idempotency key, or
 * both. A {@link TaskDao} bound to an origin with {@link TaskDao#via} records each write it makes
 * as a {@link TaskEffect}, and a second write with the same origin (a retried tool call) finds the
 * first one's effect instead of writing again. Immutable and thread-safe.
 *
 * <p>Two origins are the same call when they name the same conversation and tool call id, or the
 * same idempotency key (keys are the acting user's own: two users may use the same key).
 *
 * @param conversationId the conversation whose model made the call; required with a tool call id
 * @param messageId the assistant message that carried the call, when already stored (else the
 *     effects' queries find it by the call id); needs the conversation
 * @param toolCallId the model's id of the call, kept verbatim (1 to 255 characters)
 * @param idempotencyKey the caller's key for the write, kept verbatim (1 to 255 characters)
 */
public record TaskOrigin(
    @Nullable UUID conversationId,
    @Nullable UUID messageId,
    @Nullable String toolCallId,
    @Nullable String idempotencyKey) {

  private static final int MAX_KEY = 255;

  /**
   * Checks the fields.
   *
   * @throws ValidationException ({@code origin}) when neither a tool call id nor an idempotency key
   *     is given, ({@code origin.conversation_id}) when a tool call id or message id comes without
   *     its conversation, ({@code origin.tool_call_id}, {@code origin.idempotency_key}) for a blank
   *     or too long value
   */
  public TaskOrigin {
    if (toolCallId == null && idempotencyKey == null) {
      throw new ValidationException("origin", "needs a tool call id or an idempotency key");
    }
    if (conversationId == null && (toolCallId != null || messageId != null)) {
      throw new ValidationException(
          "origin.conversation_id", "is required with a tool call id or a message id");
    }
    key("origin.tool_call_id", toolCallId);
    key("origin.idempotency_key", idempotencyKey);
  }

  /**
   * The tool call {@code toolCallId} that a model made in a conversation.
   *
   * @param conversationId the conversation
   * @param toolCallId the call's id as the model gave it
   * @return the origin
   */
  @SuppressWarnings("NullAway") // the canonical constructor refuses a null, naming the field
  public static TaskOrigin toolCall(@Nullable UUID conversationId, @Nullable String toolCallId) {
    if (toolCallId == null) {
      throw new ValidationException("origin.tool_call_id", "is required");
    }
    return new TaskOrigin(conversationId, null, toolCallId, null);
  }

  /**
   * A write the caller names with its own key, e.g. a request id a client retries with.
   *
   * @param key 1 to 255 characters, kept verbatim
   * @return the origin
   */
  public static TaskOrigin idempotencyKey(@Nullable String key) {
    if (key == null) {
      throw new ValidationException("origin.idempotency_key", "is required");
    }
    return new TaskOrigin(null, null, null, key);
  }

  /** This origin with the stored assistant message that carried the call. */
  public TaskOrigin withMessageId(@Nullable UUID messageId) {
    return new TaskOrigin(conversationId, messageId, toolCallId, idempotencyKey);
  }

  /** This origin with an idempotency key as well (then either one finds the first call). */
  public TaskOrigin withIdempotencyKey(@Nullable String key) {
    return new TaskOrigin(conversationId, messageId, toolCallId, key);
  }

  private static void key(String field, @Nullable String value) {
    if (value == null) {
      return;
    }
    if (Check.isBlank(value)) {
      throw new ValidationException(field, "must not be blank");
    }
    Check.storable(field, value);
    Check.optionalText(field, value, MAX_KEY);
  }
}
