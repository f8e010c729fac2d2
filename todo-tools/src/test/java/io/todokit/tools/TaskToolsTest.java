package io.todokit.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.dao.NotFoundException;
import io.todokit.dao.PageRequest;
import io.todokit.dao.TodoDb;
import io.todokit.dao.ValidationException;
import io.todokit.dao.reminders.Reminder;
import io.todokit.dao.tags.NewTag;
import io.todokit.dao.tasks.NewTask;
import io.todokit.dao.tasks.Task;
import io.todokit.dao.tasks.TaskEffectKind;
import io.todokit.dao.tasks.TaskOrigin;
import io.todokit.dao.tasks.TaskQuery;
import io.todokit.dao.users.NewUser;
import io.todokit.testing.TodoDatabaseTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared task tools in both adapters' styles, on real PostgreSQL. */
@TodoDatabaseTest
class TaskToolsTest {

  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

  private TodoDb db;
  private UUID user;
  private TaskTools mcp;
  private TaskTools springAi;

  @BeforeEach
  void setUp(DataSource dataSource) {
    db = TodoDb.create(dataSource);
    user = newUser();
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    mcp = new TaskTools(db, clock, TaskTools.Style.mcp());
    springAi = new TaskTools(db, clock, TaskTools.Style.springAi());
  }

  @Test
  void eachStyleHasItsToolsAndArgumentsDefinedOnce() {
    assertThat(mcp.tools())
        .extracting(ToolSpec::name)
        .containsExactly(
            "add_task", "list_tasks", "get_task", "complete_task", "update_task", "delete_task");
    assertThat(springAi.tools())
        .extracting(ToolSpec::name)
        .containsExactly("add_task", "list_tasks", "complete_task", "update_task", "delete_task");
    assertThat(tool(mcp, "add_task").argumentNames())
        .containsExactly(
            "title",
            "description",
            "priority",
            "due_at",
            "recurrence_rule",
            "tag_ids",
            "idempotency_key");
    assertThat(tool(springAi, "add_task").argumentNames())
        .containsExactly(
            "title", "description", "priority", "due_at", "tags", "reminders_minutes_before");
    assertThat(tool(mcp, "update_task").argumentNames())
        .contains("recurrence_rule", "idempotency_key");
    assertThat(tool(springAi, "update_task").argumentNames())
        .doesNotContain("recurrence_rule", "idempotency_key");
    assertThat(tool(springAi, "list_tasks").argumentNames()).contains("cursor");
    assertThat(tool(springAi, "list_tasks").outputSchema().get("required"))
        .isEqualTo(List.of("tasks", "has_more"));
    assertThat(tool(mcp, "list_tasks").outputSchema().get("required")).isEqualTo(List.of("tasks"));
    assertThat(tool(mcp, "update_task").description())
        .contains("recurrence_rule", "get_task")
        .isNotEqualTo(tool(springAi, "update_task").description());
    assertThat(tool(springAi, "update_task").description()).doesNotContain("get_task");
    assertThat(tool(springAi, "add_task").description()).doesNotContain("idempotency_key");
    for (TaskTools tools : List.of(mcp, springAi)) {
      for (ToolSpec tool : tools.tools()) {
        assertThat(tool.inputSchema()).containsEntry("additionalProperties", false);
        assertThat(tool.inputSchema().get("properties"))
            .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
            .containsOnlyKeys(tool.argumentNames());
      }
    }
    assertThat(tool(mcp, "get_task").hints())
        .isEqualTo(new ToolSpec.Hints("Get a task", true, false, true));
    assertThat(tool(mcp, "delete_task").hints())
        .isEqualTo(new ToolSpec.Hints("Delete a task", false, true, true));
  }

  @Test
  void anIdempotencyKeyWritesOnceAndItsErrorsNameTheArgument() {
    Map<String, Object> first =
        call(mcp, "add_task", Map.of("title", "Pay", "idempotency_key", "k1"));
    Map<String, Object> again =
        call(mcp, "add_task", Map.of("title", "Pay", "idempotency_key", "k1"));
    assertThat(again).isEqualTo(first);
    assertThat(allTasks()).hasSize(1);
    assertThat(failure(() -> call(mcp, "add_task", Map.of("title", "x", "idempotency_key", " "))))
        .startsWith("idempotency_key: ");
    String id = task(first).get("id").toString();
    assertThat(failure(() -> call(mcp, "delete_task", Map.of("id", id, "idempotency_key", "k1"))))
        .startsWith("idempotency_key: ");
    assertThat(allTasks()).hasSize(1);
    assertThat(db.tasks().effect(user, TaskOrigin.idempotencyKey("k1")).orElseThrow().kind())
        .isEqualTo(TaskEffectKind.CREATED);
  }

  @Test
  void theAdaptersOriginRecordsTheEffectAndAnswersARetryFromIt() {
    UUID conversation = db.conversations().create(user, "chat").id();
    TaskOrigin origin = TaskOrigin.toolCall(conversation, "call_1");
    Map<String, Object> first = call(springAi, "add_task", Map.of("title", "Book"), origin);
    assertThat(call(springAi, "add_task", Map.of("title", "Book"), origin)).isEqualTo(first);
    UUID id = UUID.fromString(task(first).get("id").toString());
    assertThat(allTasks()).extracting(Task::id).containsExactly(id);
    assertThat(db.tasks().effect(user, origin).orElseThrow().taskId()).isEqualTo(id);
    call(
        springAi,
        "complete_task",
        Map.of("id", id.toString()),
        TaskOrigin.toolCall(conversation, "call_2"));
    assertThat(db.tasks().effects(user, conversation))
        .extracting(e -> e.kind())
        .containsExactly(TaskEffectKind.CREATED, TaskEffectKind.COMPLETED);
    assertThat(
            failure(() -> call(springAi, "add_task", Map.of("title", "x", "idempotency_key", "k"))))
        .startsWith("idempotency_key: unknown argument");
  }

  @Test
  void addTaskInEachStyle() {
    UUID errands = db.tags().create(user, new NewTag("Errands", "#00aa00")).id();
    Map<String, Object> rule = Map.of("frequency", "weekly", "days", List.of("monday"));
    Map<String, Object> recurring =
        task(
            call(
                mcp,
                "add_task",
                Map.of(
                    "title",
                    "Stand-up",
                    "due_at",
                    "2026-03-02T09:00:00Z",
                    "recurrence_rule",
                    rule,
                    "tag_ids",
                    List.of(errands.toString()))));
    assertThat(recurring.get("recurrence_rule"))
        .isEqualTo(
            Map.of(
                "frequency", "weekly", "interval", 1, "days", List.of("monday"), "mode", "fixed"));
    UUID recurringId = UUID.fromString(recurring.get("id").toString());
    assertThat(db.tasks().byTag(user, errands)).extracting(Task::id).containsExactly(recurringId);

    Map<String, Object> withReminders =
        task(
            call(
                springAi,
                "add_task",
                Map.of(
                    "title",
                    "Milk",
                    "due_at",
                    "2026-03-03T09:00:00+01:00",
                    "tags",
                    List.of("ERRANDS"),
                    "reminders_minutes_before",
                    List.of(60, 0))));
    UUID id = UUID.fromString(withReminders.get("id").toString());
    assertThat(withReminders.get("due_at")).isEqualTo("2026-03-03T08:00:00Z");
    assertThat(db.reminders().list(user, id))
        .extracting(Reminder::beforeDue)
        .containsExactlyInAnyOrder(Duration.ofMinutes(60), Duration.ZERO);
    assertThat(db.tasks().byTag(user, errands)).extracting(Task::id).contains(id);

    assertThat(
            failure(
                () ->
                    call(
                        springAi,
                        "add_task",
                        Map.of("title", "x", "reminders_minutes_before", List.of(5)))))
        .isEqualTo("reminders_minutes_before: needs due_at");
    assertThatThrownBy(
            () -> call(springAi, "add_task", Map.of("title", "x", "tags", List.of("nope"))))
        .isInstanceOf(NotFoundException.class);
    assertThat(
            failure(
                () ->
                    call(
                        mcp,
                        "add_task",
                        Map.of("title", "x", "recurrence_rule", Map.of("frequency", "hourly")))))
        .startsWith("recurrence_rule.frequency: ");
    assertThat(allTasks()).hasSize(2);
  }

  @Test
  void updateTaskClearsAndChecksTheVersion() {
    UUID id =
        db.tasks()
            .create(user, NewTask.titled("Water").withDescription("plants").withDueAt(NOW))
            .id();
    Map<String, Object> args = new HashMap<>();
    args.put("id", id.toString());
    args.put("version", 0);
    args.put("description", null);
    args.put("recurrence_rule", Map.of("frequency", "daily"));
    Map<String, Object> updated = task(call(mcp, "update_task", args));
    assertThat(updated).doesNotContainKey("description").containsKeys("due_at", "recurrence_rule");
    assertThat(updated.get("version")).isEqualTo(1L);
    args.clear();
    args.put("id", id.toString());
    args.put("version", 1);
    args.put("recurrence_rule", null);
    args.put("due_at", null);
    assertThat(task(call(mcp, "update_task", args)))
        .doesNotContainKeys("recurrence_rule", "due_at");
    assertThat(failure(() -> call(springAi, "update_task", Map.of("id", id.toString()))))
        .isEqualTo("version: is required");
    Map<String, Object> nullTitle = new HashMap<>(Map.of("id", id.toString(), "version", 2));
    nullTitle.put("title", null);
    assertThat(failure(() -> call(springAi, "update_task", nullTitle)))
        .isEqualTo("title: is required");
  }

  @Test
  void listTasksPagesWithACursorInBothStyles() {
    for (int i = 0; i < 3; i++) {
      db.tasks().create(user, NewTask.titled("Task " + i).withDueAt(NOW.plusSeconds(60L * i)));
    }
    Map<String, Object> first = call(springAi, "list_tasks", Map.of("limit", 2));
    assertThat(tasks(first)).hasSize(2);
    assertThat(first).containsEntry("has_more", true).containsKey("next_cursor");
    Map<String, Object> second =
        call(springAi, "list_tasks", Map.of("limit", 2, "cursor", first.get("next_cursor")));
    assertThat(tasks(second)).hasSize(1);
    assertThat(second).containsEntry("has_more", false).doesNotContainKey("next_cursor");
    assertThat(tasks(first).get(0).get("title")).isEqualTo("Task 0");
    assertThat(tasks(second).get(0).get("title")).isEqualTo("Task 2");

    Map<String, Object> mcpFirst = call(mcp, "list_tasks", Map.of("limit", 2));
    assertThat(mcpFirst).doesNotContainKey("has_more").containsKey("next_cursor");
    assertThat(failure(() -> call(mcp, "list_tasks", Map.of("cursor", "garbage"))))
        .isEqualTo("cursor: is not a next_cursor of list_tasks; list again without a cursor");
    assertThat(
            failure(() -> call(mcp, "list_tasks", Map.of("due_today", true, "upcoming_days", 3))))
        .isEqualTo("upcoming_days: cannot be combined with due_today");
  }

  @Test
  void anotherUsersTaskIsNotFoundAndListTagsCountsTasks() {
    UUID other = newUser();
    UUID theirs = db.tasks().create(other, NewTask.titled("Theirs")).id();
    for (String name : List.of("get_task", "complete_task", "delete_task")) {
      assertThatThrownBy(() -> call(mcp, name, Map.of("id", theirs.toString())))
          .isInstanceOf(NotFoundException.class);
    }
    assertThat(db.tasks().get(other, theirs).title()).isEqualTo("Theirs");
    UUID tag = db.tags().create(user, new NewTag("Home", "#112233")).id();
    db.tasks().create(user, NewTask.titled("Mine").withTagIds(List.of(tag)));
    assertThat(mcp.listTags().handler().call(user, Arguments.of(Map.of(), List.of(), "x")))
        .isEqualTo(
            Map.of(
                "tags",
                List.of(
                    Map.of(
                        "id",
                        tag.toString(),
                        "name",
                        "Home",
                        "color",
                        "#112233",
                        "task_count",
                        1L))));
  }

  private static ToolSpec tool(TaskTools tools, String name) {
    return tools.tools().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  private Map<String, Object> call(TaskTools tools, String name, Map<String, ?> arguments) {
    ToolSpec tool = tool(tools, name);
    return tool.handler().call(user, Arguments.of(arguments, tool.argumentNames(), "the test's"));
  }

  private Map<String, Object> call(
      TaskTools tools, String name, Map<String, ?> arguments, TaskOrigin origin) {
    ToolSpec tool = tool(tools, name);
    Arguments args = Arguments.of(arguments, tool.argumentNames(), "the test's").withOrigin(origin);
    return tool.handler().call(user, args);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> task(Map<String, Object> result) {
    return (Map<String, Object>) result.get("task");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> tasks(Map<String, Object> result) {
    return (List<Map<String, Object>>) result.get("tasks");
  }

  private static String failure(Runnable call) {
    try {
      call.run();
    } catch (ValidationException e) {
      return e.field() + ": " + e.reason();
    }
    throw new AssertionError("no ValidationException");
  }

  private List<Task> allTasks() {
    return db.tasks().query(user, TaskQuery.all(), PageRequest.first(50)).items();
  }

  private UUID newUser() {
    String name = "u" + UUID.randomUUID().toString().substring(0, 8);
    return db.users().create(NewUser.of(name, name + "@example.org", "hash")).id();
  }
}
