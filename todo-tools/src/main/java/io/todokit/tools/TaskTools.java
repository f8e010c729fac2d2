package io.todokit.tools;

import static io.todokit.tools.Schemas.arrayOf;
import static io.todokit.tools.Schemas.bool;
import static io.todokit.tools.Schemas.enumeration;
import static io.todokit.tools.Schemas.instant;
import static io.todokit.tools.Schemas.integer;
import static io.todokit.tools.Schemas.object;
import static io.todokit.tools.Schemas.orNull;
import static io.todokit.tools.Schemas.recurrence;
import static io.todokit.tools.Schemas.string;
import static io.todokit.tools.Schemas.uuid;

import io.todokit.dao.NotFoundException;
import io.todokit.dao.Page;
import io.todokit.dao.PageRequest;
import io.todokit.dao.RecurrenceJson;
import io.todokit.dao.TodoDb;
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
import java.util.function.Function;

/**
 * The task tools (add_task, list_tasks, get_task, complete_task, update_task, delete_task) and
 * list_tags, in the {@link Style} of an adapter. Each write goes through the call's origin when the
 * adapter gives one ({@link Arguments#withOrigin}), else through its {@code idempotency_key}
 * argument when the style has one, else plainly. Immutable and thread-safe.
 */
public final class TaskTools {

  /**
   * Where the adapters' tools differ on purpose.
   *
   * @param idempotencyKeys whether the writes take an {@code idempotency_key} argument (when the
   *     adapter has no origin of its own for a call)
   * @param recurrence whether add_task and update_task take a {@code recurrence_rule}
   * @param tagsByName whether add_task takes its tags by name ({@code tags}) rather than by id
   *     ({@code tag_ids})
   * @param reminders whether add_task takes {@code reminders_minutes_before}
   * @param hasMore whether list_tasks also answers {@code has_more}
   * @param getTask whether get_task is offered (and named in other tools' descriptions)
   */
  public record Style(
      boolean idempotencyKeys,
      boolean recurrence,
      boolean tagsByName,
      boolean reminders,
      boolean hasMore,
      boolean getTask) {

    /** todo-mcp's: keys, recurrence, tags by id, get_task. */
    public static Style mcp() {
      return new Style(true, true, false, false, false, true);
    }

    /** todo-spring-ai's: the origin from the tool context, tags by name, reminders, has_more. */
    public static Style springAi() {
      return new Style(false, false, true, true, true, false);
    }
  }

  private static final Map<String, Object> PRIORITY =
      enumeration("The priority, default medium.", "low", "medium", "high", "urgent");
  private static final Map<String, Object> TASK_ID =
      uuid("The task's id, as add_task or list_tasks gave it.");
  private static final String KEY = "idempotency_key";
  private static final Map<String, Object> IDEMPOTENCY_KEY =
      string(
          "A key of your choosing (e.g. a fresh UUID) naming this change: a call repeated with the"
              + " same key is not made again but answers as the first one did. Pass the same key"
              + " when you retry a call whose result you did not get.",
          1,
          255);
  private static final String REMINDERS = "reminders_minutes_before";
  private static final long MAX_REMINDER_MINUTES = ReminderSpec.MAX_BEFORE_DUE.toMinutes();

  private final TodoDb db;
  private final Clock clock;
  private final Style style;
  private final ListCursors cursors = new ListCursors();

  /**
   * The tools on a database.
   *
   * @param db the database
   * @param clock "now" for list_tasks's overdue, due-today and upcoming filters
   * @param style the adapter's style
   */
  public TaskTools(TodoDb db, Clock clock, Style style) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.style = Objects.requireNonNull(style, "style");
  }

  /** The task tools: add_task, list_tasks, get_task (when the style has it), and the writes. */
  public List<ToolSpec> tools() {
    List<ToolSpec> tools = new ArrayList<>(List.of(addTask(), listTasks()));
    if (style.getTask()) {
      tools.add(getTask());
    }
    tools.addAll(List.of(completeTask(), updateTask(), deleteTask()));
    return List.copyOf(tools);
  }

  /** list_tags: the user's tags, each with its number of tasks. */
  public ToolSpec listTags() {
    return ToolSpec.of(
        "list_tags",
        "Lists the user's tags by name, each with its number of tasks.",
        object(),
        object().required("tags", arrayOf(Views.TAG, "The tags.")).output(),
        ToolSpec.readOnly("List tags"),
        (userId, args) ->
            Map.of("tags", db.tags().list(userId).stream().map(Views::tagWithCount).toList()));
  }

  private ToolSpec addTask() {
    Schemas.ObjectSchema input =
        object()
            .required("title", string("What is to be done, 1 to 255 characters.", 1, 255))
            .optional("description", string("Details, up to 10,000 characters."))
            .optional("priority", PRIORITY)
            .optional("due_at", instant("When it is due, e.g. 2026-03-02T09:00:00+01:00."));
    if (style.recurrence()) {
      input.optional(
          RecurrenceJson.FIELD,
          recurrence(
              "Makes it recurring: completing it creates the next occurrence, e.g."
                  + " {\"frequency\": \"weekly\", \"days\": [\"monday\"]}."));
    }
    if (style.tagsByName()) {
      input.optional("tags", arrayOf(string("A tag's name."), "Tags to attach, by name."));
    } else {
      input.optional("tag_ids", arrayOf(uuid("A tag id."), "Tags to attach (from list_tags)."));
    }
    if (style.reminders()) {
      input.optional(
          REMINDERS,
          arrayOf(
              integer("Minutes before due_at.", 0, MAX_REMINDER_MINUTES),
              "Reminders, each so many minutes before the due time (needs due_at)."));
    }
    return ToolSpec.of(
        "add_task",
        "Adds a task to the user's to-do list and returns it with its id. Only the title is"
            + " required; give due_at as an ISO-8601 instant with an offset (resolve 'tomorrow at"
            + " 9' in the user's time zone first)."
            + (style.tagsByName() ? " Tags are given by name and must exist (list_tags)." : "")
            + (style.idempotencyKeys()
                ? " Each call adds a new task, unless it repeats the idempotency_key of an earlier"
                    + " call: then it returns that call's task. Give every new task a fresh key"
                    + " and a retry the same key."
                : ""),
        withKey(input),
        object().required("task", Views.TASK).output(),
        ToolSpec.writes("Add a task", false, false),
        this::add);
  }

  private Map<String, Object> add(UUID userId, Arguments args) {
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
    Optional<String> rule = args.optionalObjectJson(RecurrenceJson.FIELD);
    if (rule.isPresent()) {
      task = task.withRecurrenceJson(rule.get());
    }
    List<Long> minutes = args.integers(REMINDERS, 0, MAX_REMINDER_MINUTES);
    if (!minutes.isEmpty()) {
      if (dueAt.isEmpty()) {
        throw new ValidationException(REMINDERS, "needs due_at");
      }
      List<ReminderSpec> reminders = new ArrayList<>();
      for (long m : minutes) {
        reminders.add(ReminderSpec.beforeDue(Duration.ofMinutes(m)));
      }
      task = task.withReminders(reminders);
    }
    List<UUID> tagIds = new ArrayList<>(args.uuids("tag_ids"));
    for (String tag : args.strings("tags")) {
      tagIds.add(tagId(userId, tag));
    }
    if (!tagIds.isEmpty()) {
      task = task.withTagIds(tagIds);
    }
    NewTask command = task;
    return Map.of("task", Views.task(keyed(args, tasks -> tasks.create(userId, command))));
  }

  /** A write's input, with the idempotency key argument when the style has one. */
  private Schemas.ObjectSchema withKey(Schemas.ObjectSchema input) {
    return style.idempotencyKeys() ? input.optional(KEY, IDEMPOTENCY_KEY) : input;
  }

  /**
   * A write on the user's tasks, made through the call's origin: the adapter's, else its
   * idempotency key when it has one. A call repeated with the same origin answers from the first
   * one's effect.
   */
  private <T> T keyed(Arguments args, Function<TaskDao, T> write) {
    Optional<TaskOrigin> origin = args.origin();
    if (origin.isPresent()) {
      return write.apply(db.tasks().via(origin.get()));
    }
    Optional<String> key = args.optionalString(KEY);
    if (key.isEmpty()) {
      return write.apply(db.tasks());
    }
    try {
      return write.apply(db.tasks().via(TaskOrigin.idempotencyKey(key.get())));
    } catch (ValidationException e) {
      // The library names the origin; the model knows the argument.
      if (e.field().equals("origin") || e.field().startsWith("origin.")) {
        throw new ValidationException(KEY, e.reason(), e);
      }
      throw e;
    }
  }

  private ToolSpec listTasks() {
    Schemas.ObjectSchema output =
        object()
            .required("tasks", arrayOf(Views.TASK, "The tasks of this page."))
            .optional(
                "next_cursor",
                string("Present when there are more: pass it as cursor to get them."));
    if (style.hasMore()) {
      output.required("has_more", bool("Whether there are more (then next_cursor is present)."));
    }
    return ToolSpec.of(
        "list_tasks",
        "Lists the user's tasks, most urgent first, then by due date. Without filters: the open"
            + " (pending and in-progress) tasks. Filters combine with AND. When next_cursor is in"
            + " the result, call again with the same filters and that cursor for the next page.",
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
            .optional("limit", integer("Tasks per page, 1 to 200, default 20.", 1, 200))
            .optional("cursor", string("The next_cursor of the previous page.")),
        output.output(),
        ToolSpec.readOnly("List tasks"),
        this::list);
  }

  private Map<String, Object> list(UUID userId, Arguments args) {
    int limit = args.optionalInteger("limit", 1, PageRequest.MAX_LIMIT).orElse(20L).intValue();
    Optional<String> cursorText = args.optionalString("cursor");
    ListCursors.Position position =
        cursorText.isPresent()
            ? cursors.decode(cursorText.get())
            : new ListCursors.Position(clock.instant(), null);
    Instant now = position.asOf();
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
      query = query.withTags(TagFilter.anyOf(Set.of(tagId(userId, tag.get()))));
    }
    Optional<Priority> priority = args.optionalPriority("priority");
    if (priority.isPresent()) {
      query = query.withPriorities(EnumSet.of(priority.get()));
    }
    Optional<String> text = args.optionalString("text");
    if (text.isPresent() && !text.get().isBlank()) {
      query = query.withText(text.get());
    }
    String after = position.cursor();
    PageRequest request =
        after == null ? PageRequest.first(limit) : PageRequest.after(after, limit);
    Page<Task> page = db.tasks().query(userId, query, request);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("tasks", page.items().stream().map(Views::task).toList());
    page.nextCursor().ifPresent(next -> result.put("next_cursor", cursors.encode(now, next)));
    if (style.hasMore()) {
      result.put("has_more", page.hasNext());
    }
    return result;
  }

  /** A tag given by id or by name (any case); another user's is not found. */
  private UUID tagId(UUID userId, String tag) {
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

  private ToolSpec getTask() {
    return ToolSpec.of(
        "get_task",
        "Gets one task by id, with its current version.",
        object().required("id", TASK_ID),
        object().required("task", Views.TASK).output(),
        ToolSpec.readOnly("Get a task"),
        (userId, args) -> Map.of("task", Views.task(db.tasks().get(userId, args.uuid("id")))));
  }

  private ToolSpec completeTask() {
    return ToolSpec.of(
        "complete_task",
        "Marks a task completed. For a recurring task the result also has next_task, the next"
            + " occurrence it created. Completing a completed task changes nothing.",
        withKey(object().required("id", TASK_ID)),
        object().required("task", Views.TASK).optional("next_task", Views.TASK).output(),
        ToolSpec.writes("Complete a task", false, true),
        (userId, args) -> {
          UUID id = args.uuid("id");
          Completion completion = keyed(args, tasks -> tasks.complete(userId, id));
          Map<String, Object> result = new LinkedHashMap<>();
          result.put("task", Views.task(completion.completed()));
          completion.next().ifPresent(next -> result.put("next_task", Views.task(next)));
          return result;
        });
  }

  private ToolSpec updateTask() {
    Schemas.ObjectSchema input =
        object()
            .required("id", TASK_ID)
            .required("version", integer("The task's current version.", 0, Long.MAX_VALUE))
            .optional("title", string("A new title, 1 to 255 characters.", 1, 255))
            .optional("description", orNull(string("A new description, or null for none.")))
            .optional("priority", enumeration("A new priority.", "low", "medium", "high", "urgent"))
            .optional("status", enumeration("A new status.", "pending", "in_progress", "completed"))
            .optional("due_at", orNull(instant("A new due time, or null for none.")));
    if (style.recurrence()) {
      input.optional(
          RecurrenceJson.FIELD, orNull(recurrence("A new recurrence, or null to stop recurring.")));
    }
    return ToolSpec.of(
        "update_task",
        "Changes a task: only the fields given change; null clears "
            + (style.recurrence()
                ? "description, due_at or recurrence_rule."
                : "description or due_at.")
            + " version must be the task's current version (from "
            + (style.getTask() ? "get_task, list_tasks" : "list_tasks")
            + " or the last change); if someone changed the task since, nothing changes and the"
            + " error says so: "
            + (style.getTask() ? "get" : "list")
            + " the task again and retry with its new version.",
        withKey(input),
        object().required("task", Views.TASK).output(),
        ToolSpec.writes("Update a task", true, false),
        this::update);
  }

  private Map<String, Object> update(UUID userId, Arguments args) {
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
    if (args.has(RecurrenceJson.FIELD)) {
      patch = patch.withRecurrenceJson(args.optionalObjectJson(RecurrenceJson.FIELD).orElse(null));
    }
    TaskPatch changes = patch;
    return Map.of(
        "task", Views.task(keyed(args, tasks -> tasks.update(userId, id, version, changes))));
  }

  private ToolSpec deleteTask() {
    return ToolSpec.of(
        "delete_task",
        "Deletes a task for good, with its tags and reminders. Ask the user first; to mark it done"
            + " use complete_task instead.",
        withKey(object().required("id", TASK_ID)),
        object()
            .required("id", uuid("The deleted task's id."))
            .required("deleted", bool("Always true."))
            .output(),
        ToolSpec.writes("Delete a task", true, true),
        (userId, args) -> {
          UUID id = args.uuid("id");
          keyed(
              args,
              tasks -> {
                tasks.delete(userId, id);
                return id;
              });
          Map<String, Object> result = new LinkedHashMap<>();
          result.put("id", id.toString());
          result.put("deleted", true);
          return result;
        });
  }
}
