package io.todokit.mcp;

import static io.todokit.tools.Schemas.arrayOf;
import static io.todokit.tools.Schemas.bool;
import static io.todokit.tools.Schemas.instant;
import static io.todokit.tools.Schemas.integer;
import static io.todokit.tools.Schemas.object;
import static io.todokit.tools.Schemas.uuid;

import io.todokit.dao.TodoDb;
import io.todokit.dao.ValidationException;
import io.todokit.dao.reminders.ReminderSpec;
import io.todokit.tools.ToolSpec;
import io.todokit.tools.Views;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** add_reminder, list_reminders, remove_reminder. */
final class ReminderTools {

  private static final String BEFORE_DUE = "before_due_minutes";
  private static final Map<String, Object> TASK_ID = uuid("The task the reminder belongs to.");

  private final TodoDb db;

  ReminderTools(TodoDb db) {
    this.db = db;
  }

  List<ToolSpec> tools() {
    return List.of(addReminder(), listReminders(), removeReminder());
  }

  private ToolSpec addReminder() {
    return ToolSpec.of(
        "add_reminder",
        "Adds a reminder to a task: give either at (an ISO-8601 instant with an offset) or "
            + BEFORE_DUE
            + " (that many minutes before the task's due time; it follows the due time when that"
            + " moves, and waits while the task has none). A task has at most 20 reminders.",
        object()
            .required("task_id", TASK_ID)
            .optional("at", instant("When to remind, e.g. 2026-03-02T08:30:00+01:00."))
            .optional(
                BEFORE_DUE,
                integer(
                    "Minutes before the due time (0: at the due time), up to 366 days.",
                    0,
                    ReminderSpec.MAX_BEFORE_DUE.toMinutes())),
        object().required("reminder", Views.REMINDER).output(),
        ToolSpec.writes("Add a reminder", false, false),
        (userId, args) -> {
          UUID taskId = args.uuid("task_id");
          Optional<Instant> at = args.optionalInstant("at");
          Optional<Long> minutes =
              args.optionalInteger(BEFORE_DUE, 0, ReminderSpec.MAX_BEFORE_DUE.toMinutes());
          if (at.isPresent() == minutes.isPresent()) {
            throw new ValidationException(
                "at", "give either at or " + BEFORE_DUE + ", exactly one of them");
          }
          ReminderSpec spec;
          try {
            spec =
                at.isPresent()
                    ? ReminderSpec.at(at.get())
                    : ReminderSpec.beforeDue(Duration.ofMinutes(minutes.orElseThrow()));
          } catch (ValidationException e) {
            throw e.field().equals("before_due")
                ? new ValidationException(BEFORE_DUE, e.reason(), e)
                : e;
          }
          return Map.of("reminder", Views.reminder(db.reminders().add(userId, taskId, spec)));
        });
  }

  private ToolSpec listReminders() {
    return ToolSpec.of(
        "list_reminders",
        "Lists a task's reminders, the next to fire first, with their state (pending, delivered,"
            + " missed, …).",
        object().required("task_id", TASK_ID),
        object().required("reminders", arrayOf(Views.REMINDER, "The reminders.")).output(),
        ToolSpec.readOnly("List reminders"),
        (userId, args) ->
            Map.of(
                "reminders",
                db.reminders().list(userId, args.uuid("task_id")).stream()
                    .map(Views::reminder)
                    .toList()));
  }

  private ToolSpec removeReminder() {
    return ToolSpec.of(
        "remove_reminder",
        "Removes a reminder from a task (the task stays).",
        object()
            .required("task_id", TASK_ID)
            .required("id", uuid("The reminder's id, from list_reminders or add_reminder.")),
        object()
            .required("id", uuid("The removed reminder's id."))
            .required("removed", bool("Always true."))
            .output(),
        ToolSpec.writes("Remove a reminder", true, true),
        (userId, args) -> {
          UUID id = args.uuid("id");
          db.reminders().remove(userId, args.uuid("task_id"), id);
          return Map.of("id", id.toString(), "removed", true);
        });
  }
}
