package io.todokit.examples.spring.reminders;

import java.util.UUID;

/** The service's own way to reach a user; a real one calls a mail or push provider. */
@FunctionalInterface
public interface MailSender {

  /**
   * Sends one message.
   *
   * @param userId the recipient
   * @param subject the message
   * @param idempotencyKey the same for every attempt of one message: the provider drops repeats
   */
  void send(UUID userId, String subject, String idempotencyKey);
}
