package io.todokit.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.examples.spring.HttpApi.Response;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A request the database cannot serve in time is a 503 with Retry-After, never a hang or a 500. */
class UnavailableIT extends ServiceTest {

  @Autowired DataSource dataSource;

  @Test
  void aRequestStuckBehindALockIsA503WithRetryAfter() throws Exception {
    UUID user = newUser();
    String taskId =
        api.post(user, "/api/tasks", "{\"title\": \"Locked\"}").body().get("id").asString();

    Response response;
    long started = System.nanoTime();
    try (Connection other = dataSource.getConnection();
        Statement statement = other.createStatement()) {
      other.setAutoCommit(false);
      // Another session holds task_tags for itself, as a long migration or a stuck job would.
      statement.execute("LOCK TABLE todokit.task_tags IN ACCESS EXCLUSIVE MODE");
      response = api.put(user, "/api/tasks/" + taskId + "/tags", "{\"tag_ids\": []}");
      other.rollback();
    }
    Duration waited = Duration.ofNanos(System.nanoTime() - started);

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.retryAfter()).isEqualTo("2");
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    assertThat(response.body().get("detail").asString())
        .isEqualTo("the database is unavailable; try again shortly");
    // The test sets todokit.lock-timeout to one second: the request gave up after about that.
    assertThat(waited).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void theSameRequestSucceedsOnceTheLockIsGone() {
    UUID user = newUser();
    String taskId =
        api.post(user, "/api/tasks", "{\"title\": \"Free\"}").body().get("id").asString();

    Response response = api.put(user, "/api/tasks/" + taskId + "/tags", "{\"tag_ids\": []}");

    assertThat(response.status()).isEqualTo(200);
  }
}
