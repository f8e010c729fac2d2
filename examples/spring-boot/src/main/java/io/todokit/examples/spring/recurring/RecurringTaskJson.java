package io.todokit.examples.spring.recurring;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.todokit.dao.RecurrenceJson;
import io.todokit.dao.recurring.RecurringTask;
import io.todokit.examples.spring.web.JsonEnums;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A recurring-task template as the API returns it.
 *
 * @param id the template's id
 * @param title the title of the tasks it makes
 * @param description their description, or null
 * @param priority their priority
 * @param recurrenceRule the rule in todokit's JSON shape
 * @param timeZone the IANA zone whose wall clock the rule follows
 * @param startsAt the rule's start (DTSTART)
 * @param nextDueAt the next occurrence a worker turns into a task; null once the rule has ended
 * @param missedPolicy {@code latest} or {@code all}
 * @param isActive false while paused and once ended
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 */
record RecurringTaskJson(
    UUID id,
    String title,
    @Nullable String description,
    String priority,
    @JsonRawValue String recurrenceRule,
    String timeZone,
    Instant startsAt,
    @Nullable Instant nextDueAt,
    String missedPolicy,
    boolean isActive,
    Instant createdAt,
    Instant updatedAt) {

  static RecurringTaskJson of(RecurringTask template) {
    return new RecurringTaskJson(
        template.id(),
        template.title(),
        template.description(),
        JsonEnums.format(template.priority()),
        RecurrenceJson.format(template.recurrence()),
        template.timeZone().getId(),
        template.startsAt(),
        template.nextDueAt(),
        JsonEnums.format(template.missedPolicy()),
        template.active(),
        template.createdAt(),
        template.updatedAt());
  }
}
