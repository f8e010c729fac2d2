package io.todokit.schema;

/**
 * The steps of todokit's migration history, in the order they are applied.
 *
 * <p>Each step is one Flyway migration {@code V<version>__<name>.sql} with a down script {@code
 * U<version>__<name>.sql} that exactly undoes it.
 */
public enum SchemaStep {
  /** Users, and the trigger functions every later table uses. */
  USERS(1, "users"),
  /** Tasks, keyed by (user_id, id). */
  TASKS(2, "tasks"),
  /** Indexes for listing and searching a user's tasks. */
  PERFORMANCE_INDEXES(3, "performance_indexes"),
  /** Chatbot conversations and their strictly ordered messages. */
  CONVERSATIONS_AND_MESSAGES(4, "conversations_and_messages"),
  /** Task priority (low, medium, high, urgent). */
  TASK_PRIORITY(5, "task_priority"),
  /** Task due dates. */
  DUE_DATES(6, "due_dates"),
  /** Task reminders and the claim marker. */
  REMINDERS(7, "reminders"),
  /** A recurrence rule on tasks. */
  RECURRENCE(8, "recurrence"),
  /** Per-user tags and task_tags. */
  TAGS(9, "tags"),
  /** Recurring-task templates. */
  RECURRING_TEMPLATES(10, "recurring_templates"),
  /** Text of Unicode spaces only is blank; time zones are region ids ({@code Area/Location}). */
  TEXT_AND_ZONE_CHECKS(11, "text_and_zone_checks"),
  /** Why a recurring-task template stopped ({@code recurring_tasks.end_reason}). */
  TEMPLATE_END_REASON(12, "template_end_reason"),
  /**
   * todokit in a PostgreSQL schema of its own: the message-sequence trigger finds its table there,
   * whatever the caller's {@code search_path}.
   */
  OWN_SCHEMA(13, "own_schema"),
  /**
   * Reminders in a table of their own: several per task, absolute or relative to the due time, each
   * firing leased, acknowledged, retried, dead-lettered or missed; {@code tasks.remind_at} and
   * {@code reminded_at} are carried over and dropped.
   */
  REMINDER_DELIVERIES(14, "reminder_deliveries"),
  /**
   * Recurring-task templates carry reminders relative to the due time ({@code
   * recurring_tasks.reminders_before_due}), which every task made from them gets.
   */
  TEMPLATE_REMINDERS(15, "template_reminders"),
  /**
   * Task effects: the provenance of writes made for a tool call or an idempotency key, which also
   * makes a retried call find the first one's effect instead of writing again.
   */
  TASK_EFFECTS(16, "task_effects"),
  /**
   * A schema that Citus can distribute on {@code user_id}: {@code tasks_template_fkey} without
   * {@code ON DELETE SET NULL} (the DAO unlinks a template's tasks), a time-zone check without an
   * exception block, a message-sequence error that names its constraint in its message.
   */
  DISTRIBUTABLE(17, "distributable");

  private final int version;
  private final String scriptName;

  SchemaStep(int version, String scriptName) {
    this.version = version;
    this.scriptName = scriptName;
  }

  /** The newest step: the version a fully migrated database is at. */
  public static SchemaStep head() {
    SchemaStep[] steps = values();
    return steps[steps.length - 1];
  }

  /**
   * The step with the given version.
   *
   * @param version a version from 1 to {@code head().version()}
   * @return the step
   * @throws IllegalArgumentException when no step has that version
   */
  public static SchemaStep of(int version) {
    for (SchemaStep step : values()) {
      if (step.version == version) {
        return step;
      }
    }
    throw new IllegalArgumentException(
        "no schema step has version " + version + " (versions are 1 to " + head().version + ")");
  }

  /** The Flyway version of this step. */
  public int version() {
    return version;
  }

  /** The migration's file name, e.g. {@code V4__conversations_and_messages.sql}. */
  public String migrationScript() {
    return "V" + version + "__" + scriptName + ".sql";
  }

  /** The down script's file name, e.g. {@code U4__conversations_and_messages.sql}. */
  public String rollbackScript() {
    return "U" + version + "__" + scriptName + ".sql";
  }
}
