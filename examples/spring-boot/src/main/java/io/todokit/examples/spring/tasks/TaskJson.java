package io.todokit.examples.spring.tasks;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.todokit.dao.RecurrenceJson;
import io.todokit.dao.tasks.Task;
import io.todokit.examples.spring.web.JsonEnums;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A task as the API returns it (snake_case through the application's Jackson naming strategy).
 *
 * @param id the task's id
 * @param title the title
 * @param description the description, or null
 * @param status {@code pending}, {@code in_progress} or {@code completed}
 * @param priority {@code low}, {@code medium}, {@code high} or {@code urgent}
 * @param dueAt when it is due, or null
 * @param completedAt when it was completed, or null
 * @param recurrenceRule the rule in todokit's JSON shape, or null
 * @param templateId the recurring template it was made from, or null
 * @param occurrenceAt the template's occurrence it was made for, or null
 * @param version the optimistic-locking version
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 */
record TaskJson(
    UUID id,
    String title,
    @Nullable String description,
    String status,
    String priority,
    @Nullable Instant dueAt,
    @Nullable Instant completedAt,
    @JsonRawValue @Nullable String recurrenceRule,
    @Nullable UUID templateId,
    @Nullable Instant occurrenceAt,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  static TaskJson of(Task task) {
    return new TaskJson(
        task.id(),
        task.title(),
        task.description(),
        JsonEnums.format(task.status()),
        JsonEnums.format(task.priority()),
        task.dueAt(),
        task.completedAt(),
        task.recurrence() == null ? null : RecurrenceJson.format(task.recurrence()),
        task.templateId(),
        task.occurrenceAt(),
        task.version(),
        task.createdAt(),
        task.updatedAt());
  }
}
