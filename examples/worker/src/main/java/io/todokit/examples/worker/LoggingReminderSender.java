package io.todokit.examples.worker;

import io.todokit.dao.reminders.ReminderClaim;
import io.todokit.dao.reminders.ReminderSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example's sender: writes one log line per delivery attempt instead of notifying anyone, in
 * the form operators and tests count: {@code reminder delivered key=<delivery key> task=<task id>
 * attempt=<n>}.
 */
public final class LoggingReminderSender implements ReminderSender {

  private static final Logger LOG = LoggerFactory.getLogger(LoggingReminderSender.class);

  /** Creates the sender; it is stateless and thread-safe. */
  public LoggingReminderSender() {}

  @Override
  public void send(ReminderClaim claim) {
    LOG.info(
        "reminder delivered key={} task={} attempt={}",
        claim.deliveryKey(),
        claim.taskId(),
        claim.attempt());
  }
}
