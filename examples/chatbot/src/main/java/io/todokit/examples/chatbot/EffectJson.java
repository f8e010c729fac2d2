package io.todokit.examples.chatbot;

import io.todokit.dao.tasks.TaskEffect;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One thing the assistant did, as {@code GET /api/{userId}/conversations/{id}/effects} shows it.
 *
 * @param taskId the task written (which may since have been deleted)
 * @param kind created, updated, completed, reopened or deleted
 * @param toolCallId the model's id of the call that did it
 * @param messageId the stored assistant message that carried the call
 * @param at when it was done (ISO-8601, UTC)
 */
public record EffectJson(
    UUID taskId, String kind, @Nullable String toolCallId, @Nullable UUID messageId, String at) {

  static EffectJson of(TaskEffect effect) {
    return new EffectJson(
        effect.taskId(),
        effect.kind().name().toLowerCase(Locale.ROOT),
        effect.origin().toolCallId(),
        effect.origin().messageId(),
        effect.at().toString());
  }
}
