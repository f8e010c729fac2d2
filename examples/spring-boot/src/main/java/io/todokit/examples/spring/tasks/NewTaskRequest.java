package io.todokit.examples.spring.tasks;

import io.todokit.dao.ValidationException;
import io.todokit.dao.tasks.NewTask;
import io.todokit.dao.tasks.Priority;
import io.todokit.examples.spring.web.JsonEnums;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/tasks}; only {@code title} is required.
 *
 * @param title 1 to 255 characters after trimming
 * @param description up to 10,000 characters
 * @param priority {@code low}, {@code medium} (the default), {@code high} or {@code urgent}
 * @param dueAt when the task is due (required with a recurrence rule)
 * @param remindAt when to remind the user (one absolute reminder), or null
 * @param recurrenceRule a rule in todokit's JSON shape, e.g. {@code {"frequency": "weekly",
 *     "interval": 1, "days": ["monday"]}}
 * @param tagIds ids of the user's own tags
 */
record NewTaskRequest(
    @Nullable String title,
    @Nullable String description,
    @Nullable String priority,
    @Nullable Instant dueAt,
    @Nullable Instant remindAt,
    @Nullable JsonNode recurrenceRule,
    @Nullable List<UUID> tagIds) {

  /**
   * The todokit command.
   *
   * @throws ValidationException naming the JSON field of the first bad value
   */
  NewTask toCommand() {
    NewTask task =
        NewTask.titled(title)
            .withDescription(description)
            .withDueAt(dueAt)
            .withReminders(
                remindAt == null
                    ? List.of()
                    : List.of(io.todokit.dao.reminders.ReminderSpec.at(remindAt)))
            .withTagIds(tagIds == null ? List.of() : tagIds);
    Priority parsed = JsonEnums.parse("priority", priority, Priority.class);
    if (parsed != null) {
      task = task.withPriority(parsed);
    }
    if (recurrenceRule != null && !recurrenceRule.isNull()) {
      task = task.withRecurrenceJson(recurrenceRule.toString());
    }
    return task;
  }
}
