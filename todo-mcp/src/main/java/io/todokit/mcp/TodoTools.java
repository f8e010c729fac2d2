package io.todokit.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool.Builder;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import io.todokit.dao.ConcurrentUpdateException;
import io.todokit.dao.DuplicateException;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.TodoDb;
import io.todokit.dao.TodoException;
import io.todokit.dao.UnavailableException;
import io.todokit.dao.ValidationException;
import io.todokit.tools.Arguments;
import io.todokit.tools.TaskTools;
import io.todokit.tools.ToolSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The to-do tools of a {@link TodoDb} as MCP tool specifications, for a service to register in its
 * own MCP server (or for {@link TodoMcp}, the runnable server):
 *
 * <pre>{@code
 * TodoTools tools = TodoTools.create(db, UserResolver.fromTransportContext());
 * McpServer.sync(transport).serverInfo("my-service", "1.0").tools(tools.specifications()).build();
 * }</pre>
 *
 * <p>Each call acts for the user the {@link UserResolver} finds in the call's transport context,
 * and never for a user named in the arguments (a {@code user_id} argument is refused). A call that
 * is not authenticated, or whose arguments or effect the library refuses, answers with a tool
 * result marked {@code isError} and one line a model can act on, naming the argument ({@code
 * "due_at: must be an ISO-8601 date-time …"}, {@code "task … not found"}); another user's ids are
 * simply not found. Results carry structured content matching each tool's output schema, and the
 * same JSON as text. Immutable and thread-safe.
 */
public final class TodoTools {

  private static final Logger LOG = LoggerFactory.getLogger(TodoTools.class);
  private static final String ACTING_USER = "the one the connection is authenticated as";

  private final TodoDb db;
  private final UserResolver users;
  private final Clock clock;
  private final McpJsonMapper json;
  private final List<ToolSpec> tools;

  private TodoTools(TodoDb db, UserResolver users, Clock clock, McpJsonMapper json) {
    this.db = db;
    this.users = users;
    this.clock = clock;
    this.json = json;
    TaskTools tasks = new TaskTools(db, clock, TaskTools.Style.mcp());
    List<ToolSpec> all = new ArrayList<>(tasks.tools());
    all.add(tasks.listTags());
    all.addAll(new TagTools(db).tools());
    all.addAll(new RecurringTools(db).tools());
    all.addAll(new ReminderTools(db).tools());
    this.tools = List.copyOf(all);
  }

  /**
   * The tools on a database, acting for the user each call's transport context names.
   *
   * @param db the database
   * @param users finds the acting user of a call
   * @return the tools
   */
  public static TodoTools create(TodoDb db, UserResolver users) {
    return new TodoTools(
        Objects.requireNonNull(db, "db"),
        Objects.requireNonNull(users, "users"),
        Clock.systemUTC(),
        McpJsonDefaults.getMapper());
  }

  /**
   * The same tools with another clock for "now" in list_tasks's filters (overdue, due today,
   * upcoming); give it the clock of the {@link TodoDb} when that is not the system clock.
   *
   * @param clock the clock
   * @return a copy
   */
  public TodoTools withClock(Clock clock) {
    return new TodoTools(db, users, Objects.requireNonNull(clock, "clock"), json);
  }

  /**
   * The tool names, in the order of {@link #specifications()}.
   *
   * @return the names
   */
  public List<String> names() {
    return tools.stream().map(ToolSpec::name).toList();
  }

  /**
   * The tool specifications to register in an MCP server.
   *
   * @return one per tool
   */
  public List<SyncToolSpecification> specifications() {
    return tools.stream().map(this::specification).toList();
  }

  private SyncToolSpecification specification(ToolSpec tool) {
    ToolSpec.Hints hints = tool.hints();
    Builder builder =
        io.modelcontextprotocol.spec.McpSchema.Tool.builder(tool.name())
            .title(hints.title())
            .description(tool.description())
            .inputSchema(tool.inputSchema())
            .outputSchema(tool.outputSchema())
            .annotations(
                new ToolAnnotations(
                    hints.title(),
                    hints.readOnly(),
                    hints.destructive(),
                    hints.idempotent(),
                    false,
                    null));
    return SyncToolSpecification.builder()
        .tool(builder.build())
        .callHandler((exchange, request) -> call(tool, exchange, request))
        .build();
  }

  private CallToolResult call(
      ToolSpec tool, McpSyncServerExchange exchange, CallToolRequest request) {
    Optional<UUID> user = users.resolve(exchange.transportContext());
    if (user.isEmpty()) {
      return error("not authenticated: this connection acts for no user; nothing was done");
    }
    try {
      Arguments arguments = Arguments.of(request.arguments(), tool.argumentNames(), ACTING_USER);
      Map<String, Object> result = tool.handler().call(user.get(), arguments);
      return CallToolResult.builder()
          .structuredContent(result)
          .addTextContent(toJson(result))
          .isError(false)
          .build();
    } catch (TodoException e) {
      if (e instanceof UnavailableException) {
        LOG.warn("{} failed: {}", tool.name(), e.getMessage(), e);
      }
      return error(reason(e));
    } catch (RuntimeException e) {
      LOG.error("{} failed", tool.name(), e);
      return error("internal error in " + tool.name() + "; nothing more is known to the tool");
    }
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One line a model can act on; never a stack trace, never SQL. */
  static String reason(TodoException e) {
    return switch (e) {
      case ValidationException v -> v.field() + ": " + v.reason();
      case NotFoundException n -> n.entity() + " " + n.id() + " not found";
      case DuplicateException d ->
          d.field() + ": already taken (in any case); list the existing ones to find it";
      case ConcurrentUpdateException c ->
          "version: "
              + c.entity()
              + " "
              + c.id()
              + " was changed since that version was read; nothing was changed: get it again"
              + " (get_task) and retry with its current version";
      case UnavailableException u ->
          u.retryable()
              ? "the database is unavailable for a moment: try again (a change may or may not"
                  + " have been made; list first)"
              : "the database refused the call: " + u.getMessage();
    };
  }

  private static CallToolResult error(String reason) {
    return CallToolResult.builder().addTextContent(reason).isError(true).build();
  }
}
