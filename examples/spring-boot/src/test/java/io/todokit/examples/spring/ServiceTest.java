package io.todokit.examples.spring;

import io.todokit.testing.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Boots the whole service on a real port against a fresh, empty PostgreSQL database from
 * todo-testing, which Boot's Flyway migrates at startup from the todo-schema jar. Subclasses share
 * one application context (and so one database): each test makes its own users.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
abstract class ServiceTest {

  /** Empty on purpose: the migrations are the application's job, not the test's. */
  private static final TestDatabase DATABASE = TestDatabase.empty();

  static {
    // The context outlives every test class (Spring caches it until the JVM ends); dropping the
    // database at exit ends the pool's sessions, so order against Spring's own hook is harmless.
    Runtime.getRuntime().addShutdownHook(new Thread(DATABASE::close, "drop-test-database"));
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry properties) {
    properties.add("spring.datasource.url", DATABASE::jdbcUrl);
    properties.add("spring.datasource.username", DATABASE::username);
    properties.add("spring.datasource.password", DATABASE::password);
    // Short, so that the test of a request stuck behind a lock does not wait for the default.
    properties.add("todokit.lock-timeout", () -> "PT1S");
  }

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
