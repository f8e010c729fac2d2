package io.todokit.dao.recurring;

import io.todokit.dao.tasks.Task;
import java.util.List;
import java.util.UUID;

/**
 * What one {@code materializeDue} call did.
 *
 * @param created the tasks it created, per template in occurrence order
 * @param deactivatedTemplateIds the templates whose series ended: their rule ended (COUNT, UNTIL),
 *     or it has no storable next occurrence (beyond the year 9999, or one the calculator cannot
 *     compute); their {@code nextDueAt} is now null, they are inactive, and their {@link
 *     RecurringTask#endReason()} says why
 * @param backloggedTemplateIds templates with policy {@code ALL} that had more passed occurrences
 *     than one call creates per template ({@link RecurringTaskDao#MAX_OCCURRENCES_PER_TEMPLATE});
 *     they stay due, and the next call continues where this one stopped
 * @param failed the templates it could not materialize (their work was rolled back, they were
 *     deactivated with the reason, and they are in no other list), in claim order
 * @param claimedTemplates how many due templates it claimed (at most the call's limit), the failed
 *     ones included
 * @param limit the limit the call was made with
 */
public record MaterializeResult(
    List<Task> created,
    List<UUID> deactivatedTemplateIds,
    List<UUID> backloggedTemplateIds,
    List<TemplateFailure> failed,
    int claimedTemplates,
    int limit) {

  /** Copies the lists. */
  public MaterializeResult {
    created = List.copyOf(created);
    deactivatedTemplateIds = List.copyOf(deactivatedTemplateIds);
    backloggedTemplateIds = List.copyOf(backloggedTemplateIds);
    failed = List.copyOf(failed);
  }

  /**
   * True when templates may still be due: the call claimed as many as its limit allowed (failed
   * templates count as claimed), or left a backlog; a worker should call again (without sleeping).
   *
   * @return whether to call again
   */
  public boolean moreMayBeDue() {
    return claimedTemplates >= limit || !backloggedTemplateIds.isEmpty();
  }
}
