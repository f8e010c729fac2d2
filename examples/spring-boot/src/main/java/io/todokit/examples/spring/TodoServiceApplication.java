package io.todokit.examples.spring;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A small HTTP service on todokit: tasks, tags and recurring templates over JSON, errors as RFC
 * 9457 problem details. todokit's Spring Boot starter makes the {@code TodoDb} bean and migrates
 * todokit's schema at startup; Boot's Flyway then migrates the service's own tables from {@code
 * db/migration}.
 */
@SpringBootApplication
public class TodoServiceApplication {

  /**
   * Starts the service.
   *
   * @param args Spring Boot's command line arguments, e.g. {@code --server.port=9090}
   */
  public static void main(String[] args) {
    SpringApplication.run(TodoServiceApplication.class, args);
  }

  /**
   * "Now" for the overdue and due-today lists; the starter gives it to the TodoDb bean too, so
   * todokit's timestamps follow the same clock (a test may replace it).
   */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
