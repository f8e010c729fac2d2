package io.todokit.dao.reminders;

import io.todokit.dao.tasks.Priority;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A reminder to send: what a worker needs to notify a user about one of their tasks.
 *
 * @param userId the task's owner, whom to remind
 * @param taskId the task
 * @param title the task's title
 * @param priority the task's priority
 * @param remindAt when the reminder is due
 * @param dueAt when the task is due, or null
 */
public record Reminder(
    UUID userId,
    UUID taskId,
    String title,
    Priority priority,
    Instant remindAt,
    @Nullable Instant dueAt) {

  /** Checks the required fields. */
  public Reminder {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(remindAt, "remindAt");
  }
}
