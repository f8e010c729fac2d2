package io.todokit.spring.boot.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.ConcurrentUpdateException;
import io.todokit.dao.DuplicateException;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.UnavailableException;
import io.todokit.dao.ValidationException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** todokit's exceptions as problem details, and when the handler is registered. */
class TodoExceptionHandlerTest {

  private final TodoExceptionHandler handler = new TodoExceptionHandler();

  @Test
  void aValidationExceptionIsA400NamingTheFieldAndTheReason() {
    ResponseEntity<ProblemDetail> response =
        handler.handle(new ValidationException("title", "must not be blank (was 0)"));

    assertThat(response.getStatusCode().value()).isEqualTo(400);
    ProblemDetail problem = response.getBody();
    assertThat(problem.getTitle()).isEqualTo("Bad Request");
    assertThat(problem.getDetail()).isEqualTo("title: must not be blank (was 0)");
    assertThat(problem.getProperties())
        .isEqualTo(Map.of("field", "title", "reason", "must not be blank (was 0)"));
  }

  @Test
  void aMissingRowIsA404NamingTheEntityAndTheId() {
    UUID id = UUID.fromString("00000000-0000-0000-0000-000000000001");

    ResponseEntity<ProblemDetail> response = handler.handle(new NotFoundException("task", id));

    assertThat(response.getStatusCode().value()).isEqualTo(404);
    assertThat(response.getBody().getDetail()).isEqualTo("task " + id + " not found");
    assertThat(response.getBody().getProperties())
        .isEqualTo(Map.of("entity", "task", "id", id.toString()));
  }

  @Test
  void aMissingActingUserIsA401() {
    UUID id = UUID.fromString("00000000-0000-0000-0000-000000000002");

    ResponseEntity<ProblemDetail> response = handler.handle(new NotFoundException("user", id));

    assertThat(response.getStatusCode().value()).isEqualTo(401);
    assertThat(response.getBody().getDetail()).isEqualTo("user " + id + " does not exist");
    assertThat(response.getBody().getProperties()).isNull();
  }

  @Test
  void aDuplicateIsA409NamingTheField() {
    ResponseEntity<ProblemDetail> response = handler.handle(new DuplicateException("name", null));

    assertThat(response.getStatusCode().value()).isEqualTo(409);
    assertThat(response.getBody().getDetail()).isEqualTo("name: already taken");
    assertThat(response.getBody().getProperties()).isEqualTo(Map.of("field", "name"));
  }

  @Test
  void aConcurrentUpdateIsA409NamingTheEntityAndTheId() {
    ResponseEntity<ProblemDetail> response =
        handler.handle(new ConcurrentUpdateException("task", "42", 3, null));

    assertThat(response.getStatusCode().value()).isEqualTo(409);
    assertThat(response.getBody().getDetail())
        .isEqualTo("task 42 was changed concurrently (expected version 3)");
    assertThat(response.getBody().getProperties()).isEqualTo(Map.of("entity", "task", "id", "42"));
  }

  @Test
  void aRetryableOutageIsA503WithRetryAfterAndNoInternals() {
    ResponseEntity<ProblemDetail> response =
        handler.handle(
            new UnavailableException("lock timeout on todokit.tags", true, "55P03", null));

    assertThat(response.getStatusCode().value()).isEqualTo(503);
    assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
    assertThat(response.getBody().getDetail())
        .isEqualTo("the database is unavailable; try again shortly");
  }

  @Test
  void aNonRetryableFaultIsA500WithoutDetail() {
    ResponseEntity<ProblemDetail> response =
        handler.handle(
            new UnavailableException("permission denied for table tasks", false, "42501", null));

    assertThat(response.getStatusCode().value()).isEqualTo(500);
    assertThat(response.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
    assertThat(response.getBody().getDetail()).isNull();
  }

  @Test
  void theHandlerIsRegisteredInAServletWebApplicationUnlessTurnedOff() {
    WebApplicationContextRunner web =
        new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TodoProblemDetailsAutoConfiguration.class));

    web.run(context -> assertThat(context).hasSingleBean(TodoExceptionHandler.class));
    web.withPropertyValues("todokit.problem-details.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(TodoExceptionHandler.class));
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(TodoProblemDetailsAutoConfiguration.class))
        .run(context -> assertThat(context).doesNotHaveBean(TodoExceptionHandler.class));
  }
}
