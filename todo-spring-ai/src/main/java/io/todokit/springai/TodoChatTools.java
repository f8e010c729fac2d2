package io.todokit.springai;

import static io.todokit.springai.ToolSchemas.arrayOf;
import static io.todokit.springai.ToolSchemas.bool;
import static io.todokit.springai.ToolSchemas.enumeration;
import static io.todokit.springai.ToolSchemas.instant;
import static io.todokit.springai.ToolSchemas.integer;
import static io.todokit.springai.ToolSchemas.object;
import static io.todokit.springai.ToolSchemas.orNull;
import static io.todokit.springai.ToolSchemas.string;
import static io.todokit.springai.ToolSchemas.uuid;

import io.todokit.dao.ConcurrentUpdateException;
import io.todokit.dao.DuplicateException;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.Page;
import io.todokit.dao.PageRequest;
import io.todokit.dao.TodoDb;
import io.todokit.dao.TodoException;
import io.todokit.dao.UnavailableException;
import io.todokit.dao.ValidationException;
import io.todokit.dao.reminders.ReminderSpec;
import io.todokit.dao.tags.TagWithCount;
import io.todokit.dao.tasks.Completion;
import io.todokit.dao.tasks.NewTask;
import io.todokit.dao.tasks.Priority;
import io.todokit.dao.tasks.TagFilter;
import io.todokit.dao.tasks.Task;
import io.todokit.dao.tasks.TaskDao;
import io.todokit.dao.tasks.TaskOrigin;
import io.todokit.dao.tasks.TaskPatch;
import io.todokit.dao.tasks.TaskQuery;
import io.todokit.dao.tasks.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
  private static final Map<String, Object> PRIORITY =
      enumeration("The priority, default medium.", "low", "medium", "high", "urgent");
  private static final Map<String, Object> TASK_ID =
      uuid("The task's id, as add_task or list_tasks gave it.");
  private static final long MAX_REMINDER_MINUTES = ReminderSpec.MAX_BEFORE_DUE.toMinutes();

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
    return List.of(addTask(), listTasks(), completeTask(), updateTask(), deleteTask(), listTags());
  }

  /** One tool's body: the user's DAO (through the origin when there is one) and the arguments. */
  @FunctionalInterface
  private interface Body {
    Map<String, Object> run(TaskDao tasks, ToolArguments args);
  }

  /** A tool: its definition, the arguments it takes, and its body. */
  private final class Callback implements ToolCallback {
    private final ToolDefinition definition;
    private final List<String> argumentNames;
    private final Body body;

    Callback(String name, String description, ToolSchemas.ObjectSchema input, Body body) {
      this.definition =
          ToolDefinition.builder()
              .name(name)
              .description(description)
              .inputSchema(JSON.writeValueAsString(input.input()))
              .build();
      this.argumentNames = input.names();
      this.body = body;
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
        TaskDao tasks = db.tasks();
        Object origin = toolContext == null ? null : toolContext.getContext().get(ORIGIN_KEY);
        if (origin instanceof TaskOrigin taskOrigin) {
          tasks = tasks.via(taskOrigin);
        } else if (origin != null) {
          throw new IllegalArgumentException(
              ORIGIN_KEY + " must be a TaskOrigin, not a " + origin.getClass().getName());
        }
        return JSON.writeValueAsString(body.run(tasks, arguments(toolInput)));
      } catch (TodoException e) {
        return error(reason(e));
      }
    }

    private ToolArguments arguments(@Nullable String toolInput) {
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
      return ToolArguments.of(values, argumentNames, JSON);
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

  private ToolCallback addTask() {
    return new Callback(
        "add_task",
        "Adds a task to the user's to-do list and returns it with its id. Only the title is"
            + " required; give due_at as an ISO-8601 instant with an offset (resolve 'tomorrow at"
            + " 9' in the user's time zone first). Tags are given by name and must exist"
            + " (list_tags).",
        object()
            .required("title", string("What is to be done, 1 to 255 characters.", 1, 255))
            .optional("description", string("Details, up to 10,000 characters."))
            .optional("priority", PRIORITY)
            .optional("due_at", instant("When it is due, e.g. 2026-03-02T09:00:00+01:00."))
            .optional("tags", arrayOf(string("A tag's name."), "Tags to attach, by name."))
            .optional(
                "reminders_minutes_before",
                arrayOf(
                    integer("Minutes before due_at.", 0, MAX_REMINDER_MINUTES),
                    "Reminders, each so many minutes before the due time (needs due_at).")),
        (tasks, args) -> {
          NewTask task = NewTask.titled(args.string("title"));
          Optional<String> description = args.optionalString("description");
          if (description.isPresent()) {
            task = task.withDescription(description.get());
          }
          Optional<Priority> priority = args.optionalPriority("priority");
          if (priority.isPresent()) {
            task = task.withPriority(priority.get());
          }
          Optional<Instant> dueAt = args.optionalInstant("due_at");
          if (dueAt.isPresent()) {
            task = task.withDueAt(dueAt.get());
          }
          List<Long> minutes = args.integers("reminders_minutes_before", 0, MAX_REMINDER_MINUTES);
          if (!minutes.isEmpty()) {
            if (dueAt.isEmpty()) {
              throw new ValidationException("reminders_minutes_before", "needs due_at");
            }
            List<ReminderSpec> reminders = new ArrayList<>();
            for (long m : minutes) {
              reminders.add(ReminderSpec.beforeDue(Duration.ofMinutes(m)));
            }
            task = task.withReminders(reminders);
          }
          List<UUID> tagIds = new ArrayList<>();
          for (String tag : args.strings("tags")) {
            tagIds.add(tagId(tag));
          }
          if (!tagIds.isEmpty()) {
            task = task.withTagIds(tagIds);
          }
          return Map.of("task", task(tasks.create(userId, task)));
        });
  }

  private ToolCallback listTasks() {
    return new Callback(
        "list_tasks",
        "Lists the user's tasks, most urgent first, then by due date. Without filters: the open"
            + " (pending and in-progress) tasks. Filters combine with AND. When has_more is true,"
            + " narrow the filters or raise limit.",
        object()
            .optional(
                "status",
                enumeration(
                    "Which tasks: open (default: pending and in progress), all, or one status.",
                    "open",
                    "all",
                    "pending",
                    "in_progress",
                    "completed"))
            .optional("overdue", bool("Only open tasks whose due time has passed."))
            .optional("due_today", bool("Only tasks due today, in the user's time zone."))
            .optional(
                "upcoming_days",
                integer("Only tasks due from now to this many days ahead.", 1, 366))
            .optional("tag", string("Only tasks carrying this tag: its name or its id."))
            .optional(
                "priority",
                enumeration("Only tasks of this priority.", "low", "medium", "high", "urgent"))
            .optional(
                "text",
                string(
                    "Only tasks whose title or description contain these words (\"exact"
                        + " phrase\", -excluded, or)."))
            .optional("limit", integer("At most this many tasks, 1 to 200, default 20.", 1, 200)),
        this::list);
  }

  private Map<String, Object> list(TaskDao tasks, ToolArguments args) {
    int limit = args.optionalInteger("limit", 1, PageRequest.MAX_LIMIT).orElse(20L).intValue();
    Instant now = clock.instant();
    TaskQuery query = TaskQuery.open();
    String status = args.optionalString("status").orElse("open").strip().toLowerCase(Locale.ROOT);
    switch (status) {
      case "open" -> {}
      case "all" -> query = TaskQuery.all();
      default ->
          query =
              TaskQuery.all()
                  .withStatuses(
                      EnumSet.of(args.optionalStatus("status").orElse(TaskStatus.PENDING)));
    }
    if (args.flag("overdue")) {
      query = query.withOverdueAt(now);
    }
    boolean today = args.flag("due_today");
    Optional<Long> upcoming = args.optionalInteger("upcoming_days", 1, 366);
    if (today && upcoming.isPresent()) {
      throw new ValidationException("upcoming_days", "cannot be combined with due_today");
    }
    if (today) {
      ZoneId zone = db.users().get(userId).timeZone();
      LocalDate date = now.atZone(zone).toLocalDate();
      query =
          query.withDueBetween(
              date.atStartOfDay(zone).toInstant(), date.plusDays(1).atStartOfDay(zone).toInstant());
    }
    if (upcoming.isPresent()) {
      query = query.withDueBetween(now, now.plus(Duration.ofDays(upcoming.get())));
    }
    Optional<String> tag = args.optionalString("tag");
    if (tag.isPresent()) {
      query = query.withTags(TagFilter.anyOf(Set.of(tagId(tag.get()))));
    }
    Optional<Priority> priority = args.optionalPriority("priority");
    if (priority.isPresent()) {
      query = query.withPriorities(EnumSet.of(priority.get()));
    }
    Optional<String> text = args.optionalString("text");
    if (text.isPresent() && !text.get().isBlank()) {
      query = query.withText(text.get());
    }
    Page<Task> page = tasks.query(userId, query, PageRequest.first(limit));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("tasks", page.items().stream().map(TodoChatTools::task).toList());
    result.put("has_more", page.hasNext());
    return result;
  }

  /** A tag given by id or by name (any case); another user's is not found. */
  private UUID tagId(String tag) {
    String wanted = tag.strip();
    if (wanted.length() == 36) {
      try {
        return db.tags().get(userId, UUID.fromString(wanted)).id();
      } catch (IllegalArgumentException e) {
        // a name of 36 characters
      }
    }
    for (TagWithCount candidate : db.tags().list(userId)) {
      if (candidate.tag().name().equalsIgnoreCase(wanted)) {
        return candidate.tag().id();
      }
    }
    throw new NotFoundException("tag", wanted);
  }

  private ToolCallback completeTask() {
    return new Callback(
        "complete_task",
        "Marks a task completed. For a recurring task the result also has next_task, the next"
            + " occurrence it created. Completing a completed task changes nothing.",
        object().required("id", TASK_ID),
        (tasks, args) -> {
          Completion completion = tasks.complete(userId, args.uuid("id"));
          Map<String, Object> result = new LinkedHashMap<>();
          result.put("task", task(completion.completed()));
          completion.next().ifPresent(next -> result.put("next_task", task(next)));
          return result;
        });
  }

  private ToolCallback updateTask() {
    return new Callback(
        "update_task",
        "Changes a task: only the fields given change; null clears description or due_at."
            + " version must be the task's current version (from list_tasks or the last change);"
            + " if someone changed the task since, nothing changes and the error says so: list"
            + " the task again and retry with its new version.",
        object()
            .required("id", TASK_ID)
            .required("version", integer("The task's current version.", 0, Long.MAX_VALUE))
            .optional("title", string("A new title, 1 to 255 characters.", 1, 255))
            .optional("description", orNull(string("A new description, or null for none.")))
            .optional("priority", enumeration("A new priority.", "low", "medium", "high", "urgent"))
            .optional("status", enumeration("A new status.", "pending", "in_progress", "completed"))
            .optional("due_at", orNull(instant("A new due time, or null for none."))),
        (tasks, args) -> {
          UUID id = args.uuid("id");
          long version =
              args.optionalInteger("version", 0, Long.MAX_VALUE)
                  .orElseThrow(() -> new ValidationException("version", "is required"));
          TaskPatch patch = TaskPatch.empty();
          if (args.has("title")) {
            patch = patch.withTitle(args.string("title"));
          }
          if (args.has("description")) {
            patch = patch.withDescription(args.optionalString("description").orElse(null));
          }
          if (args.has("priority")) {
            patch =
                patch.withPriority(
                    args.optionalPriority("priority")
                        .orElseThrow(() -> new ValidationException("priority", "cannot be null")));
          }
          if (args.has("status")) {
            patch =
                patch.withStatus(
                    args.optionalStatus("status")
                        .orElseThrow(() -> new ValidationException("status", "cannot be null")));
          }
          if (args.has("due_at")) {
            patch = patch.withDueAt(args.optionalInstant("due_at").orElse(null));
          }
          return Map.of("task", task(tasks.update(userId, id, version, patch)));
        });
  }

  private ToolCallback deleteTask() {
    return new Callback(
        "delete_task",
        "Deletes a task for good, with its tags and reminders. Ask the user first; to mark it done"
            + " use complete_task instead.",
        object().required("id", TASK_ID),
        (tasks, args) -> {
          UUID id = args.uuid("id");
          tasks.delete(userId, id);
          Map<String, Object> result = new LinkedHashMap<>();
          result.put("id", id.toString());
          result.put("deleted", true);
          return result;
        });
  }

  private ToolCallback listTags() {
    return new Callback(
        "list_tags",
        "Lists the user's tags by name, each with the number of tasks carrying it.",
        object(),
        (tasks, args) -> {
          List<Map<String, Object>> tags = new ArrayList<>();
          for (TagWithCount tag : db.tags().list(userId)) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", tag.tag().id().toString());
            view.put("name", tag.tag().name());
            view.put("color", tag.tag().color());
            view.put("task_count", tag.taskCount());
            tags.add(view);
          }
          return Map.of("tags", tags);
        });
  }

  /** A task as the tools show it: todo-mcp's shape, absent values left out. */
  static Map<String, Object> task(Task task) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", task.id().toString());
    view.put("title", task.title());
    put(view, "description", task.description());
    view.put("status", lower(task.status()));
    view.put("priority", lower(task.priority()));
    put(view, "due_at", task.dueAt());
    put(view, "completed_at", task.completedAt());
    put(view, "template_id", task.templateId());
    view.put("version", task.version());
    view.put("created_at", task.createdAt().toString());
    view.put("updated_at", task.updatedAt().toString());
    return view;
  }

  private static void put(Map<String, Object> view, String name, @Nullable Object value) {
    if (value != null) {
      view.put(name, value.toString());
    }
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
