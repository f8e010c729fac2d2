package io.todokit.mcp;

import static io.todokit.mcp.Fixtures.call;
import static io.todokit.mcp.Fixtures.map;
import static io.todokit.mcp.Fixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.todokit.dao.PageRequest;
import io.todokit.dao.TodoDb;
import io.todokit.dao.tasks.Task;
import io.todokit.dao.tasks.TaskQuery;
import io.todokit.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code target/todo-mcp.jar} as an MCP host runs it: a child JVM speaking MCP over stdio, driven
 * by the SDK's own stdio client. Runs in the package phase, after the shade plugin built the jar.
 */
class StdioJarTest {

  private static final Path JAR =
      Path.of(System.getProperty("todo.mcp.jar", "target/todo-mcp.jar"));
  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @Test
  void servesTheToolsOfTheUserGivenAtStartOverStdio() {
    try (TestDatabase database = TestDatabase.migrated()) {
      TodoDb db = TodoDb.create(database.dataSource());
      UUID user = Fixtures.newUser(db);
      UUID other = Fixtures.newUser(db);
      ServerParameters parameters =
          ServerParameters.builder(JAVA)
              .args("-jar", JAR.toString(), "--user", user.toString())
              .env(Fixtures.env(database))
              .build();
      StdioClientTransport transport =
          new StdioClientTransport(parameters, McpJsonDefaults.getMapper());
      List<String> stderr = new ArrayList<>();
      transport.setStdErrorHandler(stderr::add);

      try (McpSyncClient client = Fixtures.client(transport)) {
        List<Tool> tools = client.listTools().tools();
        Map<String, Object> added =
            map(
                ok(call(client, "add_task", Map.of("title", "Over stdio", "priority", "urgent")))
                    .get("task"));
        Map<String, Object> listed = ok(call(client, "list_tasks", Map.of()));

        assertThat(tools).hasSize(16);
        assertThat(tools).allSatisfy(tool -> assertThat(tool.outputSchema()).isNotEmpty());
        assertThat(client.getServerInfo().name()).isEqualTo("todo-mcp");
        assertThat((List<?>) listed.get("tasks"))
            .singleElement()
            .satisfies(task -> assertThat(map(task)).containsEntry("id", added.get("id")));
        List<Task> stored = db.tasks().query(user, TaskQuery.all(), PageRequest.first()).items();
        assertThat(stored).extracting(Task::title).containsExactly("Over stdio");
        assertThat(db.tasks().query(other, TaskQuery.all(), PageRequest.first()).items()).isEmpty();
      }
      assertThat(String.join("\n", stderr)).contains("todo-mcp: serving 16 tools over stdio");
    }
  }

  @Test
  void refusesToStartOnAnUnmigratedDatabase() throws Exception {
    try (TestDatabase database = TestDatabase.empty()) {
      Run run = java(Fixtures.env(database), "--user", UUID.randomUUID().toString());

      assertThat(run.exitCode()).isEqualTo(3);
      assertThat(run.out()).isEmpty();
      assertThat(run.err())
          .contains("todo-mcp: error: todokit schema \"todokit\" has no todokit migrations")
          .contains("this release needs version")
          .contains("todo-cli migrate");
    }
  }

  @Test
  void stopsWhenStdinEnds() throws Exception {
    try (TestDatabase database = TestDatabase.migrated()) {
      UUID user = Fixtures.newUser(TodoDb.create(database.dataSource()));

      Run run = java(Fixtures.env(database), "--user", user.toString());

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out()).isEmpty();
      assertThat(run.err()).contains("todo-mcp: serving 16 tools over stdio for user " + user);
    }
  }

  @Test
  void refusesAnUnknownUser() throws Exception {
    try (TestDatabase database = TestDatabase.migrated()) {
      UUID nobody = UUID.randomUUID();
      Run run = java(Fixtures.env(database), "--user", nobody.toString());

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.out()).isEmpty();
      assertThat(run.err()).contains("todo-mcp: error: --user: there is no user " + nobody);
    }
  }

  @Test
  void explainsAMissingDatabaseAndBadOptions() throws Exception {
    Run noDatabase = java(Map.of(), "--user", UUID.randomUUID().toString());
    Run noMode = java(Map.of());
    Run noTokens = java(Map.of(), "--http", "0");

    assertThat(noDatabase.exitCode()).isEqualTo(2);
    assertThat(noDatabase.err()).startsWith("todo-mcp: error: no database given: set TODO_PG_URL");
    assertThat(noMode.exitCode()).isEqualTo(2);
    assertThat(noMode.err()).startsWith("todo-mcp: error: give --user UUID (stdio) or --http PORT");
    assertThat(noTokens.err()).startsWith("todo-mcp: error: --http needs --tokens FILE");
  }

  @Test
  void neverPrintsThePassword() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put(TodoMcp.URL_VARIABLE, "jdbc:postgresql://127.0.0.1:1/todo?password=hunter2-in-url");
    env.put(TodoMcp.USER_VARIABLE, "todo");
    env.put(TodoMcp.PASSWORD_VARIABLE, "s3cret-in-env");

    Run run = java(env, "--user", UUID.randomUUID().toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith(
            "todo-mcp: error: cannot connect to jdbc:postgresql://127.0.0.1:1/todo?password=***")
        .doesNotContain("hunter2")
        .doesNotContain("s3cret");
    assertThat(run.out()).isEmpty();
  }

  private record Run(int exitCode, String out, String err) {}

  private static Run java(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove(TodoMcp.URL_VARIABLE);
    builder.environment().remove(TodoMcp.USER_VARIABLE);
    builder.environment().remove(TodoMcp.PASSWORD_VARIABLE);
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("todo-mcp did not exit: " + err);
    }
    return new Run(process.exitValue(), out, err);
  }
}
