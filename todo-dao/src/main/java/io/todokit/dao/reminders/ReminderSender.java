package io.todokit.dao.reminders;

/**
 * Sends one claimed firing to its user (email, push notification, chat message, …): the callback of
 * a {@link ReminderWorker}. Returning means sent (the worker acknowledges it); throwing means not
 * sent (the worker schedules a retry). Pass {@link ReminderClaim#deliveryKey} to the provider as
 * its idempotency key: a firing may be handed out again after a crash. Implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface ReminderSender {

  /**
   * Sends a reminder.
   *
   * @param claim the claimed firing
   * @throws Exception when it was not sent; the worker nacks it with the exception's message
   */
  void send(ReminderClaim claim) throws Exception;
}
