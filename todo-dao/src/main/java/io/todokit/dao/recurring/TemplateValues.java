package io.todokit.dao.recurring;

import io.todokit.dao.RecurrenceJson;
import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Check;
import io.todokit.dao.internal.Limits;
import io.todokit.dao.reminders.ReminderDao;
import io.todokit.dao.reminders.ReminderSpec;
import io.todokit.recurrence.RecurrenceMode;
import io.todokit.recurrence.RecurrenceSpec;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * A template's reminders: at most {@value ReminderDao#MAX_PER_TASK} (as a task), each relative to
   * the due time, since each task made from the template has its own due time.
   */
  static List<ReminderSpec> reminders(@Nullable List<ReminderSpec> reminders) {
    List<ReminderSpec> specs =
        List.copyOf(
            Check.noNulls("reminders", new ArrayList<>(Check.required("reminders", reminders))));
    if (specs.size() > ReminderDao.MAX_PER_TASK) {
      throw new ValidationException(
          "reminders", "a template has at most " + ReminderDao.MAX_PER_TASK + " reminders");
    }
    for (int i = 0; i < specs.size(); i++) {
      if (specs.get(i).beforeDue() == null) {
        throw new ValidationException(
            "reminders[" + i + "]",
            "a template's reminders are relative to the due time (ReminderSpec.beforeDue):"
                + " each task made from it has its own");
      }
    }
    return specs;
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
