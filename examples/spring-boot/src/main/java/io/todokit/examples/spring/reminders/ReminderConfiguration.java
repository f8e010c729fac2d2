package io.todokit.examples.spring.reminders;

import io.todokit.spring.boot.autoconfigure.worker.ReminderHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reminders of the service: todokit's reminder worker ({@code todokit.worker.enabled=true}) hands
 * each due reminder to the {@link ReminderHandler} bean, which sends it with the service's {@link
 * MailSender}.
 */
@Configuration(proxyBeanMethods = false)
public class ReminderConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ReminderConfiguration.class);

  // tag::spring-reminder-handler[]
  @Bean
  ReminderHandler reminders(MailSender mail) {
    // The delivery key is the same for every attempt of one firing: the provider's idempotency key.
    return reminder ->
        mail.send(reminder.userId(), "Reminder: " + reminder.title(), reminder.deliveryKey());
  }

  // end::spring-reminder-handler[]

  /** A sender that only logs, until the service configures a real one. */
  @Bean
  @ConditionalOnMissingBean
  MailSender loggingMailSender() {
    return (userId, subject, key) -> log.info("mail to {}: {} (key {})", userId, subject, key);
  }
}
