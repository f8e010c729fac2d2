package io.todokit.tools;

import io.todokit.dao.recurring.RecurringTask;
import io.todokit.dao.reminders.Reminder;
import io.todokit.dao.tags.Tag;
import io.todokit.dao.tags.TagWithCount;
import io.todokit.dao.tasks.Task;
import io.todokit.recurrence.RecurrenceSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON objects the tools answer with (snake_case, instants in ISO-8601 UTC, enums in lower
 * case, absent values left out), and their output schemas. Stateless.
 */
public final class Views {

  public static final Map<String, Object> TASK =
      Schemas.object()
          .required("id", Schemas.uuid("The task's id."))
          .required("title", Schemas.string("The title."))
          .optional("description", Schemas.string("The description, if any."))
          .required(
              "status", Schemas.enumeration("The status.", "pending", "in_progress", "completed"))
          .required(
              "priority", Schemas.enumeration("The priority.", "low", "medium", "high", "urgent"))
          .optional("due_at", Schemas.instant("When it is due, if ever."))
          .optional("completed_at", Schemas.instant("When it was completed, if it was."))
          .optional("recurrence_rule", Schemas.recurrence("How it recurs, if it does."))
          .optional("template_id", Schemas.uuid("The recurring task it was made from, if any."))
          .required(
              "version", Schemas.integer("Its version: give it to update_task to change the task."))
          .required("created_at", Schemas.instant("When it was created."))
          .required("updated_at", Schemas.instant("When it was last changed."))
          .output();

  public static final Map<String, Object> TAG =
      Schemas.object()
          .required("id", Schemas.uuid("The tag's id."))
          .required("name", Schemas.string("The name."))
          .required("color", Schemas.string("The color, #RRGGBB."))
          .optional("task_count", Schemas.integer("How many tasks carry it (list_tags only)."))
          .output();

  public static final Map<String, Object> RECURRING_TASK =
      Schemas.object()
          .required("id", Schemas.uuid("The recurring task's id."))
          .required("title", Schemas.string("The title of the tasks it makes."))
          .optional("description", Schemas.string("Their description, if any."))
          .required(
              "priority", Schemas.enumeration("Their priority.", "low", "medium", "high", "urgent"))
          .required("recurrence_rule", Schemas.recurrence("How it recurs."))
          .required("time_zone", Schemas.string("The time zone of its wall-clock times."))
          .required("starts_at", Schemas.instant("The first occurrence."))
          .optional("next_due_at", Schemas.instant("The next occurrence, unless it ended."))
          .required("active", Schemas.bool("False while paused or after it ended."))
          .optional("end_reason", Schemas.string("Why it ended, if it did."))
          .output();

  public static final Map<String, Object> REMINDER =
      Schemas.object()
          .required("id", Schemas.uuid("The reminder's id."))
          .required("task_id", Schemas.uuid("Its task."))
          .optional("at", Schemas.instant("The instant it fires at, if absolute."))
          .optional(
              "before_due_minutes",
              Schemas.integer("Minutes before the task's due time, if relative."))
          .optional("fire_at", Schemas.instant("When it fires next, if it will."))
          .required(
              "state",
              Schemas.enumeration(
                  "Its delivery state.",
                  "pending",
                  "leased",
                  "delivered",
                  "failed",
                  "missed",
                  "canceled"))
          .optional("delivered_at", Schemas.instant("When it was delivered, if it was."))
          .output();

  private Views() {}

  /** A task. */
  public static Map<String, Object> task(Task task) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", task.id().toString());
    view.put("title", task.title());
    put(view, "description", task.description());
    view.put("status", lower(task.status()));
    view.put("priority", lower(task.priority()));
    put(view, "due_at", task.dueAt());
    put(view, "completed_at", task.completedAt());
    if (task.recurrence() != null) {
      view.put("recurrence_rule", recurrence(task.recurrence()));
    }
    put(view, "template_id", task.templateId());
    view.put("version", task.version());
    view.put("created_at", task.createdAt().toString());
    view.put("updated_at", task.updatedAt().toString());
    return view;
  }

  /** A tag. */
  public static Map<String, Object> tag(Tag tag) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", tag.id().toString());
    view.put("name", tag.name());
    view.put("color", tag.color());
    return view;
  }

  /** A recurring task. */
  public static Map<String, Object> recurringTask(RecurringTask template) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", template.id().toString());
    view.put("title", template.title());
    put(view, "description", template.description());
    view.put("priority", lower(template.priority()));
    view.put("recurrence_rule", recurrence(template.recurrence()));
    view.put("time_zone", template.timeZone().getId());
    view.put("starts_at", template.startsAt().toString());
    put(view, "next_due_at", template.nextDueAt());
    view.put("active", template.active());
    put(view, "end_reason", template.endReason());
    return view;
  }

  /** A reminder. */
  public static Map<String, Object> reminder(Reminder reminder) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", reminder.id().toString());
    view.put("task_id", reminder.taskId().toString());
    put(view, "at", reminder.at());
    if (reminder.beforeDue() != null) {
      view.put("before_due_minutes", reminder.beforeDue().toMinutes());
    }
    put(view, "fire_at", reminder.fireAt());
    view.put("state", lower(reminder.state()));
    put(view, "delivered_at", reminder.deliveredAt());
    return view;
  }

  /** A tag with its number of tasks, as list_tags shows it. */
  public static Map<String, Object> tagWithCount(TagWithCount tag) {
    Map<String, Object> view = tag(tag.tag());
    view.put("task_count", tag.taskCount());
    return view;
  }

  /** A rule in {@code RecurrenceJson}'s shape, as the tree parsing its JSON text gives. */
  static Map<String, Object> recurrence(RecurrenceSpec spec) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("frequency", spec.frequency().jsonName());
    rule.put("interval", spec.interval());
    rule.put("days", List.copyOf(spec.dayNames()));
    put(rule, "end_date", spec.endDate());
    Integer count = spec.count();
    if (count != null) {
      rule.put("count", count);
    }
    Integer monthDay = spec.monthDay();
    if (monthDay != null) {
      rule.put("month_day", monthDay);
    }
    rule.put("mode", spec.mode().jsonName());
    return rule;
  }

  private static void put(Map<String, Object> view, String name, @Nullable Object value) {
    if (value != null) {
      view.put(name, value.toString());
    }
  }

  /** An enum constant as the tools spell it: in lower case. */
  public static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
