package io.todokit.mcp;

import static io.todokit.mcp.Fixtures.call;
import static io.todokit.mcp.Fixtures.error;
import static io.todokit.mcp.Fixtures.map;
import static io.todokit.mcp.Fixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.todokit.dao.TodoDb;
import io.todokit.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server over Streamable HTTP, in process on a free port, with the SDK's own client: the
 * bearer-token contract, the tool list and schemas, every tool, bad arguments and other users' ids.
 */
class HttpServerTest {

  private static final String ALICE_TOKEN = "alice-" + UUID.randomUUID();
  private static final String BOB_TOKEN = "bob-" + UUID.randomUUID();
  private static final String CAROL_TOKEN = "carol-" + UUID.randomUUID();
  private static final String DANA_TOKEN = "dana-" + UUID.randomUUID();

  @TempDir static Path dir;

  private static TestDatabase database;
  private static TodoDb db;
  private static UUID alice;
  private static UUID bob;
  private static UUID dana;
  private static TodoMcp.Running server;
  private static final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private static McpSyncClient aliceClient;
  private static McpSyncClient bobClient;
  private static McpSyncClient carolClient;
  private static McpSyncClient danaClient;

  @BeforeAll
  static void start() throws Exception {
    database = TestDatabase.migrated();
    db = TodoDb.create(database.dataSource());
    alice = Fixtures.newUser(db);
    bob = Fixtures.newUser(db);
    UUID carol = Fixtures.newUser(db);
    dana = Fixtures.newUser(db);
    Path tokens = dir.resolve("tokens");
    Files.writeString(
        tokens,
        "# token user\n"
            + ALICE_TOKEN
            + " "
            + alice
            + "\n\n"
            + BOB_TOKEN
            + " "
            + bob
            + "\n"
            + CAROL_TOKEN
            + " "
            + carol
            + "\n"
            + DANA_TOKEN
            + " "
            + dana
            + "\n");
    server =
        TodoMcp.start(
            new TodoMcp.Options(null, 0, tokens, "127.0.0.1", "todokit", false),
            Fixtures.env(database),
            new ByteArrayInputStream(new byte[0]),
            new ByteArrayOutputStream(),
            new PrintStream(log, true, StandardCharsets.UTF_8));
    aliceClient = Fixtures.httpClient(server.port(), ALICE_TOKEN);
    bobClient = Fixtures.httpClient(server.port(), BOB_TOKEN);
    carolClient = Fixtures.httpClient(server.port(), CAROL_TOKEN);
    danaClient = Fixtures.httpClient(server.port(), DANA_TOKEN);
  }

  @AfterAll
  static void stop() {
    if (aliceClient != null) {
      aliceClient.close();
    }
    for (McpSyncClient client : List.of(bobClient, carolClient, danaClient)) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void logsWhereItServesAndNothingOfThePassword() {
    String text = log.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .contains("todo-mcp: database jdbc:postgresql://127.0.0.1:")
        .contains("todo-mcp: serving 16 tools over Streamable HTTP at http://127.0.0.1:");
    if (!database.password().isEmpty()) {
      assertThat(text).doesNotContain(database.password());
    }
  }

  @Test
  void refusesARequestWithoutOrWithAnUnknownTokenWith401() throws Exception {
    String initialize =
        """
        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
        "capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}""";
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/mcp"))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(initialize));

    HttpResponse<String> without = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> wrong =
        http.send(
            request.copy().header("Authorization", "Bearer not-a-token").build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> right =
        http.send(
            request.copy().header("Authorization", "Bearer " + ALICE_TOKEN).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(without.statusCode()).isEqualTo(401);
    assertThat(without.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"todo-mcp\"");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
    assertThatThrownBy(() -> Fixtures.httpClient(server.port(), "not-a-token"))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void listsEveryToolWithSchemasDescriptionsAndHints() {
    List<Tool> tools = aliceClient.listTools().tools();

    assertThat(tools)
        .extracting(Tool::name)
        .containsExactly(
            "add_task",
            "list_tasks",
            "get_task",
            "complete_task",
            "update_task",
            "delete_task",
            "list_tags",
            "create_tag",
            "tag_task",
            "untag_task",
            "create_recurring_task",
            "list_recurring_tasks",
            "delete_recurring_task",
            "add_reminder",
            "list_reminders",
            "remove_reminder");
    for (Tool tool : tools) {
      assertThat(tool.description()).as(tool.name()).hasSizeGreaterThan(30);
      assertThat(tool.inputSchema()).as(tool.name()).containsEntry("type", "object");
      assertThat(tool.inputSchema()).as(tool.name()).containsEntry("additionalProperties", false);
      assertThat(map(tool.inputSchema().get("properties"))).doesNotContainKey("user_id");
      assertThat(tool.outputSchema()).as(tool.name()).containsEntry("type", "object");
      assertThat(tool.annotations().readOnlyHint()).as(tool.name()).isNotNull();
      assertThat(tool.annotations().destructiveHint()).as(tool.name()).isNotNull();
      assertThat(tool.annotations().idempotentHint()).as(tool.name()).isNotNull();
    }
    Tool list = tools.get(1);
    assertThat(list.annotations().readOnlyHint()).isTrue();
    assertThat(map(list.inputSchema().get("properties")))
        .containsKeys(
            "status",
            "overdue",
            "due_today",
            "upcoming_days",
            "tag",
            "priority",
            "text",
            "limit",
            "cursor");
    Tool delete = tools.get(5);
    assertThat(delete.annotations().readOnlyHint()).isFalse();
    assertThat(delete.annotations().destructiveHint()).isTrue();
    assertThat(map(tools.get(0).inputSchema()).get("required")).isEqualTo(List.of("title"));
  }

  @Test
  void addsGetsUpdatesCompletesAndDeletesATask() {
    Instant due = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
    Map<String, Object> added =
        map(
            ok(call(
                    aliceClient,
                    "add_task",
                    Map.of(
                        "title", "Pay rent",
                        "priority", "high",
                        "due_at", due.toString(),
                        "description", "Flat 3B")))
                .get("task"));
    String id = (String) added.get("id");

    assertThat(added)
        .containsEntry("title", "Pay rent")
        .containsEntry("priority", "high")
        .containsEntry("status", "pending")
        .containsEntry("due_at", due.toString())
        .containsEntry("description", "Flat 3B");
    assertThat(db.tasks().get(alice, UUID.fromString(id)).title()).isEqualTo("Pay rent");

    Map<String, Object> got = map(ok(call(aliceClient, "get_task", Map.of("id", id))).get("task"));
    assertThat(got).isEqualTo(added);

    Map<String, Object> patch = new HashMap<>();
    patch.put("id", id);
    patch.put("version", got.get("version"));
    patch.put("title", "Pay the rent");
    patch.put("description", null);
    patch.put("status", "in_progress");
    Map<String, Object> updated = map(ok(call(aliceClient, "update_task", patch)).get("task"));
    assertThat(updated)
        .containsEntry("title", "Pay the rent")
        .containsEntry("status", "in_progress")
        .doesNotContainKey("description");
    assertThat(((Number) updated.get("version")).longValue())
        .isGreaterThan(((Number) got.get("version")).longValue());

    Map<String, Object> completed = ok(call(aliceClient, "complete_task", Map.of("id", id)));
    assertThat(map(completed.get("task")))
        .containsEntry("status", "completed")
        .containsKey("completed_at");
    assertThat(completed).doesNotContainKey("next_task");

    assertThat(ok(call(aliceClient, "delete_task", Map.of("id", id))))
        .containsEntry("deleted", true);
    assertThat(db.tasks().find(alice, UUID.fromString(id))).isEmpty();
    assertThat(error(call(aliceClient, "delete_task", Map.of("id", id))))
        .isEqualTo("task " + id + " not found");
  }

  @Test
  void aStaleVersionIsAnErrorTheModelCanActOn() {
    String id = addTask(aliceClient, "Call mum");
    long version =
        ((Number)
                map(ok(call(aliceClient, "get_task", Map.of("id", id))).get("task")).get("version"))
            .longValue();
    ok(call(aliceClient, "update_task", Map.of("id", id, "version", version, "title", "Call mum")));

    String reason =
        error(call(aliceClient, "update_task", Map.of("id", id, "version", version, "title", "x")));

    assertThat(reason)
        .startsWith("version: task " + id + " was changed since that version was read")
        .contains("get_task")
        .doesNotContain("\n");
    assertThat(db.tasks().get(alice, UUID.fromString(id)).title()).isEqualTo("Call mum");
  }

  @Test
  void completingARecurringTaskReturnsTheNextOccurrence() {
    Map<String, Object> added =
        map(
            ok(call(
                    aliceClient,
                    "add_task",
                    Map.of(
                        "title", "Water plants",
                        "due_at", "2026-03-02T09:00:00Z",
                        "recurrence_rule",
                            Map.of("frequency", "weekly", "days", List.of("monday")))))
                .get("task"));
    assertThat(map(added.get("recurrence_rule"))).containsEntry("frequency", "weekly");

    Map<String, Object> completed =
        ok(call(aliceClient, "complete_task", Map.of("id", added.get("id"))));

    assertThat(map(completed.get("next_task")))
        .containsEntry("title", "Water plants")
        .containsEntry("due_at", "2026-03-09T09:00:00Z");
  }

  @Test
  void listsWithFiltersAndPages() {
    Instant now = Instant.now();
    McpSyncClient bobClient = carolClient;
    String tag =
        (String)
            map(ok(call(bobClient, "create_tag", Map.of("name", "errands"))).get("tag")).get("id");
    String overdue =
        addTask(
            bobClient,
            Map.of(
                "title",
                "Return books",
                "due_at",
                now.minus(Duration.ofDays(2)).toString(),
                "priority",
                "urgent"));
    String upcoming =
        addTask(
            bobClient,
            Map.of(
                "title",
                "Dentist",
                "due_at",
                now.plus(Duration.ofDays(3)).toString(),
                "tag_ids",
                List.of(tag)));
    String later =
        addTask(
            bobClient,
            Map.of(
                "title",
                "Renew passport",
                "due_at",
                now.plus(Duration.ofDays(40)).toString(),
                "priority",
                "low"));
    String done = addTask(bobClient, "Buy milk");
    ok(call(bobClient, "complete_task", Map.of("id", done)));

    assertThat(ids(call(bobClient, "list_tasks", Map.of())))
        .containsExactly(overdue, upcoming, later);
    assertThat(ids(call(bobClient, "list_tasks", Map.of("status", "completed"))))
        .containsExactly(done);
    assertThat(ids(call(bobClient, "list_tasks", Map.of("status", "all")))).hasSize(4);
    assertThat(ids(call(bobClient, "list_tasks", Map.of("overdue", true))))
        .containsExactly(overdue);
    assertThat(ids(call(bobClient, "list_tasks", Map.of("upcoming_days", 7))))
        .containsExactly(upcoming);
    assertThat(ids(call(bobClient, "list_tasks", Map.of("tag", "ERRANDS"))))
        .containsExactly(upcoming);
    assertThat(ids(call(bobClient, "list_tasks", Map.of("tag", tag)))).containsExactly(upcoming);
    assertThat(ids(call(bobClient, "list_tasks", Map.of("priority", "low"))))
        .containsExactly(later);
    assertThat(ids(call(bobClient, "list_tasks", Map.of("text", "passport"))))
        .containsExactly(later);
    assertThat(error(call(bobClient, "list_tasks", Map.of("tag", "nope"))))
        .isEqualTo("tag nope not found");
    assertThat(error(call(bobClient, "list_tasks", Map.of("due_today", true, "upcoming_days", 2))))
        .startsWith("upcoming_days: ");

    Map<String, Object> first = ok(call(bobClient, "list_tasks", Map.of("limit", 2)));
    assertThat((List<?>) first.get("tasks")).hasSize(2);
    String cursor = (String) first.get("next_cursor");
    assertThat(cursor).isNotBlank();
    Map<String, Object> second =
        ok(call(bobClient, "list_tasks", Map.of("limit", 2, "cursor", cursor)));
    assertThat(ids(second)).containsExactly(later);
    assertThat(second).doesNotContainKey("next_cursor");
    assertThat(error(call(bobClient, "list_tasks", Map.of("cursor", "garbage"))))
        .startsWith("cursor: ");
  }

  @Test
  void dueTodayIsTheUsersDayInTheirTimeZone() {
    db.users().setTimeZone(dana, java.time.ZoneId.of("Pacific/Kiritimati"));
    String now = addTask(danaClient, Map.of("title", "Now", "due_at", Instant.now().toString()));
    addTask(
        danaClient,
        Map.of(
            "title",
            "After tomorrow",
            "due_at",
            Instant.now().plus(Duration.ofDays(2)).toString()));
    addTask(danaClient, "Whenever");

    assertThat(ids(call(danaClient, "list_tasks", Map.of("due_today", true)))).containsExactly(now);
  }

  @Test
  void tagsTasks() {
    String task = addTask(aliceClient, "Report");
    Map<String, Object> tag =
        map(
            ok(call(aliceClient, "create_tag", Map.of("name", "work", "color", "#d73a49")))
                .get("tag"));
    String tagId = (String) tag.get("id");

    Map<String, Object> tagged =
        ok(call(aliceClient, "tag_task", Map.of("task_id", task, "tag_id", tagId)));
    Map<String, Object> again =
        ok(call(aliceClient, "tag_task", Map.of("task_id", task, "tag_id", tagId)));

    assertThat((List<?>) tagged.get("tags")).hasSize(1);
    assertThat(again).isEqualTo(tagged);
    assertThat((List<?>) ok(call(aliceClient, "list_tags", Map.of())).get("tags"))
        .singleElement()
        .satisfies(
            t ->
                assertThat(map(t))
                    .containsEntry("name", "work")
                    .containsEntry("color", "#d73a49")
                    .containsEntry("task_count", 1));
    assertThat(error(call(aliceClient, "create_tag", Map.of("name", "WORK"))))
        .startsWith("name: already taken");
    assertThat(
            (List<?>)
                ok(call(aliceClient, "untag_task", Map.of("task_id", task, "tag_id", tagId)))
                    .get("tags"))
        .isEmpty();
    assertThat(error(call(aliceClient, "create_tag", Map.of("name", "x", "color", "red"))))
        .startsWith("color: ");
  }

  @Test
  void createsListsAndDeletesRecurringTasks() {
    Map<String, Object> created =
        map(
            ok(call(
                    aliceClient,
                    "create_recurring_task",
                    Map.of(
                        "title", "Stand-up",
                        "recurrence_rule",
                            Map.of("frequency", "weekly", "days", List.of("monday", "thursday")),
                        "starts_at", "2030-03-04T09:00",
                        "time_zone", "Europe/Berlin",
                        "priority", "high")))
                .get("recurring_task"));

    assertThat(created)
        .containsEntry("title", "Stand-up")
        .containsEntry("time_zone", "Europe/Berlin")
        .containsEntry("starts_at", "2030-03-04T08:00:00Z")
        .containsEntry("priority", "high")
        .containsEntry("active", true);
    assertThat(
            (List<?>)
                ok(call(aliceClient, "list_recurring_tasks", Map.of())).get("recurring_tasks"))
        .extracting(t -> map(t).get("id"))
        .contains(created.get("id"));
    assertThat(error(call(bobClient, "delete_recurring_task", Map.of("id", created.get("id")))))
        .endsWith(" not found");
    assertThat(ok(call(aliceClient, "delete_recurring_task", Map.of("id", created.get("id")))))
        .containsEntry("deleted", true);
    assertThat(
            error(
                call(
                    aliceClient,
                    "create_recurring_task",
                    Map.of(
                        "title", "Bad",
                        "recurrence_rule", Map.of("frequency", "weekly", "interval", 0),
                        "starts_at", "2030-03-04T09:00"))))
        .startsWith("recurrence_rule.interval: ");
  }

  @Test
  void addsListsAndRemovesReminders() {
    Instant due = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
    String task = addTask(aliceClient, Map.of("title", "Dentist", "due_at", due.toString()));
    Instant at = due.minus(Duration.ofDays(1));

    Map<String, Object> absolute =
        map(
            ok(call(aliceClient, "add_reminder", Map.of("task_id", task, "at", at.toString())))
                .get("reminder"));
    Map<String, Object> relative =
        map(
            ok(call(aliceClient, "add_reminder", Map.of("task_id", task, "before_due_minutes", 30)))
                .get("reminder"));

    assertThat(absolute)
        .containsEntry("task_id", task)
        .containsEntry("at", at.toString())
        .containsEntry("fire_at", at.toString())
        .containsEntry("state", "pending");
    assertThat(relative)
        .containsEntry("before_due_minutes", 30)
        .containsEntry("fire_at", due.minus(Duration.ofMinutes(30)).toString());
    assertThat(
            (List<?>)
                ok(call(aliceClient, "list_reminders", Map.of("task_id", task))).get("reminders"))
        .extracting(r -> map(r).get("id"))
        .containsExactly(absolute.get("id"), relative.get("id"));
    assertThat(
            error(
                call(
                    bobClient,
                    "remove_reminder",
                    Map.of("task_id", task, "id", absolute.get("id")))))
        .endsWith(" not found");
    assertThat(error(call(bobClient, "list_reminders", Map.of("task_id", task))))
        .isEqualTo("task " + task + " not found");
    assertThat(
            ok(
                call(
                    aliceClient,
                    "remove_reminder",
                    Map.of("task_id", task, "id", absolute.get("id")))))
        .containsEntry("removed", true);
    assertThat(db.reminders().list(alice, UUID.fromString(task))).hasSize(1);
    assertThat(error(call(aliceClient, "add_reminder", Map.of("task_id", task))))
        .startsWith("at: give either at or before_due_minutes");
    assertThat(
            error(
                call(
                    aliceClient,
                    "add_reminder",
                    Map.of("task_id", task, "before_due_minutes", -5))))
        .startsWith("before_due_minutes: must be 0 to");
  }

  @Test
  void badArgumentsAreErrorsNamingTheField() {
    assertThat(error(call(aliceClient, "add_task", Map.of("title", "x", "priority", "huge"))))
        .isEqualTo("priority: must be one of low, medium, high, urgent");
    assertThat(error(call(aliceClient, "add_task", Map.of("title", "x", "due_at", "tomorrow"))))
        .startsWith("due_at: must be an ISO-8601 date-time");
    assertThat(error(call(aliceClient, "add_task", Map.of("title", "")))).startsWith("title: ");
    assertThat(error(call(aliceClient, "add_task", Map.of()))).startsWith("title: ");
    assertThat(error(call(aliceClient, "get_task", Map.of("id", "42"))))
        .startsWith("id: must be an id");
    assertThat(error(call(aliceClient, "update_task", Map.of("id", UUID.randomUUID().toString()))))
        .startsWith("version: ");
    assertThat(
            error(
                call(
                    aliceClient,
                    "add_task",
                    Map.of("title", "x", "recurrence_rule", Map.of("frequency", "hourly")))))
        .startsWith("recurrence_rule");
    assertThat(error(call(aliceClient, "list_tasks", Map.of("limit", 500)))).startsWith("limit: ");
  }

  @Test
  void aUserIdArgumentIsRefusedAndNeverUsed() {
    String reason =
        error(call(aliceClient, "add_task", Map.of("title", "Sneaky", "user_id", bob.toString())));

    assertThat(reason).startsWith("user_id: not an argument: the acting user is the one");
    assertThat(
            db.tasks()
                .query(
                    bob,
                    io.todokit.dao.tasks.TaskQuery.all().withText("Sneaky"),
                    io.todokit.dao.PageRequest.first())
                .items())
        .isEmpty();
  }

  @Test
  void anotherUsersIdsAreNotFound() {
    String task = addTask(aliceClient, "Alice's secret");
    String tag =
        (String)
            map(ok(call(aliceClient, "create_tag", Map.of("name", "private"))).get("tag"))
                .get("id");
    String bobsTask = addTask(bobClient, "Bob's task");

    assertThat(error(call(bobClient, "get_task", Map.of("id", task))))
        .isEqualTo("task " + task + " not found");
    assertThat(error(call(bobClient, "complete_task", Map.of("id", task)))).endsWith("not found");
    assertThat(
            error(call(bobClient, "update_task", Map.of("id", task, "version", 1, "title", "x"))))
        .endsWith("not found");
    assertThat(error(call(bobClient, "delete_task", Map.of("id", task)))).endsWith("not found");
    assertThat(error(call(bobClient, "tag_task", Map.of("task_id", bobsTask, "tag_id", tag))))
        .isEqualTo("tag " + tag + " not found");
    assertThat(error(call(bobClient, "list_tasks", Map.of("tag", tag)))).endsWith("not found");
    assertThat(ids(call(bobClient, "list_tasks", Map.of("text", "secret")))).isEmpty();
    assertThat(db.tasks().get(alice, UUID.fromString(task)).status())
        .isEqualTo(io.todokit.dao.tasks.TaskStatus.PENDING);
  }

  @Test
  void aRetriedAddTaskWithoutAKeyAddsASecondTask() {
    Map<String, Object> arguments = Map.of("title", "Retried " + UUID.randomUUID());
    String first = addTask(aliceClient, arguments);
    String second = addTask(aliceClient, arguments);

    assertThat(second).isNotEqualTo(first);
    assertThat(
            ids(call(aliceClient, "list_tasks", Map.of("text", (String) arguments.get("title")))))
        .containsExactlyInAnyOrder(first, second);
  }

  @Test
  void aRetriedCallWithItsIdempotencyKeyIsNotMadeAgain() {
    String title = "Keyed " + UUID.randomUUID();
    String key = UUID.randomUUID().toString();
    Map<String, Object> arguments = Map.of("title", title, "idempotency_key", key);
    String first = addTask(aliceClient, arguments);
    String retried = addTask(aliceClient, arguments);

    assertThat(retried).isEqualTo(first);
    assertThat(ids(call(aliceClient, "list_tasks", Map.of("text", title)))).containsExactly(first);
    // Bob's calls with the same key are his own.
    assertThat(addTask(bobClient, arguments)).isNotEqualTo(first);

    String completeKey = UUID.randomUUID().toString();
    Map<String, Object> complete = Map.of("id", first, "idempotency_key", completeKey);
    ok(call(aliceClient, "complete_task", complete));
    ok(call(aliceClient, "update_task", Map.of("id", first, "version", 1, "status", "pending")));
    // The retried completion answers with the task as it is now and does not complete it again.
    assertThat(map(ok(call(aliceClient, "complete_task", complete)).get("task")).get("status"))
        .isEqualTo("pending");
    // A key names one change.
    assertThat(error(call(aliceClient, "delete_task", Map.of("id", first, "idempotency_key", key))))
        .startsWith("idempotency_key: was already used to create task " + first);
    assertThat(error(call(aliceClient, "add_task", Map.of("title", "x", "idempotency_key", " "))))
        .startsWith("idempotency_key: ");
    assertThat(db.tasks().effect(alice, io.todokit.dao.tasks.TaskOrigin.idempotencyKey(key)))
        .map(effect -> effect.taskId().toString())
        .contains(first);
  }

  private static String addTask(McpSyncClient client, String title) {
    return addTask(client, Map.of("title", title));
  }

  private static String addTask(McpSyncClient client, Map<String, Object> arguments) {
    return (String) map(ok(call(client, "add_task", arguments)).get("task")).get("id");
  }

  private static List<Object> ids(io.modelcontextprotocol.spec.McpSchema.CallToolResult result) {
    return ids(ok(result));
  }

  private static List<Object> ids(Map<String, Object> result) {
    return ((List<?>) result.get("tasks")).stream().map(t -> map(t).get("id")).toList();
  }
}
