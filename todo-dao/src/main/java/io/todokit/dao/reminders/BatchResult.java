package io.todokit.dao.reminders;

/**
 * What one {@link ReminderWorker#runBatch} did.
 *
 * @param claimed firings claimed
 * @param delivered sent and acknowledged
 * @param retried not sent, retry scheduled
 * @param deadLettered not sent on their last attempt
 * @param leaseLost acknowledgements that found the lease gone (the firing went to another claim, or
 *     its task was completed)
 * @param full whether the batch was full (more may be due at once)
 */
public record BatchResult(
    int claimed, int delivered, int retried, int deadLettered, int leaseLost, boolean full) {

  /** The one-line summary a worker logs. */
  public String describe() {
    return "claimed "
        + claimed
        + ", delivered "
        + delivered
        + ", retried "
        + retried
        + ", dead-lettered "
        + deadLettered
        + ", lease lost "
        + leaseLost;
  }
}
