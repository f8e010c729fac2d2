package io.todokit.dao.reminders;

import io.todokit.dao.tasks.Priority;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One claimed firing: what a sender needs to notify the user, and the lease to acknowledge it with.
 *
 * @param lease the lease, for {@code ack}, {@code nack} and {@code extend}
 * @param leaseExpiresAt when another claim may take the firing unless the lease is extended
 * @param attempt this delivery attempt, from 1
 * @param deliveryKey the firing's stable key: the same for every attempt of this firing (a
 *     re-delivery after a crash carries it too), different for another firing; pass it to the
 *     notification provider as its idempotency key, or deduplicate with it
 * @param userId the task's owner, whom to remind
 * @param taskId the task
 * @param reminderId the reminder
 * @param title the task's title
 * @param priority the task's priority
 * @param dueAt when the task is due, or null
 * @param fireAt when this firing was due
 */
public record ReminderClaim(
    LeaseToken lease,
    Instant leaseExpiresAt,
    int attempt,
    String deliveryKey,
    UUID userId,
    UUID taskId,
    UUID reminderId,
    String title,
    Priority priority,
    @Nullable Instant dueAt,
    Instant fireAt) {

  /** Checks the required fields. */
  public ReminderClaim {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(leaseExpiresAt, "leaseExpiresAt");
    Objects.requireNonNull(deliveryKey, "deliveryKey");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(reminderId, "reminderId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(fireAt, "fireAt");
  }
}
