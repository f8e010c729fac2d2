package io.todokit.examples.spring.recurring;

import io.todokit.dao.RecurrenceJson;
import io.todokit.dao.ValidationException;
import io.todokit.dao.recurring.MissedPolicy;
import io.todokit.dao.recurring.RecurringTaskPatch;
import io.todokit.dao.tasks.Priority;
import io.todokit.examples.spring.web.JsonEnums;
import io.todokit.examples.spring.web.TimeZones;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code PUT /api/recurring-tasks/{id}}: the fields to change; a missing or null field
 * stays as it is. {@code {"is_active": false}} pauses the template, {@code true} resumes it.
 *
 * @param title a new title
 * @param description a new description; an empty string removes it
 * @param priority a new priority
 * @param recurrenceRule a new rule (restarts the schedule from now)
 * @param timeZone a new IANA zone (keeps the start's wall-clock time)
 * @param missedPolicy {@code latest} or {@code all}
 * @param isActive false to pause, true to resume
 */
record RecurringTaskChanges(
    @Nullable String title,
    @Nullable String description,
    @Nullable String priority,
    @Nullable JsonNode recurrenceRule,
    @Nullable String timeZone,
    @Nullable String missedPolicy,
    @Nullable Boolean isActive) {

  /**
   * The changes to the template's fields (everything but {@code is_active}).
   *
   * @throws ValidationException naming the JSON field of a bad value
   */
  RecurringTaskPatch toPatch() {
    RecurringTaskPatch patch = RecurringTaskPatch.empty();
    if (title != null) {
      patch = patch.withTitle(title);
    }
    if (description != null) {
      patch = patch.withDescription(description.isEmpty() ? null : description);
    }
    Priority newPriority = JsonEnums.parse("priority", priority, Priority.class);
    if (newPriority != null) {
      patch = patch.withPriority(newPriority);
    }
    if (recurrenceRule != null && !recurrenceRule.isNull()) {
      patch = patch.withRecurrence(RecurrenceJson.parse(recurrenceRule.toString()));
    }
    if (timeZone != null) {
      patch = patch.withTimeZone(TimeZones.parse("time_zone", timeZone));
    }
    MissedPolicy newPolicy = JsonEnums.parse("missed_policy", missedPolicy, MissedPolicy.class);
    if (newPolicy != null) {
      patch = patch.withMissedPolicy(newPolicy);
    }
    return patch;
  }
}
