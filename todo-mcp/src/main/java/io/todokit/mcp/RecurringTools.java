package io.todokit.mcp;

import static io.todokit.tools.Schemas.arrayOf;
import static io.todokit.tools.Schemas.bool;
import static io.todokit.tools.Schemas.enumeration;
import static io.todokit.tools.Schemas.object;
import static io.todokit.tools.Schemas.recurrence;
import static io.todokit.tools.Schemas.string;
import static io.todokit.tools.Schemas.uuid;

import io.todokit.dao.RecurrenceJson;
import io.todokit.dao.TodoDb;
import io.todokit.dao.ValidationException;
import io.todokit.dao.recurring.NewRecurringTask;
import io.todokit.dao.tasks.Priority;
import io.todokit.recurrence.RecurrenceSpec;
import io.todokit.tools.ToolSpec;
import io.todokit.tools.Views;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** create_recurring_task, list_recurring_tasks, delete_recurring_task. */
final class RecurringTools {

  private final TodoDb db;

  RecurringTools(TodoDb db) {
    this.db = db;
  }

  List<ToolSpec> tools() {
    return List.of(createRecurringTask(), listRecurringTasks(), deleteRecurringTask());
  }

  private ToolSpec createRecurringTask() {
    return ToolSpec.of(
        "create_recurring_task",
        "Creates a recurring task: a template from which a task is created for each occurrence"
            + " (\"stand-up every Monday at 9\"). starts_at is the first occurrence on the wall"
            + " clock of time_zone (default: the user's time zone), e.g. 2026-03-02T09:00. For a"
            + " single task that repeats when completed, use add_task with recurrence_rule.",
        object()
            .required("title", string("The title of its tasks, 1 to 255 characters.", 1, 255))
            .required(
                "recurrence_rule",
                recurrence(
                    "How it recurs, e.g. {\"frequency\": \"weekly\", \"days\": [\"monday\"]}."))
            .required(
                "starts_at",
                string(
                    "The first occurrence: a wall-clock time like 2026-03-02T09:00 in time_zone,"
                        + " or an instant like 2026-03-02T08:00:00Z."))
            .optional("time_zone", string("An IANA time zone like Europe/Berlin."))
            .optional("description", string("The description of its tasks."))
            .optional(
                "priority",
                enumeration(
                    "The priority of its tasks, default medium.",
                    "low",
                    "medium",
                    "high",
                    "urgent")),
        object().required("recurring_task", Views.RECURRING_TASK).output(),
        ToolSpec.writes("Create a recurring task", false, false),
        (userId, args) -> {
          String title = args.string("title");
          RecurrenceSpec rule =
              RecurrenceJson.parse(
                  args.optionalObjectJson(RecurrenceJson.FIELD)
                      .orElseThrow(
                          () -> new ValidationException(RecurrenceJson.FIELD, "is required")));
          Object start = args.localOrInstant("starts_at");
          NewRecurringTask template =
              start instanceof LocalDateTime local
                  ? NewRecurringTask.of(title, rule, local)
                  : NewRecurringTask.of(title, rule, (Instant) start);
          Optional<ZoneId> zone = args.optionalZone("time_zone");
          if (zone.isPresent()) {
            template = template.withTimeZone(zone.get());
          }
          Optional<String> description = args.optionalString("description");
          if (description.isPresent()) {
            template = template.withDescription(description.get());
          }
          Optional<Priority> priority = args.optionalPriority("priority");
          if (priority.isPresent()) {
            template = template.withPriority(priority.get());
          }
          return Map.of(
              "recurring_task", Views.recurringTask(db.recurring().create(userId, template)));
        });
  }

  private ToolSpec listRecurringTasks() {
    return ToolSpec.of(
        "list_recurring_tasks",
        "Lists the user's recurring tasks (templates), with their next occurrence.",
        object(),
        object()
            .required("recurring_tasks", arrayOf(Views.RECURRING_TASK, "The recurring tasks."))
            .output(),
        ToolSpec.readOnly("List recurring tasks"),
        (userId, args) ->
            Map.of(
                "recurring_tasks",
                db.recurring().list(userId).stream().map(Views::recurringTask).toList()));
  }

  private ToolSpec deleteRecurringTask() {
    return ToolSpec.of(
        "delete_recurring_task",
        "Deletes a recurring task for good: no more tasks are made from it (the tasks it already"
            + " made stay). Ask the user first.",
        object().required("id", uuid("The recurring task's id, from list_recurring_tasks.")),
        object()
            .required("id", uuid("The deleted recurring task's id."))
            .required("deleted", bool("Always true."))
            .output(),
        ToolSpec.writes("Delete a recurring task", true, true),
        (userId, args) -> {
          UUID id = args.uuid("id");
          db.recurring().delete(userId, id);
          return Map.of("id", id.toString(), "deleted", true);
        });
  }
}
