package io.todokit.dao.recurring;

import io.todokit.dao.RecurrenceJson;
import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Check;
import io.todokit.dao.internal.Limits;
import io.todokit.recurrence.RecurrenceMode;
import io.todokit.recurrence.RecurrenceSpec;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/** The rules for template fields, checked when a command or patch is built. */
final class TemplateValues {

  private TemplateValues() {}

  static String title(@Nullable String title) {
    return Check.text("title", title, 1, Limits.TITLE);
  }

  static @Nullable String description(@Nullable String description) {
    return Check.optionalText("description", description, Limits.DESCRIPTION);
  }

  static ZoneId timeZone(@Nullable ZoneId zone) {
    return Check.timeZone("time_zone", zone);
  }

  /** A rule a template can follow: present, and on a fixed schedule. */
  static RecurrenceSpec recurrence(@Nullable RecurrenceSpec recurrence) {
    RecurrenceSpec spec = Check.required(RecurrenceJson.FIELD, recurrence);
    if (spec.mode() != RecurrenceMode.FIXED) {
      throw new ValidationException(
          RecurrenceJson.FIELD + ".mode",
          "templates follow a fixed schedule; after_completion needs a completed task");
    }
    return spec;
  }
}
