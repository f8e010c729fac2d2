package io.todokit.examples.spring;

import static io.todokit.examples.spring.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.examples.spring.HttpApi.Response;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Recurring-task templates over real HTTP: create, change, pause and resume. */
class RecurringTasksIT extends ServiceTest {

  private static final String STAND_UP =
      """
      {"title": "Stand-up", "description": "10 minutes", "priority": "high",
       "recurrence_rule": {"frequency": "weekly", "interval": 1, "days": ["monday", "thursday"]},
       "time_zone": "Europe/Berlin", "starts_at": "2099-01-05T09:00", "missed_policy": "all"}
      """;

  @Test
  void creatingATemplateAnswers201WithItsJson() {
    UUID user = newUser();

    Response created = api.post(user, "/api/recurring-tasks", STAND_UP);

    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    JsonNode template = created.body();
    String id = template.get("id").asString();
    assertThat(created.location()).isEqualTo("/api/recurring-tasks/" + id);
    // 2099-01-05 is a Monday; 09:00 in Berlin in winter is 08:00 UTC.
    assertThat(template)
        .isEqualTo(
            json(
                """
                {'id': '%s', 'title': 'Stand-up', 'description': '10 minutes', 'priority': 'high',
                 'recurrence_rule': {'frequency': 'weekly', 'interval': 1,
                                     'days': ['monday', 'thursday'], 'mode': 'fixed'},
                 'time_zone': 'Europe/Berlin', 'starts_at': '2099-01-05T08:00:00Z',
                 'next_due_at': '2099-01-05T08:00:00Z', 'missed_policy': 'all', 'is_active': true,
                 'created_at': '%s', 'updated_at': '%s'}
                """
                    .formatted(
                        id,
                        template.get("created_at").asString(),
                        template.get("created_at").asString())));
    assertThat(api.get(user, created.location()).body()).isEqualTo(template);
  }

  @Test
  void aStartWithAnOffsetIsAnInstantAndTheZoneDefaultsToTheUsers() {
    UUID user = newUser("America/New_York");

    JsonNode template =
        api.post(
                user,
                "/api/recurring-tasks",
                """
                {"title": "Rent", "recurrence_rule": {"frequency": "monthly", "month_day": 1},
                 "starts_at": "2099-02-01T14:00:00Z"}
                """)
            .body();

    assertThat(template.get("time_zone").asString()).isEqualTo("America/New_York");
    assertThat(template.get("starts_at").asString()).isEqualTo("2099-02-01T14:00:00Z");
    assertThat(template.get("priority").asString()).isEqualTo("medium");
    assertThat(template.get("missed_policy").asString()).isEqualTo("latest");
  }

  @Test
  void putWithIsActiveFalsePausesAndTrueResumes() {
    UUID user = newUser();
    String id = api.post(user, "/api/recurring-tasks", STAND_UP).body().get("id").asString();

    Response paused = api.put(user, "/api/recurring-tasks/" + id, "{\"is_active\": false}");

    assertThat(paused.status()).isEqualTo(200);
    assertThat(paused.body().get("is_active").asBoolean()).isFalse();
    assertThat(paused.body().get("next_due_at").asString()).isEqualTo("2099-01-05T08:00:00Z");
    assertThat(paused.body().get("title").asString()).isEqualTo("Stand-up");

    Response resumed = api.put(user, "/api/recurring-tasks/" + id, "{\"is_active\": true}");

    assertThat(resumed.status()).isEqualTo(200);
    assertThat(resumed.body().get("is_active").asBoolean()).isTrue();
    assertThat(resumed.body().get("next_due_at").asString()).isEqualTo("2099-01-05T08:00:00Z");
  }

  @Test
  void putChangesOnlyTheFieldsItNames() {
    UUID user = newUser();
    String id = api.post(user, "/api/recurring-tasks", STAND_UP).body().get("id").asString();

    Response changed =
        api.put(
            user,
            "/api/recurring-tasks/" + id,
            "{\"title\": \"Daily stand-up\", \"description\": \"\", \"priority\": \"urgent\","
                + " \"is_active\": false}");

    assertThat(changed.status()).isEqualTo(200);
    JsonNode template = changed.body();
    assertThat(template.get("title").asString()).isEqualTo("Daily stand-up");
    assertThat(template.get("description").isNull()).isTrue();
    assertThat(template.get("priority").asString()).isEqualTo("urgent");
    assertThat(template.get("is_active").asBoolean()).isFalse();
    assertThat(template.get("missed_policy").asString()).isEqualTo("all");
    assertThat(template.get("time_zone").asString()).isEqualTo("Europe/Berlin");
    assertThat(api.get(user, "/api/recurring-tasks/" + id).body()).isEqualTo(template);
  }

  @Test
  void aRefusedChangeDoesNotPauseTheTemplateEither() {
    UUID user = newUser();
    String id = api.post(user, "/api/recurring-tasks", STAND_UP).body().get("id").asString();

    Response refused =
        api.put(
            user,
            "/api/recurring-tasks/" + id,
            "{\"time_zone\": \"Mars/Olympus\", \"is_active\": false}");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().get("field").asString()).isEqualTo("time_zone");
    assertThat(api.get(user, "/api/recurring-tasks/" + id).body().get("is_active").asBoolean())
        .isTrue();
  }

  @Test
  void badTemplatesAre400sNamingTheField() {
    UUID user = newUser();

    assertThat(
            field(
                api.post(
                    user,
                    "/api/recurring-tasks",
                    "{\"title\": \"x\", \"starts_at\": \"2099-01-05T09:00\"}")))
        .isEqualTo("recurrence_rule");
    assertThat(
            field(
                api.post(
                    user,
                    "/api/recurring-tasks",
                    "{\"title\": \"x\", \"recurrence_rule\": {\"frequency\": \"daily\"}}")))
        .isEqualTo("starts_at");
    assertThat(
            field(
                api.post(
                    user,
                    "/api/recurring-tasks",
                    "{\"title\": \"x\", \"recurrence_rule\": {\"frequency\": \"daily\"},"
                        + " \"starts_at\": \"next monday\"}")))
        .isEqualTo("starts_at");
    assertThat(
            field(
                api.post(
                    user,
                    "/api/recurring-tasks",
                    "{\"title\": \"x\", \"recurrence_rule\": {\"frequency\": \"daily\","
                        + " \"mode\": \"after_completion\"}, \"starts_at\": \"2099-01-05T09:00\"}")))
        .isEqualTo("recurrence_rule.mode");
    assertThat(
            field(
                api.post(
                    user,
                    "/api/recurring-tasks",
                    "{\"title\": \"x\", \"recurrence_rule\": {\"frequency\": \"daily\"},"
                        + " \"starts_at\": \"2099-01-05T09:00\", \"missed_policy\": \"some\"}")))
        .isEqualTo("missed_policy");
  }

  @Test
  void anotherUsersTemplateIsNotFound() {
    UUID alice = newUser();
    String id = api.post(alice, "/api/recurring-tasks", STAND_UP).body().get("id").asString();
    UUID bob = newUser();

    Response paused = api.put(bob, "/api/recurring-tasks/" + id, "{\"is_active\": false}");

    assertThat(paused.status()).isEqualTo(404);
    assertThat(paused.body().get("entity").asString()).isEqualTo("recurring task");
    assertThat(api.get(bob, "/api/recurring-tasks/" + id).status()).isEqualTo(404);
    assertThat(api.get(alice, "/api/recurring-tasks/" + id).body().get("is_active").asBoolean())
        .isTrue();
  }

  private static String field(Response response) {
    assertThat(response.status()).as(response.body().toString()).isEqualTo(400);
    return response.body().get("field").asString();
  }
}
