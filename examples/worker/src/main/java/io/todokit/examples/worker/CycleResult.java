package io.todokit.examples.worker;

/**
 * What one cycle of a {@link SchedulerWorker} did.
 *
 * @param remindersClaimed reminders claimed (each by this worker only)
 * @param remindersFailed of those, the ones whose sending failed (not retried)
 * @param templatesClaimed recurring templates claimed
 * @param tasksCreated tasks made from their occurrences
 */
record CycleResult(
    int remindersClaimed, int remindersFailed, int templatesClaimed, int tasksCreated) {}
