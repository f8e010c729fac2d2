package io.todokit.spring.boot.autoconfigure.worker;

import io.todokit.dao.reminders.ReminderClaim;

/**
 * Delivers one due reminder to its user (email, push notification, chat message, …): the bean an
 * application provides for the reminders worker ({@code todokit.worker.enabled=true}); without one,
 * the reminders worker does not run.
 *
 * <p>Delivery is at least once: the worker acknowledges the reminder when {@code handle} returns
 * and schedules a retry with backoff when it throws; a worker that dies mid-send leaves the
 * reminder to its lease, and another claims it again. Pass {@link ReminderClaim#deliveryKey()} to
 * the notification provider as its idempotency key. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ReminderHandler {

  /**
   * Delivers a reminder.
   *
   * @param reminder the claimed firing
   * @throws Exception when it could not be delivered; the worker retries it after a backoff
   */
  void handle(ReminderClaim reminder) throws Exception;
}
