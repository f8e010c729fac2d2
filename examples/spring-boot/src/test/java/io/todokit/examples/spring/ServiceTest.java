package io.todokit.examples.spring;

import io.todokit.spring.boot.test.AutoConfigureTodoDatabase;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Boots the whole service on a real port against a fresh, empty PostgreSQL database from
 * todo-testing ({@code @AutoConfigureTodoDatabase}, no {@code @DynamicPropertySource}), which the
 * service migrates at startup: todokit's migrations through the starter, its own through Boot's
 * Flyway. Subclasses share one application context (and so one database): each test makes its own
 * users.
 */
// A short lock timeout, so that the test of a request stuck behind a lock does not wait for 5s.
// tag::spring-test[]
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "todokit.lock-timeout=1s")
@AutoConfigureTodoDatabase
abstract class ServiceTest {
  // end::spring-test[]

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  HttpApi api;

  @BeforeEach
  void connect() {
    api = new HttpApi(port);
  }

  /** A user row (the API has no user endpoint), in a time zone. */
  UUID newUser(String timeZone) {
    String name = "user_" + UUID.randomUUID().toString().substring(0, 8);
    return jdbc.sql(
            "INSERT INTO todokit.users (username, email, password_hash, time_zone)"
                + " VALUES (?, ?, 'not-a-real-hash', ?) RETURNING id")
        .params(name, name + "@example.com", timeZone)
        .query(UUID.class)
        .single();
  }

  UUID newUser() {
    return newUser("UTC");
  }
}
