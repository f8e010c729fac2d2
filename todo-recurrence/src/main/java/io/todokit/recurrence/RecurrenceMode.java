package io.todokit.recurrence;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Whether the next due date of a {@link RecurrenceSpec} follows the schedule or the completion of
 * the previous one.
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum RecurrenceMode {
  /** Due dates follow the schedule, whenever tasks are completed (JSON {@code "fixed"}). */
  FIXED,
  /**
   * The next due date counts from the completion (Todoist's {@code every!}; JSON {@code
   * "after_completion"}).
   */
  AFTER_COMPLETION;

  /**
   * Returns the mode with the given name, in any case ({@code "fixed"}, {@code
   * "after_completion"}); null gives {@link #FIXED}.
   *
   * @param name the name, or null
   * @return the mode
   * @throws InvalidRecurrenceRuleException (part {@code "mode"}) for an unknown name
   */
  public static RecurrenceMode of(@Nullable String name) {
    if (name == null) {
      return FIXED;
    }
    for (RecurrenceMode mode : values()) {
      if (mode.name().equalsIgnoreCase(name.strip())) {
        return mode;
      }
    }
    throw new InvalidRecurrenceRuleException(
        "mode", "unknown mode '" + name + "': expected fixed or after_completion");
  }

  /**
   * Returns the lower-case JSON name, {@code "fixed"} or {@code "after_completion"}.
   *
   * @return the name
   */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
