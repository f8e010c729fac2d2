package io.todokit.dao.tasks;

/** Where a task stands. */
public enum TaskStatus {
  /** Not started. */
  PENDING,
  /** Started. */
  IN_PROGRESS,
  /** Done; the task has a completion time. */
  COMPLETED
}
