package io.todokit.examples.spring.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.reminders.LeaseToken;
import io.todokit.dao.reminders.ReminderClaim;
import io.todokit.dao.tasks.Priority;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReminderConfigurationTest {

  @Test
  void theHandlerSendsTheTitleWithTheDeliveryKeyAsIdempotencyKey() throws Exception {
    List<String> sent = new ArrayList<>();
    MailSender recording = (userId, subject, key) -> sent.add(userId + "|" + subject + "|" + key);
    UUID user = UUID.randomUUID();
    Instant fireAt = Instant.parse("2026-03-02T08:00:00Z");
    ReminderClaim claim =
        new ReminderClaim(
            new LeaseToken(user, UUID.randomUUID(), UUID.randomUUID()),
            fireAt.plusSeconds(30),
            1,
            "key-1",
            user,
            UUID.randomUUID(),
            UUID.randomUUID(),
            "Pay rent",
            Priority.HIGH,
            null,
            fireAt);

    new ReminderConfiguration().reminders(recording).handle(claim);

    assertThat(sent).containsExactly(user + "|Reminder: Pay rent|key-1");
  }
}
