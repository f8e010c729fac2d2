package io.todokit.examples.worker;

import io.todokit.dao.reminders.Reminder;

/**
 * Delivers one reminder to its user: by email, push notification, chat message, ….
 *
 * <p>The worker calls it after the reminder was claimed, so delivery is at most once: when {@code
 * send} throws, the worker logs the failure and goes on with the next reminder, and the failed one
 * is not sent again (snoozing it, or moving its {@code remind_at}, arms it again). A sender that
 * needs at-least-once delivery should hand the reminder to a durable queue here. Implementations
 * must be thread-safe if one instance is shared by several workers.
 */
@FunctionalInterface
public interface ReminderSender {

  /**
   * Delivers a reminder.
   *
   * @param reminder the claimed reminder
   * @throws Exception when it could not be delivered; the worker logs it and does not retry
   */
  void send(Reminder reminder) throws Exception;
}
