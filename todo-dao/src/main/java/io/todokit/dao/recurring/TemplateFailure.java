package io.todokit.dao.recurring;

import java.util.Objects;
import java.util.UUID;

/**
 * A template that one {@code materializeDue} call could not materialize: what it had written for
 * the template was rolled back, the other templates of the call were made, and the template was
 * deactivated with the reason as its {@link RecurringTask#endReason()}. Immutable.
 *
 * @param templateId the template
 * @param userId its owner
 * @param reason what went wrong, one line of at most 500 characters (never a stack trace): a value
 *     Java cannot read, such as a rule or time zone written by plain SQL, or a task the database
 *     refused
 * @param deactivated true when the template was deactivated; false only when the database refused
 *     that too (its row violates a constraint of its own table, possible only if one was bypassed):
 *     it then stays due and is reported again by every call until it is fixed
 */
public record TemplateFailure(UUID templateId, UUID userId, String reason, boolean deactivated) {

  /** Checks the fields. */
  public TemplateFailure {
    Objects.requireNonNull(templateId, "templateId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(reason, "reason");
  }
}
