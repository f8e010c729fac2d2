package io.todokit.dao.reminders;

/** Where a reminder's current firing is in its delivery. */
public enum ReminderState {
  /** Waiting for its fire instant (or for its retry time after a failed attempt). */
  PENDING,
  /** Claimed by a worker that holds a lease on it. */
  LEASED,
  /** Acknowledged by a worker: sent. */
  DELIVERED,
  /**
   * Its last attempt failed: the dead letter, listed by {@code failed} and re-armed by {@code
   * retry}.
   */
  FAILED,
  /** Claimed later than the worker's lateness limit, so not sent; {@code retry} re-arms it. */
  MISSED,
  /** Stopped because its task was completed; reopening the task re-arms it. */
  CANCELED;

  String sql() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static ReminderState ofSql(String state) {
    return valueOf(state.toUpperCase(java.util.Locale.ROOT));
  }
}
