package io.todokit.dao.reminders;

import org.junit.jupiter.api.BeforeAll;

/**
 * {@link ReminderConcurrencyTest} again on a single server's claims: one statement locks the whole
 * batch across users (the default on a database without Citus), where {@code
 * ReminderConcurrencyTest} runs the user-by-user form of a distributed database.
 */
class ReminderConcurrencySingleServerTest extends ReminderConcurrencyTest {

  @BeforeAll
  static void onASingleServer() {
    singleServer();
  }
}
