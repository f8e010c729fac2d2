package io.todokit.spring.boot.autoconfigure.worker;

import io.todokit.dao.reminders.Reminder;

/**
 * Delivers one due reminder to its user (email, push notification, chat message, …): the bean an
 * application provides for the reminders worker ({@code todokit.worker.enabled=true}); without one,
 * the reminders worker does not run.
 *
 * <p>The worker calls it after claiming the reminder, so delivery is at most once: when {@code
 * handle} throws, the worker logs it and goes on with the next reminder, and the failed one is not
 * handed out again (snoozing it, or moving its {@code remind_at}, arms it again). A handler that
 * needs at-least-once delivery hands the reminder to a durable queue here. Implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface ReminderHandler {

  /**
   * Delivers a reminder.
   *
   * @param reminder the claimed reminder
   * @throws Exception when it could not be delivered; the worker logs it and does not retry
   */
  void handle(Reminder reminder) throws Exception;
}
