package io.todokit.dao.reminders;

/** What an {@code ack}, {@code nack} or {@code extend} did with a lease. */
public enum LeaseOutcome {
  /** Done: acknowledged, retry scheduled, or lease extended. */
  DONE,
  /** The nack was the last attempt: the firing is failed (the dead letter). */
  DEAD_LETTERED,
  /**
   * The lease is no longer this worker's (it expired and another claim took the firing, the firing
   * was acknowledged already, or the task was completed or the reminder moved or removed): nothing
   * was changed.
   */
  LEASE_LOST
}
