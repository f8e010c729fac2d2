package io.todokit.dao.recurring;

import io.todokit.dao.tasks.Task;
import java.util.List;
import java.util.UUID;

/**
 * What one {@code materializeDue} call did.
 *
 * @param created the tasks it created, per template in occurrence order
 * @param deactivatedTemplateIds the templates whose rule ended: their {@code nextDueAt} is now null
 *     and they are inactive
 * @param backloggedTemplateIds templates with policy {@code ALL} that had more passed occurrences
 *     than one call creates per template ({@link RecurringTaskDao#MAX_OCCURRENCES_PER_TEMPLATE});
 *     they stay due, and the next call continues where this one stopped
 * @param claimedTemplates how many due templates it claimed (at most the call's limit)
 */
public record MaterializeResult(
    List<Task> created,
    List<UUID> deactivatedTemplateIds,
    List<UUID> backloggedTemplateIds,
    int claimedTemplates) {

  /** Copies the lists. */
  public MaterializeResult {
    created = List.copyOf(created);
    deactivatedTemplateIds = List.copyOf(deactivatedTemplateIds);
    backloggedTemplateIds = List.copyOf(backloggedTemplateIds);
  }

  /**
   * True when templates may still be due: the call claimed as many as its limit allowed, or left a
   * backlog; a worker should call again (without sleeping).
   *
   * @param limit the limit the call was made with
   * @return whether to call again
   */
  public boolean moreMayBeDue(int limit) {
    return claimedTemplates >= limit || !backloggedTemplateIds.isEmpty();
  }
}
