package io.todokit.dao.reminders;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A reminder as stored: when it fires and how far its current firing got.
 *
 * @param id the reminder's id
 * @param userId the owner
 * @param taskId the task it reminds of
 * @param at the absolute instant, or null for a relative reminder
 * @param beforeDue the distance before the task's due time, or null for an absolute reminder
 * @param fireAt when the current firing is due; null for a relative reminder of a task without a
 *     due time (it does not fire)
 * @param state the current firing's delivery state
 * @param attempts delivery attempts of the current firing so far
 * @param lastError the error of the last failed attempt, or null
 * @param deliveredAt when the current firing was acknowledged, or null
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 */
public record Reminder(
    UUID id,
    UUID userId,
    UUID taskId,
    @Nullable Instant at,
    @Nullable Duration beforeDue,
    @Nullable Instant fireAt,
    ReminderState state,
    int attempts,
    @Nullable String lastError,
    @Nullable Instant deliveredAt,
    Instant createdAt,
    Instant updatedAt) {

  /** Checks the required fields. */
  public Reminder {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** When the reminder fires, as the command that made it said. */
  public ReminderSpec spec() {
    return at != null
        ? ReminderSpec.at(at)
        : ReminderSpec.beforeDue(Objects.requireNonNull(beforeDue));
  }
}
