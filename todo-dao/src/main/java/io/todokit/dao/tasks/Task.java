package io.todokit.dao.tasks;

import io.todokit.recurrence.RecurrenceSpec;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A task as stored: immutable, and always the acting user's own.
 *
 * @param id the task's id
 * @param userId the owner
 * @param title 1 to 255 characters, trimmed
 * @param description up to 10,000 characters, or null
 * @param status pending, in progress or completed
 * @param priority low, medium (the default), high or urgent
 * @param dueAt when it is due, or null
 * @param completedAt when it was completed; set exactly when the status is completed
 * @param recurrence the rule that makes the next task when this one is completed, or null
 * @param templateId the recurring template this task was made from, or null
 * @param occurrenceAt the template's occurrence this task was made for, or null
 * @param version the optimistic-locking version, incremented by every update
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 */
public record Task(
    UUID id,
    UUID userId,
    String title,
    @Nullable String description,
    TaskStatus status,
    Priority priority,
    @Nullable Instant dueAt,
    @Nullable Instant completedAt,
    @Nullable RecurrenceSpec recurrence,
    @Nullable UUID templateId,
    @Nullable Instant occurrenceAt,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  /** Checks the required fields. */
  public Task {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** True when the task is open (not completed) and due before {@code now}. */
  public boolean isOverdue(Instant now) {
    return status != TaskStatus.COMPLETED && dueAt != null && dueAt.isBefore(now);
  }
}
