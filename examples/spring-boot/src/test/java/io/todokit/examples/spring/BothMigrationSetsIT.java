package io.todokit.examples.spring;

import static io.todokit.examples.spring.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.examples.spring.HttpApi.Response;
import io.todokit.schema.TodoSchema;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The service started on an empty database: todokit's migrations (the starter) and the service's
 * own (Boot's Flyway) are both in it, each with its own history, and the service answers requests
 * that use both: the CI step of issue 10.
 */
class BothMigrationSetsIT extends ServiceTest {

  @Test
  void bothMigrationSetsAreInTheDatabaseEachWithItsOwnHistory() {
    assertThat(
            jdbc.sql("SELECT max(version::int) FROM todokit.todokit_schema_history WHERE success")
                .query(Integer.class)
                .single())
        .isEqualTo(TodoSchema.latestVersion());
    assertThat(
            jdbc.sql(
                    "SELECT script FROM public.flyway_schema_history WHERE success"
                        + " AND version IS NOT NULL ORDER BY installed_rank")
                .query(String.class)
                .list())
        .isEqualTo(List.of("V1__task_comments.sql"));
    // The service's history knows nothing of todokit's scripts, and todokit's nothing of its.
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM todokit.todokit_schema_history"
                        + " WHERE script = 'V1__task_comments.sql'")
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void theServiceAnswersRequestsOnTodokitsTablesAndItsOwn() {
    UUID user = newUser();
    String task =
        api.post(user, "/api/tasks", "{\"title\": \"Write the report\"}")
            .body()
            .get("id")
            .asString();

    Response created =
        api.post(user, "/api/tasks/" + task + "/comments", "{\"text\": \"half done\"}");
    Response listed = api.get(user, "/api/tasks/" + task + "/comments");

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.location()).startsWith("/api/tasks/" + task + "/comments/");
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body().get("items")).hasSize(1);
    assertThat(listed.body().get("items").get(0).get("text").asString()).isEqualTo("half done");
  }

  @Test
  void commentingOnAnotherUsersTaskIsA404FromTodokit() {
    UUID owner = newUser();
    String task =
        api.post(owner, "/api/tasks", "{\"title\": \"Mine\"}").body().get("id").asString();

    Response response =
        api.post(newUser(), "/api/tasks/" + task + "/comments", "{\"text\": \"x\"}");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    assertThat(response.body().get("entity").asString()).isEqualTo("task");
  }

  @Test
  void anEmptyCommentIsA400NamingTheField() {
    UUID user = newUser();
    String task = api.post(user, "/api/tasks", "{\"title\": \"x\"}").body().get("id").asString();

    Response response = api.post(user, "/api/tasks/" + task + "/comments", "{\"text\": \" \"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().get("field").asString()).isEqualTo("text");
  }

  @Test
  void theHealthEndpointShowsTodokitsSchemaVersion() {
    Response health = api.get(null, "/actuator/health/todokit");

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body())
        .isEqualTo(
            json(
                "{'status': 'UP', 'details': {'schema': 'todokit', 'version': %d, 'needed': %d,"
                        .formatted(TodoSchema.latestVersion(), TodoSchema.latestVersion())
                    + " 'state': 'CURRENT'}}"));
  }
}
