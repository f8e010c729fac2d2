package io.todokit.dao.tasks;

/** How urgent a task is; the constants are in ascending order, so {@code URGENT} sorts last. */
public enum Priority {
  /** Can wait. */
  LOW,
  /** The default. */
  MEDIUM,
  /** Soon. */
  HIGH,
  /** Now. */
  URGENT
}
