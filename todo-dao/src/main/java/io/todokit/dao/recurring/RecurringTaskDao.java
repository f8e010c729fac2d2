package io.todokit.dao.recurring;

import io.todokit.dao.NotFoundException;
import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.DaoAccess;
import io.todokit.dao.internal.DaoContext;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Recurring-task templates and their materialization into tasks; use {@code TodoDb.recurring()}.
 *
 * <p>A template holds a rule (the documented JSON shape, mode fixed) computed on the wall clock of
 * its time zone from its start (DTSTART), so that "09:00 every day in Europe/Berlin" stays 09:00
 * local across daylight-saving changes. {@code nextDueAt} is the next occurrence a worker turns
 * into a task; it is null once the rule has ended. Workers call {@link #materializeDue}; every
 * other method takes the acting user's id and sees only that user's templates, another user's ids
 * behaving exactly like missing ones. Immutable and thread-safe.
 */
public final class RecurringTaskDao {

  /**
   * The most tasks one {@link #materializeDue} call creates for one template with policy {@link
   * MissedPolicy#ALL}; a longer backlog is reported in {@link
   * MaterializeResult#backloggedTemplateIds()} and continued by the next call.
   */
  public static final int MAX_OCCURRENCES_PER_TEMPLATE = 1_000;

  /** The most templates one {@link #materializeDue} call may claim. */
  public static final int MAX_TEMPLATES_PER_CALL = 1_000;

  private final Templates templates;
  private final Materializer materializer;

  static {
    DaoAccess.register(RecurringTaskDao.class, RecurringTaskDao::new);
  }

  private RecurringTaskDao(DaoContext context) {
    Objects.requireNonNull(context, "context");
    this.templates = new Templates(context);
    this.materializer = new Materializer(context);
  }

  /**
   * Creates a template; its {@code nextDueAt} is its first occurrence: the start itself if it
   * matches the rule, else the first later date-time that does (RFC 5545: a start that does not
   * match the rule is not an occurrence). A start in the past is allowed: the missed occurrences
   * are then due at once, handled by the template's missed policy.
   *
   * @param userId the acting user
   * @param template the template
   * @return the stored template
   * @throws ValidationException ({@code title}, {@code description}, {@code recurrence_rule},
   *     {@code recurrence_rule.mode}, {@code time_zone}, {@code starts_at}) for bad values, a rule
   *     with mode {@code after_completion}, or a rule that never occurs
   * @throws NotFoundException ({@code user}) if the user does not exist
   */
  public RecurringTask create(UUID userId, NewRecurringTask template) {
    return templates.create(userId, template);
  }

  /**
   * One template, if the user has it.
   *
   * @param userId the acting user
   * @param id the template
   * @return the template, or empty if the user has no such template
   */
  public Optional<RecurringTask> find(UUID userId, UUID id) {
    return templates.find(userId, id);
  }

  /**
   * One template.
   *
   * @param userId the acting user
   * @param id the template
   * @return the template
   * @throws NotFoundException ({@code recurring task}) if the user has no such template
   */
  public RecurringTask get(UUID userId, UUID id) {
    return find(userId, id).orElseThrow(() -> new NotFoundException(TemplateRows.ENTITY, id));
  }

  /**
   * All the user's templates (active, paused and ended) in creation order; not paged, as a user has
   * a handful of templates.
   *
   * @param userId the acting user
   * @return the templates
   */
  public List<RecurringTask> list(UUID userId) {
    return templates.list(userId);
  }

  /**
   * Changes a template; tasks already made from it keep their values.
   *
   * <p>A new rule or time zone restarts the schedule: {@code nextDueAt} becomes the new rule's
   * first occurrence at or after the later of now and the start, so occurrences that passed before
   * the change are not made (and never made twice: a task for the same occurrence is kept). A new
   * time zone keeps the start's wall-clock time (09:00 stays 09:00, now in the new zone). A new
   * rule with no occurrence left ends the template (inactive, {@code nextDueAt} null, with the
   * {@code endReason}); one with occurrences left revives an ended template (clearing the reason),
   * while a paused one stays paused (a worker's reason for stopping it stays until {@link
   * #resume}). Changing only the title, description, priority or missed policy leaves the schedule
   * alone.
   *
   * @param userId the acting user
   * @param id the template
   * @param patch the changes
   * @return the changed template
   * @throws ValidationException for bad values, as {@link #create}
   * @throws NotFoundException ({@code recurring task}) if the user has no such template
   */
  public RecurringTask update(UUID userId, UUID id, RecurringTaskPatch patch) {
    return templates.update(userId, id, patch);
  }

  /**
   * Pauses a template: workers skip it until {@link #resume}; pausing a paused or ended template
   * changes nothing but {@code updatedAt}.
   *
   * @param userId the acting user
   * @param id the template
   * @return the paused template
   * @throws NotFoundException ({@code recurring task}) if the user has no such template
   */
  public RecurringTask pause(UUID userId, UUID id) {
    return templates.pause(userId, id);
  }

  /**
   * Resumes a paused template, or one a worker stopped because it could not materialize it (after
   * fixing it); the occurrences that passed while it was inactive are skipped: {@code nextDueAt}
   * becomes the first occurrence at or after now, and the {@code endReason} is cleared. If the rule
   * has no occurrence left (within the years 1 to 9999) the template ends instead (stays inactive,
   * {@code nextDueAt} null, the {@code endReason} says why). Resuming an active template changes
   * nothing (its pending occurrences are kept).
   *
   * @param userId the acting user
   * @param id the template
   * @return the template
   * @throws NotFoundException ({@code recurring task}) if the user has no such template
   */
  public RecurringTask resume(UUID userId, UUID id) {
    return templates.resume(userId, id);
  }

  /**
   * Deletes a template; the tasks made from it stay, no longer linked to it ({@code templateId}
   * null, {@code occurrenceAt} kept).
   *
   * @param userId the acting user
   * @param id the template
   * @throws NotFoundException ({@code recurring task}) if the user has no such template
   */
  public void delete(UUID userId, UUID id) {
    templates.delete(userId, id);
  }

  /**
   * Turns the due occurrences of active templates into tasks, each template by its own missed
   * policy; see {@link #materializeDue(int, MissedPolicy)}.
   *
   * @param limit how many due templates to claim, 1 to {@value #MAX_TEMPLATES_PER_CALL}
   * @return what the call did
   * @throws ValidationException ({@code limit}) for a bad limit
   */
  public MaterializeResult materializeDue(int limit) {
    return materializer.materialize(limit, null);
  }

  /**
   * Turns the due occurrences of active templates into tasks: a worker's call, across all users (it
   * takes no user id; each task is created for its template's owner).
   *
   * <p>"Now" is the {@code TodoDb} clock's instant ({@code TodoDb.withClock}). In one transaction
   * it claims up to {@code limit} active templates with {@code nextDueAt <= now}, earliest first,
   * with {@code FOR UPDATE SKIP LOCKED} (so concurrent workers share the work instead of waiting):
   * one statement on a single server; on a distributed database ({@code TodoDb.withDistributed},
   * docs/distributed.md) an unlocked read of the due templates across users, then one locking read
   * per user among them (each on one shard). It creates their tasks and advances them. Each task
   * takes the template's title, description and priority; its due date and occurrence are the
   * occurrence's instant. With {@link MissedPolicy#LATEST} only the latest occurrence at or before
   * {@code now} is created and the earlier passed ones are skipped; with {@link MissedPolicy#ALL}
   * every passed occurrence is created, at most {@value #MAX_OCCURRENCES_PER_TEMPLATE} per template
   * and call ({@code nextDueAt} then advances only past the last one created, the template is
   * reported as backlogged, and the next call continues). {@code nextDueAt} becomes the first
   * occurrence after the last one handled. A template whose series has ended is deactivated ({@code
   * nextDueAt} null) with its {@code endReason} and reported in {@link
   * MaterializeResult#deactivatedTemplateIds()}: its rule ended (COUNT, UNTIL), or it has no
   * storable next occurrence (beyond the year 9999, or one the calculator fails to compute, for a
   * rule written by plain SQL). The unique key on (user, template, occurrence) and {@code ON
   * CONFLICT DO NOTHING} make sure that no occurrence is ever created twice, even by racing
   * workers; a second call at the same instant creates nothing.
   *
   * <p>One template never blocks the others: each claimed template is read and made on its own, in
   * a savepoint. A template that fails (a row Java cannot read, such as a rule or time zone written
   * by plain SQL, or a task the database refuses) is rolled back to its savepoint, deactivated with
   * a one-line {@code endReason} (its {@code nextDueAt} kept, so that it can be fixed and resumed)
   * and reported in {@link MaterializeResult#failed()}; the call goes on with the next template.
   * Infrastructure errors (a lost connection, a statement or lock timeout, a serialization failure
   * or deadlock: SQLState classes 08, 40, 53, 57, 58 and XX, and 55P03, 25006) are not the
   * template's fault: they abort the whole call, which then writes nothing, and deactivate nothing.
   *
   * @param limit how many due templates to claim, 1 to {@value #MAX_TEMPLATES_PER_CALL}
   * @param policy the missed policy for every claimed template, overriding theirs
   * @return what the call did
   * @throws ValidationException ({@code limit}) for a bad limit
   */
  public MaterializeResult materializeDue(int limit, MissedPolicy policy) {
    return materializer.materialize(limit, Objects.requireNonNull(policy, "policy"));
  }
}
