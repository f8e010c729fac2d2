package io.todokit.springai;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.PageRequest;
import io.todokit.dao.TodoDb;
import io.todokit.dao.reminders.Reminder;
import io.todokit.dao.tags.NewTag;
import io.todokit.dao.tasks.NewTask;
import io.todokit.dao.tasks.Priority;
import io.todokit.dao.tasks.Task;
import io.todokit.dao.tasks.TaskEffect;
import io.todokit.dao.tasks.TaskEffectKind;
import io.todokit.dao.tasks.TaskOrigin;
import io.todokit.dao.tasks.TaskQuery;
import io.todokit.dao.tasks.TaskStatus;
import io.todokit.dao.users.NewUser;
import io.todokit.testing.TodoDatabaseTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The tools' contract on real PostgreSQL: definitions, every tool, errors, users, retries. */
@TodoDatabaseTest
class TodoChatToolsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

  private TodoDb db;
  private UUID user;
  private Map<String, ToolCallback> tools;

  @BeforeEach
  void setUp(DataSource dataSource) {
    db = TodoDb.create(dataSource);
    user = newUser();
    tools = byName(TodoChatTools.forUser(db, user).withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
  }

  @Test
  void everyToolHasADescriptionAndAClosedObjectSchemaWithItsRequiredArguments() {
    List<ToolCallback> callbacks = TodoChatTools.forUser(db, user).toolCallbacks();
    assertThat(callbacks)
        .extracting(c -> c.getToolDefinition().name())
        .containsExactlyElementsOf(TodoChatTools.TOOL_NAMES);
    Map<String, String> required =
        callbacks.stream()
            .collect(
                Collectors.toMap(
                    c -> c.getToolDefinition().name(),
                    c -> {
                      JsonNode schema = JSON.readTree(c.getToolDefinition().inputSchema());
                      assertThat(schema.get("type").asString()).isEqualTo("object");
                      assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
                      assertThat(schema.has("properties")).isTrue();
                      assertThat(c.getToolDefinition().description()).hasSizeGreaterThan(30);
                      return schema.has("required") ? schema.get("required").toString() : "";
                    }));
    assertThat(required)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "add_task", "[\"title\"]",
                "list_tasks", "",
                "complete_task", "[\"id\"]",
                "update_task", "[\"id\",\"version\"]",
                "delete_task", "[\"id\"]",
                "list_tags", ""));
    JsonNode add = JSON.readTree(tools.get("add_task").getToolDefinition().inputSchema());
    assertThat(add.get("properties").propertyNames())
        .containsExactly(
            "title", "description", "priority", "due_at", "tags", "reminders_minutes_before");
    assertThat(add.at("/properties/due_at/format").asString()).isEqualTo("date-time");
    assertThat(add.at("/properties/priority/enum").toString())
        .isEqualTo("[\"low\",\"medium\",\"high\",\"urgent\"]");
    assertThat(add.at("/properties/reminders_minutes_before/items/maximum").asLong())
        .isEqualTo(527_040);
  }

  @Test
  void addTaskStoresEveryFieldTagsByNameAndRemindersAndAnswersTheTaskAsJson() {
    UUID errands = db.tags().create(user, new NewTag("Errands", "#00aa00")).id();
    JsonNode result =
        call(
            "add_task",
            """
            {"title": " Buy milk ", "description": "2 litres", "priority": "high",
             "due_at": "2026-03-03T09:00:00+01:00", "tags": ["errands"],
             "reminders_minutes_before": [60, 0]}
            """);

    JsonNode task = result.get("task");
    UUID id = UUID.fromString(task.get("id").asString());
    assertThat(task.get("title").asString()).isEqualTo("Buy milk");
    assertThat(task.get("description").asString()).isEqualTo("2 litres");
    assertThat(task.get("status").asString()).isEqualTo("pending");
    assertThat(task.get("priority").asString()).isEqualTo("high");
    assertThat(task.get("due_at").asString()).isEqualTo("2026-03-03T08:00:00Z");
    assertThat(task.get("version").asLong()).isZero();
    assertThat(task.has("completed_at")).isFalse();
    Task stored = db.tasks().get(user, id);
    assertThat(stored.dueAt()).isEqualTo(Instant.parse("2026-03-03T08:00:00Z"));
    assertThat(db.tasks().byTag(user, errands)).extracting(Task::id).containsExactly(id);
    assertThat(db.reminders().list(user, id))
        .extracting(Reminder::beforeDue)
        .containsExactlyInAnyOrder(Duration.ofMinutes(60), Duration.ZERO);
    assertThat(call("add_task", "{\"title\": \"Only a title\"}").at("/task/priority").asString())
        .isEqualTo("medium");
  }

  @Test
  void listTasksFiltersByStatusOverdueTodayUpcomingTagPriorityAndText() {
    UUID home = db.tags().create(user, new NewTag("Home", "#112233")).id();
    UUID overdue = add(NewTask.titled("Pay rent").withDueAt(NOW.minusSeconds(3600)));
    UUID today =
        add(
            NewTask.titled("Call mum")
                .withDueAt(NOW.plusSeconds(3600))
                .withPriority(Priority.URGENT)
                .withTagIds(List.of(home)));
    UUID nextWeek = add(NewTask.titled("Dentist").withDueAt(NOW.plus(Duration.ofDays(6))));
    UUID done = add(NewTask.titled("Old chore"));
    db.tasks().complete(user, done);

    assertThat(ids(call("list_tasks", "{}"))).containsExactlyInAnyOrder(overdue, today, nextWeek);
    assertThat(ids(call("list_tasks", "{\"status\": \"completed\"}"))).containsExactly(done);
    assertThat(ids(call("list_tasks", "{\"status\": \"all\"}"))).hasSize(4);
    assertThat(ids(call("list_tasks", "{\"overdue\": true}"))).containsExactly(overdue);
    assertThat(ids(call("list_tasks", "{\"due_today\": true}"))).containsExactly(today, overdue);
    assertThat(ids(call("list_tasks", "{\"upcoming_days\": 7}")))
        .containsExactlyInAnyOrder(today, nextWeek);
    assertThat(ids(call("list_tasks", "{\"tag\": \"HOME\"}"))).containsExactly(today);
    assertThat(ids(call("list_tasks", "{\"tag\": \"" + home + "\"}"))).containsExactly(today);
    assertThat(ids(call("list_tasks", "{\"priority\": \"urgent\"}"))).containsExactly(today);
    assertThat(ids(call("list_tasks", "{\"text\": \"dentist\"}"))).containsExactly(nextWeek);
    JsonNode page = call("list_tasks", "{\"limit\": 2}");
    assertThat(ids(page)).containsExactly(today, overdue);
    assertThat(page.get("has_more").asBoolean()).isTrue();
    assertThat(call("list_tasks", "{}").get("has_more").asBoolean()).isFalse();
  }

  @Test
  void listTasksPagesOnWithTheNextCursorAtTheFirstPagesNow() {
    List<UUID> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(add(NewTask.titled("Task " + i).withDueAt(NOW.plusSeconds(60L * i))));
    }
    JsonNode first = call("list_tasks", "{\"limit\": 2, \"upcoming_days\": 1}");
    assertThat(ids(first)).containsExactly(ids.get(0), ids.get(1));
    assertThat(first.get("has_more").asBoolean()).isTrue();
    String cursor = first.get("next_cursor").asString();
    // Later calls keep the first page's "now", whatever the clock says by then.
    Map<String, ToolCallback> later =
        byName(
            TodoChatTools.forUser(db, user)
                .withClock(Clock.fixed(NOW.plus(Duration.ofDays(3)), ZoneOffset.UTC)));
    JsonNode second =
        JSON.readTree(
            later
                .get("list_tasks")
                .call("{\"limit\": 2, \"upcoming_days\": 1, \"cursor\": \"" + cursor + "\"}"));
    assertThat(ids(second)).containsExactly(ids.get(2));
    assertThat(second.get("has_more").asBoolean()).isFalse();
    assertThat(second.has("next_cursor")).isFalse();
    assertThat(call("list_tasks", "{\"cursor\": \"garbage\"}"))
        .isEqualTo(
            error("cursor: is not a next_cursor of list_tasks; list again without a cursor"));
    JsonNode schema = JSON.readTree(tools.get("list_tasks").getToolDefinition().inputSchema());
    assertThat(schema.at("/properties/cursor/type").asString()).isEqualTo("string");
  }

  @Test
  void completeUpdateDeleteAndListTags() {
    UUID id = add(NewTask.titled("Water plants"));
    db.tags().create(user, new NewTag("Garden", "#00ff00"));

    JsonNode updated =
        call(
            "update_task",
            "{\"id\": \""
                + id
                + "\", \"version\": 0, \"title\": \"Water the plants\","
                + " \"due_at\": \"2026-03-05T18:00:00Z\", \"priority\": \"low\"}");
    assertThat(updated.at("/task/title").asString()).isEqualTo("Water the plants");
    assertThat(updated.at("/task/version").asLong()).isEqualTo(1);
    assertThat(db.tasks().get(user, id).priority()).isEqualTo(Priority.LOW);
    assertThat(
            call("update_task", "{\"id\": \"" + id + "\", \"version\": 1, \"due_at\": null}")
                .at("/task")
                .has("due_at"))
        .isFalse();
    assertThat(call("update_task", "{\"id\": \"" + id + "\", \"version\": 0, \"title\": \"x\"}"))
        .isEqualTo(
            error(
                "version: task "
                    + id
                    + " was changed since that version was read; nothing was changed: list it"
                    + " again and retry with its current version"));

    JsonNode completed = call("complete_task", "{\"id\": \"" + id + "\"}");
    assertThat(completed.at("/task/status").asString()).isEqualTo("completed");
    assertThat(completed.at("/task/completed_at").isMissingNode()).isFalse();
    assertThat(db.tasks().get(user, id).status()).isEqualTo(TaskStatus.COMPLETED);

    JsonNode tags = call("list_tags", "{}").get("tags");
    assertThat(tags).hasSize(1);
    assertThat(tags.get(0).get("name").asString()).isEqualTo("Garden");
    assertThat(tags.get(0).get("task_count").asLong()).isZero();

    assertThat(call("delete_task", "{\"id\": \"" + id + "\"}").toString())
        .isEqualTo("{\"id\":\"" + id + "\",\"deleted\":true}");
    assertThat(db.tasks().find(user, id)).isEmpty();
  }

  @Test
  void badArgumentsAnswerOneLineNamingTheFieldAndWriteNothing() {
    assertThat(call("add_task", "{\"title\": \"x\", \"due_at\": \"tomorrow\"}"))
        .isEqualTo(
            error(
                "due_at: must be an ISO-8601 date-time with an offset, like 2026-03-02T09:00:00Z"
                    + " or 2026-03-02T10:00:00+01:00"));
    assertThat(call("add_task", "{\"title\": \"x\", \"priority\": \"asap\"}"))
        .isEqualTo(error("priority: must be one of low, medium, high, urgent"));
    assertThat(call("add_task", "{}")).isEqualTo(error("title: is required"));
    assertThat(call("add_task", "{\"title\": \" \"}").get("error").asString()).startsWith("title:");
    assertThat(call("add_task", "{\"title\": \"x\", \"colour\": \"red\"}"))
        .isEqualTo(
            error(
                "colour: unknown argument; this tool takes title, description, priority, due_at,"
                    + " tags, reminders_minutes_before"));
    assertThat(call("add_task", "{\"title\": \"x\", \"user_id\": \"" + newUser() + "\"}"))
        .isEqualTo(
            error(
                "user_id: not an argument: the acting user is the one the chat service is called"
                    + " for"));
    assertThat(
            call(
                "add_task",
                "{\"title\": \"x\", \"due_at\": \"2026-03-03T09:00:00Z\","
                    + " \"reminders_minutes_before\": [5, -1]}"))
        .isEqualTo(error("reminders_minutes_before[1]: must be 0 to 527040"));
    assertThat(call("add_task", "{\"title\": \"x\", \"reminders_minutes_before\": [5]}"))
        .isEqualTo(error("reminders_minutes_before: needs due_at"));
    assertThat(call("add_task", "{\"title\": \"x\", \"tags\": [\"nope\"]}"))
        .isEqualTo(error("tag nope not found"));
    assertThat(call("add_task", "not json")).isEqualTo(error("arguments: must be a JSON object"));
    assertThat(call("complete_task", "{\"id\": \"42\"}"))
        .isEqualTo(error("id: must be an id like 0b9f7c1e-3d2a-4c55-9a57-3f1c2d4e5f60"));
    assertThat(call("list_tasks", "{\"overdue\": \"yes\"}"))
        .isEqualTo(error("overdue: must be true or false"));
    assertThat(call("update_task", "{\"id\": \"" + UUID.randomUUID() + "\"}"))
        .isEqualTo(error("version: is required"));
    assertThat(db.tasks().query(user, TaskQuery.all(), PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  void anotherUsersTaskIsNotFoundAndUntouched() {
    UUID other = newUser();
    UUID theirs = db.tasks().create(other, NewTask.titled("Theirs")).id();
    for (String tool : List.of("complete_task", "delete_task")) {
      assertThat(call(tool, "{\"id\": \"" + theirs + "\"}"))
          .isEqualTo(error("task " + theirs + " not found"));
    }
    assertThat(
            call("update_task", "{\"id\": \"" + theirs + "\", \"version\": 0, \"title\": \"x\"}"))
        .isEqualTo(error("task " + theirs + " not found"));
    assertThat(ids(call("list_tasks", "{\"status\": \"all\"}"))).isEmpty();
    Task untouched = db.tasks().get(other, theirs);
    assertThat(untouched.title()).isEqualTo("Theirs");
    assertThat(untouched.status()).isEqualTo(TaskStatus.PENDING);
  }

  @Test
  void aRetriedCallWithTheSameOriginWritesOnceAndRecordsItsEffect() {
    UUID conversation = db.conversations().create(user, "chat").id();
    ToolContext context = new ToolContext(TodoChatTools.context(conversation, "call_7"));
    ToolCallback add = tools.get("add_task");

    JsonNode first = JSON.readTree(add.call("{\"title\": \"Book flights\"}", context));
    JsonNode retried = JSON.readTree(add.call("{\"title\": \"Book flights\"}", context));

    assertThat(retried).isEqualTo(first);
    UUID id = UUID.fromString(first.at("/task/id").asString());
    assertThat(db.tasks().query(user, TaskQuery.all(), PageRequest.first(10)).items())
        .extracting(Task::id)
        .containsExactly(id);
    TaskEffect effect =
        db.tasks().effect(user, TaskOrigin.toolCall(conversation, "call_7")).orElseThrow();
    assertThat(effect.taskId()).isEqualTo(id);
    assertThat(effect.kind()).isEqualTo(TaskEffectKind.CREATED);
    assertThat(db.tasks().effects(user, conversation)).containsExactly(effect);

    // Another call id is another call; a call without an origin records nothing.
    tools.get("complete_task").call("{\"id\": \"" + id + "\"}", context(conversation, "call_8"));
    tools.get("add_task").call("{\"title\": \"Untracked\"}");
    assertThat(db.tasks().effects(user, conversation))
        .extracting(TaskEffect::kind)
        .containsExactly(TaskEffectKind.CREATED, TaskEffectKind.COMPLETED);
    assertThat(db.tasks().query(user, TaskQuery.all(), PageRequest.first(10)).items()).hasSize(2);
  }

  private static ToolContext context(UUID conversation, String callId) {
    return new ToolContext(TodoChatTools.context(conversation, callId));
  }

  private JsonNode call(String tool, String arguments) {
    String result = tools.get(tool).call(arguments);
    assertThat(result).doesNotContain("\n");
    return JSON.readTree(result);
  }

  private static JsonNode error(String reason) {
    return JSON.readTree(JSON.writeValueAsString(Map.of("error", reason)));
  }

  private static List<UUID> ids(JsonNode result) {
    return result
        .get("tasks")
        .valueStream()
        .map(t -> UUID.fromString(t.get("id").asString()))
        .toList();
  }

  private UUID add(NewTask task) {
    return db.tasks().create(user, task).id();
  }

  private static Map<String, ToolCallback> byName(TodoChatTools chatTools) {
    return chatTools.toolCallbacks().stream()
        .collect(Collectors.toMap(c -> c.getToolDefinition().name(), c -> c));
  }

  private UUID newUser() {
    String name = "u" + UUID.randomUUID().toString().substring(0, 8);
    return db.users().create(NewUser.of(name, name + "@example.org", "hash")).id();
  }
}
