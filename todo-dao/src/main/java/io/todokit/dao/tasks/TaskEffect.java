package io.todokit.dao.tasks;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One write made through {@link TaskDao#via}: which task, what was done, and the origin that asked
 * for it ("what the assistant did"). Kept after the task is deleted; removed with the user or with
 * the conversation it names. Immutable and thread-safe.
 *
 * @param id the effect's id
 * @param taskId the task written (which may since have been deleted)
 * @param kind what the write did
 * @param origin the origin of the first call; its message id is the stored assistant message that
 *     carried the tool call, found by the call's id when the write did not name it (null while no
 *     such message is stored)
 * @param at when the write was made, by the {@code TodoDb} clock
 */
public record TaskEffect(UUID id, UUID taskId, TaskEffectKind kind, TaskOrigin origin, Instant at) {

  /** Checks that no field is null. */
  public TaskEffect {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(at, "at");
  }
}
