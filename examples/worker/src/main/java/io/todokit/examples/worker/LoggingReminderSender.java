package io.todokit.examples.worker;

import io.todokit.dao.reminders.Reminder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The example's sender: writes one log line per reminder instead of notifying anyone. */
public final class LoggingReminderSender implements ReminderSender {

  private static final Logger LOG = LoggerFactory.getLogger(LoggingReminderSender.class);

  /** Creates the sender; it is stateless and thread-safe. */
  public LoggingReminderSender() {}

  @Override
  public void send(Reminder reminder) {
    LOG.info(
        "reminder for user {}: \"{}\" ({}, due {})",
        reminder.userId(),
        reminder.title(),
        reminder.priority(),
        reminder.dueAt() == null ? "-" : reminder.dueAt());
  }
}
