package io.todokit.dao.reminders;

import org.junit.jupiter.api.BeforeAll;

/**
 * {@link ReminderDaoTest} again on a single server's claims: one statement locks the whole batch
 * across users (the default on a database without Citus), where {@code ReminderDaoTest} runs the
 * user-by-user form of a distributed database.
 */
class ReminderDaoSingleServerTest extends ReminderDaoTest {

  @BeforeAll
  static void onASingleServer() {
    singleServer();
  }
}
