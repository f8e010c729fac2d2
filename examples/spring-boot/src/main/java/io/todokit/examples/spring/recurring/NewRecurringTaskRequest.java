package io.todokit.examples.spring.recurring;

import io.todokit.dao.RecurrenceJson;
import io.todokit.dao.ValidationException;
import io.todokit.dao.recurring.MissedPolicy;
import io.todokit.dao.recurring.NewRecurringTask;
import io.todokit.dao.tasks.Priority;
import io.todokit.examples.spring.web.JsonEnums;
import io.todokit.examples.spring.web.TimeZones;
import io.todokit.recurrence.RecurrenceSpec;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/recurring-tasks}; {@code title}, {@code recurrence_rule} and {@code
 * starts_at} are required.
 *
 * @param title the title of the tasks it makes, 1 to 255 characters
 * @param description their description
 * @param priority their priority: {@code low}, {@code medium} (the default), {@code high}, {@code
 *     urgent}
 * @param recurrenceRule the rule in todokit's JSON shape (mode {@code fixed})
 * @param timeZone an IANA zone id; the user's zone when missing
 * @param startsAt the start: an instant with an offset ({@code 2027-01-04T08:00:00Z}), or a
 *     wall-clock date-time of the template's zone ({@code 2027-01-04T09:00})
 * @param missedPolicy {@code latest} (the default) or {@code all}
 */
record NewRecurringTaskRequest(
    @Nullable String title,
    @Nullable String description,
    @Nullable String priority,
    @Nullable JsonNode recurrenceRule,
    @Nullable String timeZone,
    @Nullable String startsAt,
    @Nullable String missedPolicy) {

  /**
   * The todokit command; the DAO checks the rest (title, zone, a rule that never occurs).
   *
   * @throws ValidationException naming the JSON field of a bad value
   */
  NewRecurringTask toCommand() {
    if (title == null) {
      throw new ValidationException("title", "is required");
    }
    if (recurrenceRule == null || recurrenceRule.isNull()) {
      throw new ValidationException(RecurrenceJson.FIELD, "is required");
    }
    RecurrenceSpec rule = RecurrenceJson.parse(recurrenceRule.toString());
    if (startsAt == null) {
      throw new ValidationException("starts_at", "is required");
    }
    Instant instant = null;
    LocalDateTime local = null;
    try {
      instant = OffsetDateTime.parse(startsAt).toInstant();
    } catch (DateTimeParseException notAnInstant) {
      try {
        local = LocalDateTime.parse(startsAt);
      } catch (DateTimeParseException e) {
        throw new ValidationException(
            "starts_at",
            "must be an instant such as 2027-01-04T08:00:00Z or a wall-clock date-time of"
                + " time_zone such as 2027-01-04T09:00 (was '"
                + startsAt
                + "')",
            e);
      }
    }
    return new NewRecurringTask(
        title,
        description,
        orDefault(JsonEnums.parse("priority", priority, Priority.class), Priority.MEDIUM),
        rule,
        TimeZones.parse("time_zone", timeZone),
        instant,
        local,
        orDefault(
            JsonEnums.parse("missed_policy", missedPolicy, MissedPolicy.class),
            MissedPolicy.LATEST),
        List.of());
  }

  private static <T> T orDefault(@Nullable T value, T fallback) {
    return value == null ? fallback : value;
  }
}
