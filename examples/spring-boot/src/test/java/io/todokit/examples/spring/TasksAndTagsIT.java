package io.todokit.examples.spring;

import static io.todokit.examples.spring.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.examples.spring.HttpApi.Response;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Tasks and tags over real HTTP: creating, listing, tagging, and tenant isolation. */
class TasksAndTagsIT extends ServiceTest {

  @Test
  void creatingATaskAnswers201WithItsJsonAndALocationThatServesIt() {
    UUID user = newUser();
    UUID tag = UUID.fromString(tag(user, "Home", "#00aa00").get("id").asString());

    Response created =
        api.post(
            user,
            "/api/tasks",
            """
            {"title": "  Pay rent ", "description": "before the 3rd", "priority": "high",
             "due_at": "2027-01-04T09:00:00Z", "remind_at": "2027-01-04T08:00:00Z",
             "recurrence_rule": {"frequency": "weekly", "interval": 1, "days": ["monday"]},
             "tag_ids": ["%s"]}
            """
                .formatted(tag));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.contentType()).isEqualTo("application/json");
    JsonNode task = created.body();
    String id = task.get("id").asString();
    assertThat(created.location()).isEqualTo("/api/tasks/" + id);
    assertThat(task)
        .isEqualTo(
            json(
                """
                {'id': '%s', 'title': 'Pay rent', 'description': 'before the 3rd',
                 'status': 'pending', 'priority': 'high',
                 'due_at': '2027-01-04T09:00:00Z', 'completed_at': null,
                 'recurrence_rule': {'frequency': 'weekly', 'interval': 1, 'days': ['monday'],
                                     'mode': 'fixed'},
                 'template_id': null, 'occurrence_at': null, 'version': 0,
                 'created_at': '%s', 'updated_at': '%s'}
                """
                    .formatted(
                        id, task.get("created_at").asString(), task.get("created_at").asString())));
    assertThat(api.get(user, created.location()).body()).isEqualTo(task);
    assertThat(ids(api.get(user, "/api/tasks?tag_id=" + tag).body())).containsExactly(id);
  }

  @Test
  void aTaskWithOnlyATitleGetsTheDefaults() {
    UUID user = newUser();

    JsonNode task = api.post(user, "/api/tasks", "{\"title\": \"Water plants\"}").body();

    assertThat(task.get("priority").asString()).isEqualTo("medium");
    assertThat(task.get("status").asString()).isEqualTo("pending");
    assertThat(task.get("description").isNull()).isTrue();
    assertThat(task.get("due_at").isNull()).isTrue();
    assertThat(task.get("recurrence_rule").isNull()).isTrue();
  }

  @Test
  void creatingATagAnswers201WithItsJson() {
    UUID user = newUser();

    Response created =
        api.post(user, "/api/tags", "{\"name\": \" Errands \", \"color\": \"#FF8800\"}");

    assertThat(created.status()).isEqualTo(201);
    JsonNode tag = created.body();
    String id = tag.get("id").asString();
    assertThat(created.location()).isEqualTo("/api/tags/" + id);
    assertThat(tag)
        .isEqualTo(
            json(
                "{'id': '%s', 'name': 'Errands', 'color': '#FF8800', 'created_at': '%s', 'updated_at': '%s'}"
                    .formatted(
                        id, tag.get("created_at").asString(), tag.get("created_at").asString())));
    assertThat(api.get(user, created.location()).body()).isEqualTo(tag);
    assertThat(api.post(user, "/api/tags", "{\"name\": \"Plain\"}").body().get("color").asString())
        .isEqualTo("#007bff");
  }

  @Test
  void theTagListCountsTheTasksOfEachTag() {
    UUID user = newUser();
    String work = tag(user, "work", "#111111").get("id").asString();
    tag(user, "home", "#222222");
    api.post(user, "/api/tasks", "{\"title\": \"Report\", \"tag_ids\": [\"%s\"]}".formatted(work));

    JsonNode tags = api.get(user, "/api/tags").body().get("items");

    assertThat(tags).hasSize(2);
    assertThat(tags.get(0).get("name").asString()).isEqualTo("home");
    assertThat(tags.get(0).get("task_count").asLong()).isEqualTo(0);
    assertThat(tags.get(1).get("name").asString()).isEqualTo("work");
    assertThat(tags.get(1).get("task_count").asLong()).isEqualTo(1);
  }

  @Test
  void putTagsReplacesTheTaskTagsAndListingByTagFollows() {
    UUID user = newUser();
    String work = tag(user, "work", "#111111").get("id").asString();
    String urgent = tag(user, "Urgent", "#ff0000").get("id").asString();
    String home = tag(user, "home", "#00ff00").get("id").asString();
    String task = task(user, "{\"title\": \"Report\", \"tag_ids\": [\"%s\"]}".formatted(work));

    Response put =
        api.put(
            user,
            "/api/tasks/" + task + "/tags",
            "{\"tag_ids\": [\"%s\", \"%s\", \"%s\"]}".formatted(urgent, home, urgent));

    assertThat(put.status()).isEqualTo(200);
    assertThat(names(put.body())).containsExactly("home", "Urgent");
    assertThat(ids(api.get(user, "/api/tasks?tag_id=" + work).body())).isEmpty();
    assertThat(ids(api.get(user, "/api/tasks?tag_id=" + home).body())).containsExactly(task);

    Response cleared = api.put(user, "/api/tasks/" + task + "/tags", "{\"tag_ids\": []}");

    assertThat(cleared.status()).isEqualTo(200);
    assertThat(cleared.body()).isEqualTo(json("{'items': []}"));
    assertThat(ids(api.get(user, "/api/tasks?tag_id=" + home).body())).isEmpty();
  }

  @Test
  void listingByTagShowsEveryTaskCarryingItByDueDate() {
    UUID user = newUser();
    String tag = tag(user, "work", "#111111").get("id").asString();
    String later =
        task(
            user,
            "{\"title\": \"Later\", \"due_at\": \"2027-02-01T00:00:00Z\", \"tag_ids\": [\"%s\"]}"
                .formatted(tag));
    String sooner =
        task(
            user,
            "{\"title\": \"Sooner\", \"due_at\": \"2027-01-01T00:00:00Z\", \"tag_ids\": [\"%s\"]}"
                .formatted(tag));
    task(user, "{\"title\": \"Untagged\"}");

    Response listed = api.get(user, "/api/tasks?tag_id=" + tag);

    assertThat(listed.status()).isEqualTo(200);
    assertThat(ids(listed.body())).containsExactly(sooner, later);
    assertThat(listed.body().get("next_cursor").isNull()).isTrue();
  }

  @Test
  void openTasksComeInPagesMostUrgentFirst() {
    UUID user = newUser();
    String low = task(user, "{\"title\": \"Low\", \"priority\": \"low\"}");
    String urgent = task(user, "{\"title\": \"Urgent\", \"priority\": \"urgent\"}");
    String medium = task(user, "{\"title\": \"Medium\"}");

    JsonNode first = api.get(user, "/api/tasks?limit=2").body();

    assertThat(ids(first)).containsExactly(urgent, medium);
    String cursor = first.get("next_cursor").asString();
    assertThat(cursor).isNotBlank();
    JsonNode second = api.get(user, "/api/tasks?limit=2&cursor=" + cursor).body();
    assertThat(ids(second)).containsExactly(low);
    assertThat(second.get("next_cursor").isNull()).isTrue();
    assertThat(ids(api.get(user, "/api/tasks").body())).containsExactly(urgent, medium, low);
  }

  @Test
  void overdueAndDueTodayFollowTheClockAndTheUsersTimeZone() {
    Instant now = Instant.now();
    // A zone where it is about noon now, so that "an hour ago" and "in an hour" are both today.
    UUID user = newUser(zoneAtNoon(now));
    String yesterday = task(user, dueAt("Yesterday", now.minus(1, ChronoUnit.DAYS)));
    String anHourAgo = task(user, dueAt("An hour ago", now.minus(1, ChronoUnit.HOURS)));
    String inAnHour = task(user, dueAt("In an hour", now.plus(1, ChronoUnit.HOURS)));
    task(user, dueAt("Tomorrow", now.plus(1, ChronoUnit.DAYS)));
    task(user, "{\"title\": \"Someday\"}");
    UUID other = newUser();
    task(other, dueAt("Someone else's", now.minus(1, ChronoUnit.HOURS)));

    Response overdue = api.get(user, "/api/tasks/overdue");
    Response dueToday = api.get(user, "/api/tasks/due-today");

    assertThat(overdue.status()).isEqualTo(200);
    assertThat(ids(overdue.body())).containsExactly(yesterday, anHourAgo);
    assertThat(dueToday.status()).isEqualTo(200);
    assertThat(ids(dueToday.body())).containsExactly(anHourAgo, inAnHour);
  }

  @Test
  void anotherUsersTaskAndTagsAreNotFound() {
    UUID alice = newUser();
    UUID bob = newUser();
    String aliceTag = tag(alice, "private", "#123456").get("id").asString();
    String aliceTask = task(alice, "{\"title\": \"Alice's\"}");
    String bobTag = tag(bob, "mine", "#654321").get("id").asString();
    String bobTask = task(bob, "{\"title\": \"Bob's\"}");

    assertNotFound(api.get(bob, "/api/tasks/" + aliceTask), "task", aliceTask);
    assertNotFound(
        api.put(
            bob, "/api/tasks/" + aliceTask + "/tags", "{\"tag_ids\": [\"%s\"]}".formatted(bobTag)),
        "task",
        aliceTask);
    assertNotFound(
        api.put(
            bob, "/api/tasks/" + bobTask + "/tags", "{\"tag_ids\": [\"%s\"]}".formatted(aliceTag)),
        "tag",
        aliceTag);
    assertNotFound(
        api.post(
            bob, "/api/tasks", "{\"title\": \"x\", \"tag_ids\": [\"%s\"]}".formatted(aliceTag)),
        "tag",
        aliceTag);
    assertNotFound(api.get(bob, "/api/tasks?tag_id=" + aliceTag), "tag", aliceTag);
    assertNotFound(api.get(bob, "/api/tags/" + aliceTag), "tag", aliceTag);
    assertThat(ids(api.get(bob, "/api/tasks").body())).containsExactly(bobTask);
    assertThat(ids(api.get(alice, "/api/tasks").body())).containsExactly(aliceTask);
  }

  @Test
  void aDuplicateTagNameInAnyCaseIsAConflict() {
    UUID user = newUser();
    tag(user, "Work", "#111111");

    Response duplicate = api.post(user, "/api/tags", "{\"name\": \"work\"}");

    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.contentType()).isEqualTo("application/problem+json");
    assertThat(duplicate.body())
        .isEqualTo(
            json(
                "{'title': 'Conflict', 'status': 409,"
                    + " 'detail': 'name: already taken', 'instance': '/api/tags', 'field': 'name'}"));
    assertThat(api.post(newUser(), "/api/tags", "{\"name\": \"work\"}").status()).isEqualTo(201);
  }

  private void assertNotFound(Response response, String entity, String id) {
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    assertThat(response.body().get("entity").asString()).isEqualTo(entity);
    assertThat(response.body().get("id").asString()).isEqualTo(id);
    assertThat(response.body().get("detail").asString())
        .isEqualTo(entity + " " + id + " not found");
  }

  private JsonNode tag(UUID user, String name, String color) {
    Response created =
        api.post(user, "/api/tags", "{\"name\": \"%s\", \"color\": \"%s\"}".formatted(name, color));
    assertThat(created.status()).isEqualTo(201);
    return created.body();
  }

  private String task(UUID user, String json) {
    Response created = api.post(user, "/api/tasks", json);
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    return created.body().get("id").asString();
  }

  private static String dueAt(String title, Instant due) {
    return "{\"title\": \"%s\", \"due_at\": \"%s\"}".formatted(title, due);
  }

  /** An Etc/GMT zone whose local time is between 11:00 and 13:00 at {@code now}. */
  private static String zoneAtNoon(Instant now) {
    int offset = 12 - now.atOffset(ZoneOffset.UTC).getHour();
    // Etc/GMT's signs are POSIX ones: Etc/GMT-3 is three hours ahead of UTC.
    return offset == 0 ? "UTC" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset);
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.get("items").forEach(item -> ids.add(item.get("id").asString()));
    return ids;
  }

  private static List<String> names(JsonNode list) {
    List<String> names = new ArrayList<>();
    list.get("items").forEach(item -> names.add(item.get("name").asString()));
    return names;
  }
}
