package io.todokit.examples.spring;

import static io.todokit.examples.spring.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.examples.spring.HttpApi.Response;
import java.net.http.HttpRequest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every error path over real HTTP: an RFC 9457 problem detail, and never a 500 for bad input. */
class ProblemDetailsIT extends ServiceTest {

  @Test
  void aBlankTitleIsA400NamingTheField() {
    assertBadRequest(
        api.post(newUser(), "/api/tasks", "{\"title\": \"   \"}"),
        "/api/tasks",
        "title",
        "must not be blank (was 0)");
  }

  @Test
  void aMissingTitleIsA400NamingTheField() {
    assertBadRequest(
        api.post(newUser(), "/api/tasks", "{\"priority\": \"low\"}"),
        "/api/tasks",
        "title",
        "is required");
  }

  @Test
  void aBadColorIsA400NamingTheField() {
    assertBadRequest(
        api.post(newUser(), "/api/tags", "{\"name\": \"Work\", \"color\": \"red\"}"),
        "/api/tags",
        "color",
        "must be #RRGGBB with hexadecimal digits, such as #007bff");
  }

  @Test
  void aRecurrenceRuleWithIntervalZeroIsA400NamingThePart() {
    Response response =
        api.post(
            newUser(),
            "/api/tasks",
            """
            {"title": "Stand-up", "due_at": "2027-01-04T09:00:00Z",
             "recurrence_rule": {"frequency": "daily", "interval": 0}}
            """);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().get("field").asString()).isEqualTo("recurrence_rule.interval");
  }

  @Test
  void aRecurrenceRuleWithAnUnknownFieldIsA400NamingIt() {
    Response response =
        api.post(
            newUser(),
            "/api/tasks",
            """
            {"title": "Stand-up", "due_at": "2027-01-04T09:00:00Z",
             "recurrence_rule": {"frequency": "daily", "every": 2}}
            """);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().get("field").asString()).isEqualTo("recurrence_rule.every");
  }

  @Test
  void aRecurrenceRuleThatIsNotAnObjectIsA400() {
    Response response =
        api.post(
            newUser(),
            "/api/tasks",
            "{\"title\": \"x\", \"due_at\": \"2027-01-04T09:00:00Z\","
                + " \"recurrence_rule\": \"FREQ=DAILY\"}");

    assertBadRequest(response, "/api/tasks", "recurrence_rule", "must be a JSON object");
  }

  @Test
  void aRecurringTaskWithoutADueDateIsA400NamingDueAt() {
    Response response =
        api.post(
            newUser(),
            "/api/tasks",
            "{\"title\": \"x\", \"recurrence_rule\": {\"frequency\": \"daily\"}}");

    assertBadRequest(
        response, "/api/tasks", "due_at", "is required for a task with a recurrence rule");
  }

  @Test
  void anUnknownPriorityIsA400ListingTheAllowedOnes() {
    assertBadRequest(
        api.post(newUser(), "/api/tasks", "{\"title\": \"x\", \"priority\": \"extreme\"}"),
        "/api/tasks",
        "priority",
        "must be one of low, medium, high, urgent (was 'extreme')");
  }

  @Test
  void aDueDateThatIsNotAnInstantIsA400NamingTheField() {
    assertBadRequest(
        api.post(newUser(), "/api/tasks", "{\"title\": \"x\", \"due_at\": \"tomorrow\"}"),
        "/api/tasks",
        "due_at",
        "must be an ISO-8601 instant such as 2027-01-31T09:00:00Z");
  }

  @Test
  void aTagIdThatIsNotAUuidIsA400NamingTheElement() {
    assertBadRequest(
        api.post(newUser(), "/api/tasks", "{\"title\": \"x\", \"tag_ids\": [\"nope\"]}"),
        "/api/tasks",
        "tag_ids[0]",
        "must be a UUID");
  }

  @Test
  void anUnknownFieldIsA400NamingIt() {
    assertBadRequest(
        api.post(newUser(), "/api/tasks", "{\"title\": \"x\", \"tagIds\": []}"),
        "/api/tasks",
        "tagIds",
        "unknown field");
  }

  @Test
  void malformedJsonIsA400() {
    Response response = api.post(newUser(), "/api/tasks", "{\"title\": ");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    assertThat(response.body().get("detail").asString()).isEqualTo("malformed JSON");
    assertThat(response.body().get("instance").asString()).isEqualTo("/api/tasks");
  }

  @Test
  void aMissingBodyIsA400() {
    Response response = api.send(newUser(), "POST", "/api/tags", "");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    assertThat(response.body().get("detail").asString()).isEqualTo("a JSON body is required");
  }

  @Test
  void putTagsWithoutTagIdsIsA400RatherThanRemovingEveryTag() {
    UUID user = newUser();
    String task = api.post(user, "/api/tasks", "{\"title\": \"x\"}").body().get("id").asString();

    assertBadRequest(
        api.put(user, "/api/tasks/" + task + "/tags", "{}"),
        "/api/tasks/" + task + "/tags",
        "tag_ids",
        "is required (an empty array removes every tag)");
  }

  @Test
  void aPathIdThatIsNotAUuidIsA400NamingIt() {
    assertBadRequest(
        api.get(newUser(), "/api/tasks/not-a-uuid"),
        "/api/tasks/not-a-uuid",
        "id",
        "must be a UUID");
  }

  @Test
  void aBadQueryParameterIsA400NamingIt() {
    UUID user = newUser();

    assertBadRequest(
        api.get(user, "/api/tasks?tag_id=42"), "/api/tasks", "tag_id", "must be a UUID");
    assertBadRequest(
        api.get(user, "/api/tasks?limit=many"), "/api/tasks", "limit", "must be a whole number");
    assertBadRequest(
        api.get(user, "/api/tasks?limit=0"), "/api/tasks", "limit", "must be 1 to 200 (was 0)");
    assertThat(api.get(user, "/api/tasks?cursor=garbage").body().get("field").asString())
        .isEqualTo("cursor");
  }

  @Test
  void aMissingUserHeaderIsA401() {
    Response response = api.get(null, "/api/tasks");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    assertThat(response.body())
        .isEqualTo(
            json(
                "{'title': 'Unauthorized', 'status': 401,"
                    + " 'detail': 'the X-User-Id header is required', 'instance': '/api/tasks'}"));
  }

  @Test
  void aUserHeaderThatIsNotAUuidIsA401() {
    Response response =
        api.send(HttpRequest.newBuilder(api.uri("/api/tags")).header("X-User-Id", "alice").GET());

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.body().get("detail").asString())
        .isEqualTo("the X-User-Id header must be a UUID");
  }

  @Test
  void writingAsAUserThatDoesNotExistIsA401() {
    UUID nobody = UUID.randomUUID();

    Response response = api.post(nobody, "/api/tags", "{\"name\": \"x\"}");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.body().get("detail").asString())
        .isEqualTo("user " + nobody + " does not exist");
  }

  @Test
  void anUnsupportedMediaTypeIsAProblemDetailToo() {
    Response response =
        api.send(
            HttpRequest.newBuilder(api.uri("/api/tags"))
                .header("X-User-Id", newUser().toString())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("Work")));

    assertThat(response.status()).isEqualTo(415);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
  }

  private static void assertBadRequest(
      Response response, String instance, String field, String reason) {
    assertThat(response.status()).as(response.body().toString()).isEqualTo(400);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    assertThat(response.body())
        .isEqualTo(
            HttpApi.JSON
                .createObjectNode()
                .put("title", "Bad Request")
                .put("status", 400)
                .put("detail", field + ": " + reason)
                .put("instance", instance)
                .put("field", field)
                .put("reason", reason));
  }
}
