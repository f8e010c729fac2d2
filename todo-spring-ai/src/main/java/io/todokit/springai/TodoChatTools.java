package io.todokit.springai;

import io.todokit.dao.ConcurrentUpdateException;
import io.todokit.dao.DuplicateException;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.TodoDb;
import io.todokit.dao.TodoException;
import io.todokit.dao.UnavailableException;
import io.todokit.dao.ValidationException;
import io.todokit.dao.tasks.TaskOrigin;
import io.todokit.tools.Arguments;
import io.todokit.tools.TaskTools;
import io.todokit.tools.ToolSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring AI tools over one user's tasks and tags, with the names and meaning of todo-mcp's: {@code
 * add_task}, {@code list_tasks}, {@code complete_task}, {@code update_task}, {@code delete_task}
 * and {@code list_tags}. Make one per request with the authenticated user, {@code
 * TodoChatTools.forUser(db, userId).toolCallbacks()}, and give the callbacks to a {@code
 * ChatClient} or to {@code ToolCallingChatOptions}.
 *
 * <p><b>The acting user never comes from the arguments</b>: no tool takes one, and a call that
 * passes {@code user_id} anyway is refused. Another user's ids are "not found", like ids that do
 * not exist.
 *
 * <p><b>Provenance and retries.</b> When the call's {@link ToolContext} carries a {@link
 * TaskOrigin} under {@link #ORIGIN_KEY} (build it with {@link #context(UUID, String)}), every write
 * goes through {@code db.tasks().via(origin)}: it records its {@code TaskEffect} (the
 * conversation's "what the assistant did"), and a retried call with the same origin does not write
 * again but answers with the task the first call wrote. Without an origin the tools write plainly.
 *
 * <p><b>Results</b> are one line of JSON: on success the task(s) or tag(s) (snake_case, ids as
 * UUIDs, instants in ISO-8601 UTC, enums in lower case, absent values left out); on failure {@code
 * {"error": "<field>: <reason>"}} with the reason a model can act on ({@code due_at: must be an
 * ISO-8601 date-time…}, {@code task 0b9f… not found}), never a stack trace: the callbacks do not
 * throw for todokit's exceptions, so Spring AI's {@code ToolExecutionExceptionProcessor} is not
 * involved. Immutable and thread-safe.
 */
public final class TodoChatTools {

  /** The {@link ToolContext} key of the call's {@link TaskOrigin}. */
  public static final String ORIGIN_KEY = "io.todokit.origin";

  /** The tools' names, in the order {@link #toolCallbacks()} lists them. */
  public static final List<String> TOOL_NAMES =
      List.of("add_task", "list_tasks", "complete_task", "update_task", "delete_task", "list_tags");

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String ACTING_USER = "the one the chat service is called for";

  private final TodoDb db;
  private final UUID userId;
  private final Clock clock;

  private TodoChatTools(TodoDb db, UUID userId, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.userId = Objects.requireNonNull(userId, "userId");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The tools of one user.
   *
   * @param db the database
   * @param userId the acting user (the authenticated one, never the model's)
   * @return the tools
   */
  public static TodoChatTools forUser(TodoDb db, UUID userId) {
    return new TodoChatTools(db, userId, Clock.systemUTC());
  }

  /**
   * These tools with another "now" for {@code list_tasks}'s overdue, due-today and upcoming
   * filters.
   *
   * @param clock the clock
   * @return the new tools
   */
  public TodoChatTools withClock(Clock clock) {
    return new TodoChatTools(db, userId, clock);
  }

  /**
   * The tool context of a model's tool call: its origin under {@link #ORIGIN_KEY}.
   *
   * @param conversationId the conversation whose model made the call
   * @param toolCallId the call's id as the model gave it
   * @return a map for {@code new ToolContext(…)} or {@code ChatClient…toolContext(…)}
   * @throws ValidationException ({@code origin.tool_call_id}) for a blank or too long id
   */
  public static Map<String, Object> context(UUID conversationId, String toolCallId) {
    return context(TaskOrigin.toolCall(conversationId, toolCallId));
  }

  /**
   * The tool context carrying an origin, e.g. one with the stored assistant message's id.
   *
   * @param origin the origin
   * @return a map for {@code new ToolContext(…)}
   */
  public static Map<String, Object> context(TaskOrigin origin) {
    return Map.of(ORIGIN_KEY, Objects.requireNonNull(origin, "origin"));
  }

  /**
   * The tools as Spring AI callbacks, in the order of {@link #TOOL_NAMES}.
   *
   * @return the callbacks
   */
  public List<ToolCallback> toolCallbacks() {
    TaskTools tools = new TaskTools(db, clock, TaskTools.Style.springAi());
    List<ToolCallback> callbacks = new ArrayList<>();
    for (ToolSpec tool : tools.tools()) {
      callbacks.add(new Callback(tool));
    }
    callbacks.add(new Callback(tools.listTags()));
    return List.copyOf(callbacks);
  }

  /** A shared tool as a Spring AI callback: its definition, and its call for the user. */
  private final class Callback implements ToolCallback {
    private final ToolSpec tool;
    private final ToolDefinition definition;

    Callback(ToolSpec tool) {
      this.tool = tool;
      this.definition =
          ToolDefinition.builder()
              .name(tool.name())
              .description(tool.description())
              .inputSchema(JSON.writeValueAsString(tool.inputSchema()))
              .build();
    }

    @Override
    public ToolDefinition getToolDefinition() {
      return definition;
    }

    @Override
    public String call(String toolInput) {
      return call(toolInput, null);
    }

    @Override
    public String call(String toolInput, @Nullable ToolContext toolContext) {
      try {
        Object origin = toolContext == null ? null : toolContext.getContext().get(ORIGIN_KEY);
        if (origin != null && !(origin instanceof TaskOrigin)) {
          throw new IllegalArgumentException(
              ORIGIN_KEY + " must be a TaskOrigin, not a " + origin.getClass().getName());
        }
        Arguments arguments = arguments(toolInput);
        if (origin instanceof TaskOrigin taskOrigin) {
          arguments = arguments.withOrigin(taskOrigin);
        }
        return JSON.writeValueAsString(tool.handler().call(userId, arguments));
      } catch (TodoException e) {
        return error(reason(e));
      }
    }

    private Arguments arguments(@Nullable String toolInput) {
      Map<String, @Nullable Object> values;
      if (toolInput == null || toolInput.isBlank()) {
        values = Map.of();
      } else {
        try {
          @SuppressWarnings("unchecked")
          Map<String, @Nullable Object> parsed = JSON.readValue(toolInput, Map.class);
          values = parsed;
        } catch (JacksonException | ClassCastException e) {
          throw new ValidationException("arguments", "must be a JSON object", e);
        }
      }
      return Arguments.of(values, tool.argumentNames(), ACTING_USER);
    }
  }

  /**
   * The one line a model reads for a failed call: the field and the reason, never a stack trace.
   */
  static String reason(TodoException e) {
    return switch (e) {
      case ValidationException v -> v.field() + ": " + v.reason();
      case NotFoundException n -> n.entity() + " " + n.id() + " not found";
      case DuplicateException d -> d.field() + ": already taken";
      case ConcurrentUpdateException c ->
          "version: "
              + c.entity()
              + " "
              + c.id()
              + " was changed since that version was read; nothing was changed: list it again"
              + " and retry with its current version";
      case UnavailableException u ->
          u.retryable()
              ? "the database is unavailable for a moment: try again (a change may or may not"
                  + " have been made; list first)"
              : "the database refused the call: " + u.getMessage();
    };
  }

  private static String error(String reason) {
    return JSON.writeValueAsString(Map.of("error", reason));
  }
}
