package io.todokit.dao.recurring;

import org.junit.jupiter.api.BeforeAll;

/**
 * {@link MaterializeConcurrencyTest} again on a single server's claims: one statement locks the
 * whole batch across users (the default on a database without Citus), where {@code
 * MaterializeConcurrencyTest} runs the user-by-user form of a distributed database.
 */
class MaterializeConcurrencySingleServerTest extends MaterializeConcurrencyTest {

  @BeforeAll
  static void onASingleServer() {
    singleServer();
  }
}
