package io.todokit.dao.recurring;

import static io.todokit.schema.jooq.Tables.RECURRING_TASKS;
import static io.todokit.schema.jooq.Tables.TASKS;
import static io.todokit.schema.jooq.Tables.USERS;

import io.todokit.dao.NotFoundException;
import io.todokit.dao.RecurrenceJson;
import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Change;
import io.todokit.dao.internal.Check;
import io.todokit.dao.internal.DaoContext;
import io.todokit.dao.internal.Failures;
import io.todokit.dao.internal.NextOccurrence;
import io.todokit.dao.internal.ResultSets;
import io.todokit.dao.internal.TaskRows;
import io.todokit.dao.tasks.Priority;
import io.todokit.dao.tasks.Task;
import io.todokit.recurrence.RecurrenceSpec;
import io.todokit.recurrence.Schedule;
import io.todokit.schema.jooq.enums.TaskPriority;
import io.todokit.schema.jooq.tables.records.RecurringTasksRecord;
import io.todokit.schema.jooq.tables.records.TasksRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep10;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.UpdateSetMoreStep;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

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

  private static final String ENTITY = "recurring task";

  /** The longest end reason ({@code recurring_tasks_end_reason_length}). */
  private static final int MAX_REASON = 500;

  /** The savepoint around each claimed template's work in {@link #materializeDue}. */
  private static final String SAVEPOINT = "todokit_template";

  private static final List<SelectField<?>> COLUMNS =
      List.of(
          RECURRING_TASKS.ID,
          RECURRING_TASKS.USER_ID,
          RECURRING_TASKS.TITLE,
          RECURRING_TASKS.DESCRIPTION,
          RECURRING_TASKS.PRIORITY,
          RECURRING_TASKS.RECURRENCE_RULE,
          RECURRING_TASKS.TIME_ZONE,
          RECURRING_TASKS.STARTS_AT,
          RECURRING_TASKS.NEXT_DUE_AT,
          RECURRING_TASKS.MISSED_POLICY,
          RECURRING_TASKS.IS_ACTIVE,
          RECURRING_TASKS.CREATED_AT,
          RECURRING_TASKS.UPDATED_AT,
          RECURRING_TASKS.END_REASON);

  private final DaoContext context;

  /**
   * Creates the DAO; use {@code TodoDb.recurring()} instead.
   *
   * @param context the shared DAO context
   */
  public RecurringTaskDao(DaoContext context) {
    this.context = Objects.requireNonNull(context, "context");
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
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(template, "template");
    // The command was validated when built; what is left needs the database.
    String title = template.title();
    String description = template.description();
    RecurrenceSpec recurrence = template.recurrence();
    ZoneId explicitZone = template.timeZone();
    Instant now = context.now();
    UUID id = context.newId();
    return context.write(
        dsl -> {
          ZoneId zone = explicitZone != null ? explicitZone : userZone(dsl, userId);
          ZonedDateTime dtstart = dtstart(template.startsAt(), template.startsAtLocal(), zone);
          Check.instant("starts_at", dtstart.toInstant());
          ZonedDateTime first =
              recurrence.schedule(dtstart).stream()
                  .findFirst()
                  .map(occurrence -> occurrence.atZone(dtstart.getZone()))
                  .filter(occurrence -> occurrence.getYear() <= NextOccurrence.LAST_YEAR)
                  .orElseThrow(
                      () ->
                          new ValidationException(
                              RecurrenceJson.FIELD,
                              "never occurs (in the years up to "
                                  + NextOccurrence.LAST_YEAR
                                  + ")"));
          return toTemplate(
              dsl.insertInto(RECURRING_TASKS)
                  .set(RECURRING_TASKS.USER_ID, userId)
                  .set(RECURRING_TASKS.ID, id)
                  .set(RECURRING_TASKS.TITLE, title)
                  .set(RECURRING_TASKS.DESCRIPTION, description)
                  .set(RECURRING_TASKS.PRIORITY, TaskRows.priority(template.priority()))
                  .set(RECURRING_TASKS.RECURRENCE_RULE, TaskRows.json(recurrence))
                  .set(RECURRING_TASKS.TIME_ZONE, zone.getId())
                  .set(RECURRING_TASKS.STARTS_AT, dtstart.toInstant())
                  .set(RECURRING_TASKS.NEXT_DUE_AT, first.toInstant())
                  .set(RECURRING_TASKS.MISSED_POLICY, template.missedPolicy().dbName())
                  .set(RECURRING_TASKS.IS_ACTIVE, true)
                  .set(RECURRING_TASKS.CREATED_AT, now)
                  .set(RECURRING_TASKS.UPDATED_AT, now)
                  .returningResult(COLUMNS)
                  .fetchSingle());
        },
        userId);
  }

  /**
   * One template, if the user has it.
   *
   * @param userId the acting user
   * @param id the template
   * @return the template, or empty if the user has no such template
   */
  public Optional<RecurringTask> find(UUID userId, UUID id) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    return context.read(
        dsl ->
            dsl.select(COLUMNS)
                .from(RECURRING_TASKS)
                .where(RECURRING_TASKS.USER_ID.eq(userId), RECURRING_TASKS.ID.eq(id))
                .fetchOptional(RecurringTaskDao::toTemplate),
        id);
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
    return find(userId, id).orElseThrow(() -> new NotFoundException(ENTITY, id));
  }

  /**
   * All the user's templates (active, paused and ended) in creation order; not paged, as a user has
   * a handful of templates.
   *
   * @param userId the acting user
   * @return the templates
   */
  public List<RecurringTask> list(UUID userId) {
    Objects.requireNonNull(userId, "userId");
    return context.read(
        dsl ->
            dsl.select(COLUMNS)
                .from(RECURRING_TASKS)
                .where(RECURRING_TASKS.USER_ID.eq(userId))
                // ids are UUIDv7: id order is creation order, served by the primary key.
                .orderBy(RECURRING_TASKS.ID)
                .fetch(RecurringTaskDao::toTemplate),
        userId);
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
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(patch, "patch");
    if (patch.isEmpty()) {
      return get(userId, id);
    }
    // The patch was validated when built.
    RecurrenceSpec recurrence = patch.recurrence() == null ? null : patch.recurrence().value();
    ZoneId zone = patch.timeZone() == null ? null : patch.timeZone().value();
    Instant now = context.now();
    return context.write(
        dsl -> {
          RecurringTask current = lockedTemplate(dsl, userId, id);
          UpdateSetMoreStep<RecurringTasksRecord> update =
              dsl.update(RECURRING_TASKS).set(RECURRING_TASKS.UPDATED_AT, now);
          if (patch.title() instanceof Change<String> title) {
            update = update.set(RECURRING_TASKS.TITLE, title.value());
          }
          if (patch.description() instanceof Change<String> description) {
            update = update.set(RECURRING_TASKS.DESCRIPTION, description.value());
          }
          if (patch.priority() instanceof Change<Priority> priority) {
            update =
                update.set(
                    RECURRING_TASKS.PRIORITY,
                    TaskRows.priority(Objects.requireNonNull(priority.value())));
          }
          if (patch.missedPolicy() instanceof Change<MissedPolicy> policy) {
            update =
                update.set(
                    RECURRING_TASKS.MISSED_POLICY, Objects.requireNonNull(policy.value()).dbName());
          }
          boolean newRule = recurrence != null && !recurrence.equals(current.recurrence());
          boolean newZone = zone != null && !zone.equals(current.timeZone());
          if (newRule || newZone) {
            RecurrenceSpec rule =
                newRule ? Objects.requireNonNull(recurrence) : current.recurrence();
            ZoneId targetZone = newZone ? Objects.requireNonNull(zone) : current.timeZone();
            ZonedDateTime dtstart = current.dtstart().toLocalDateTime().atZone(targetZone);
            Schedule schedule = rule.schedule(dtstart);
            if (schedule.stream().findFirst().isEmpty()) {
              throw new ValidationException(RecurrenceJson.FIELD, "never occurs");
            }
            Instant from = now.isAfter(dtstart.toInstant()) ? now : dtstart.toInstant();
            NextOccurrence next = NextOccurrence.of(schedule, from, () -> schedule.atOrAfter(from));
            boolean running = current.active() || current.ended();
            update =
                update
                    .set(RECURRING_TASKS.RECURRENCE_RULE, TaskRows.json(rule))
                    .set(RECURRING_TASKS.TIME_ZONE, targetZone.getId())
                    .set(RECURRING_TASKS.STARTS_AT, dtstart.toInstant())
                    .set(RECURRING_TASKS.NEXT_DUE_AT, instant(next))
                    .set(RECURRING_TASKS.IS_ACTIVE, next instanceof NextOccurrence.At && running);
            if (next instanceof NextOccurrence.None none) {
              update = update.set(RECURRING_TASKS.END_REASON, none.reason());
            } else if (running) {
              // Revived (or still running): a paused or stopped one keeps its reason until resumed.
              update = update.set(RECURRING_TASKS.END_REASON, (String) null);
            }
          }
          return toTemplate(
              update
                  .where(RECURRING_TASKS.USER_ID.eq(userId), RECURRING_TASKS.ID.eq(id))
                  .returningResult(COLUMNS)
                  .fetchSingle());
        },
        id);
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
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    Instant now = context.now();
    return context.write(
        dsl ->
            dsl.update(RECURRING_TASKS)
                .set(RECURRING_TASKS.IS_ACTIVE, false)
                .set(RECURRING_TASKS.UPDATED_AT, now)
                .where(RECURRING_TASKS.USER_ID.eq(userId), RECURRING_TASKS.ID.eq(id))
                .returningResult(COLUMNS)
                .fetchOptional()
                .map(RecurringTaskDao::toTemplate)
                .orElseThrow(() -> new NotFoundException(ENTITY, id)),
        id);
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
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    Instant now = context.now();
    return context.write(
        dsl -> {
          RecurringTask current = lockedTemplate(dsl, userId, id);
          if (current.active()) {
            return current;
          }
          Schedule schedule = current.recurrence().schedule(current.dtstart());
          NextOccurrence next = NextOccurrence.of(schedule, now, () -> schedule.atOrAfter(now));
          return toTemplate(
              dsl.update(RECURRING_TASKS)
                  .set(RECURRING_TASKS.NEXT_DUE_AT, instant(next))
                  .set(RECURRING_TASKS.IS_ACTIVE, next instanceof NextOccurrence.At)
                  .set(
                      RECURRING_TASKS.END_REASON,
                      next instanceof NextOccurrence.None none ? none.reason() : null)
                  .set(RECURRING_TASKS.UPDATED_AT, now)
                  .where(RECURRING_TASKS.USER_ID.eq(userId), RECURRING_TASKS.ID.eq(id))
                  .returningResult(COLUMNS)
                  .fetchSingle());
        },
        id);
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
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    context.deleteOwned(
        RECURRING_TASKS, RECURRING_TASKS.USER_ID, RECURRING_TASKS.ID, userId, id, ENTITY);
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
    return materialize(limit, null);
  }

  /**
   * Turns the due occurrences of active templates into tasks: a worker's call, across all users (it
   * takes no user id; each task is created for its template's owner).
   *
   * <p>"Now" is the {@code TodoDb} clock's instant ({@code TodoDb.withClock}). In one transaction
   * it claims up to {@code limit} active templates with {@code nextDueAt <= now}, earliest first,
   * with {@code FOR UPDATE SKIP LOCKED} (so concurrent workers share the work instead of waiting),
   * creates their tasks and advances them. Each task takes the template's title, description and
   * priority; its due date and occurrence are the occurrence's instant. With {@link
   * MissedPolicy#LATEST} only the latest occurrence at or before {@code now} is created and the
   * earlier passed ones are skipped; with {@link MissedPolicy#ALL} every passed occurrence is
   * created, at most {@value #MAX_OCCURRENCES_PER_TEMPLATE} per template and call ({@code
   * nextDueAt} then advances only past the last one created, the template is reported as
   * backlogged, and the next call continues). {@code nextDueAt} becomes the first occurrence after
   * the last one handled. A template whose series has ended is deactivated ({@code nextDueAt} null)
   * with its {@code endReason} and reported in {@link MaterializeResult#deactivatedTemplateIds()}:
   * its rule ended (COUNT, UNTIL), or it has no storable next occurrence (beyond the year 9999, or
   * one the calculator fails to compute, for a rule written by plain SQL). The unique key on (user,
   * template, occurrence) and {@code ON CONFLICT DO NOTHING} make sure that no occurrence is ever
   * created twice, even by racing workers; a second call at the same instant creates nothing.
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
    return materialize(limit, Objects.requireNonNull(policy, "policy"));
  }

  /**
   * Templates whose row the schema's current checks still accept. Rows written before V11 may hold
   * a zone abbreviation (PST) or a title of Unicode spaces; V11 added its checks NOT VALID, so such
   * a row stays readable but refuses every UPDATE, including the one that would stop it. Claiming
   * it would report it on every call and, with enough of them, fill every batch: it is left out
   * instead until it is fixed, and {@code TodoSchema.verify} counts it. Plain SQL: the same
   * expressions as V11's checks (cheap: a regex and an inlined SQL function, no exception block),
   * the function named in todokit's schema.
   */
  private static Condition writable(DaoContext context) {
    return DSL.condition(
        "({0} = 'UTC' OR {0} ~ '^[A-Za-z]+(/[A-Za-z0-9_+-]+)+$') AND NOT {2}({1})",
        RECURRING_TASKS.TIME_ZONE, RECURRING_TASKS.TITLE, context.function("todokit_is_blank"));
  }

  private MaterializeResult materialize(int limit, @Nullable MissedPolicy override) {
    if (limit < 1 || limit > MAX_TEMPLATES_PER_CALL) {
      throw new ValidationException(
          "limit", "must be 1 to " + MAX_TEMPLATES_PER_CALL + " (was " + limit + ")");
    }
    // One instant from the TodoDb clock: what is due, and when the tasks are made.
    Instant now = context.now();
    Instant createdAt = now;
    return context.write(
        dsl -> {
          // Read from the result set and mapped row by row: jOOQ's record conversion fails the
          // whole result on one value it cannot read (a timestamp of 'infinity').
          List<Claimed> due =
              ResultSets.fetch(
                  dsl.select(COLUMNS)
                      .from(RECURRING_TASKS)
                      .where(
                          // a bare boolean, to match the partial index recurring_tasks_due_idx
                          DSL.condition(RECURRING_TASKS.IS_ACTIVE),
                          RECURRING_TASKS.NEXT_DUE_AT.le(now),
                          writable(context))
                      .orderBy(RECURRING_TASKS.NEXT_DUE_AT)
                      .limit(limit)
                      .forUpdate()
                      .skipLocked(),
                  RecurringTaskDao::claimed);
          List<Task> created = new ArrayList<>();
          List<UUID> deactivated = new ArrayList<>();
          List<UUID> backlogged = new ArrayList<>();
          List<TemplateFailure> failed = new ArrayList<>();
          for (Claimed claimed : due) {
            // Explicit savepoints rather than a nested dsl.transactionResult: on the connection of
            // a plain JDBC transaction (DaoContext's own), jOOQ would take a nested transaction for
            // a top-level one and commit it.
            dsl.savepoint(SAVEPOINT).execute();
            try {
              Made made =
                  switch (claimed) {
                    case Claimed.Read read -> made(dsl, read, override, now, createdAt);
                    case Claimed.Unreadable unreadable ->
                        throw new UnreadableTemplate(unreadable.problem());
                  };
              dsl.releaseSavepoint(SAVEPOINT).execute();
              created.addAll(made.created());
              if (made.backlogged()) {
                backlogged.add(claimed.id());
              }
              if (made.ended()) {
                deactivated.add(claimed.id());
              }
            } catch (RuntimeException e) {
              if (Failures.isTransient(e)) {
                throw e;
              }
              dsl.rollback().toSavepoint(SAVEPOINT).execute();
              failed.add(stop(dsl, claimed, failure(e), createdAt));
              dsl.releaseSavepoint(SAVEPOINT).execute();
            }
          }
          return new MaterializeResult(created, deactivated, backlogged, failed, due.size(), limit);
        },
        null);
  }

  /** What one template's materialization made. */
  private record Made(List<Task> created, boolean backlogged, boolean ended) {}

  /** Creates one template's due tasks and advances it, or ends it when its series has ended. */
  private Made made(
      DSLContext dsl,
      Claimed.Read claimed,
      @Nullable MissedPolicy override,
      Instant now,
      Instant createdAt) {
    RecurringTask template = claimed.template();
    Schedule schedule = claimed.schedule();
    MissedPolicy policy = override != null ? override : template.missedPolicy();
    Instant from = Objects.requireNonNull(template.nextDueAt());
    // A calculator that throws here fails the template (rolled back, stopped, reported); one that
    // cannot give the next occurrence ends its series instead (NextOccurrence never throws).
    List<Instant> toCreate;
    boolean backlog = false;
    if (policy == MissedPolicy.LATEST) {
      toCreate = schedule.latestIn(from, now).map(List::of).orElse(List.of());
    } else {
      toCreate = schedule.in(from, now, MAX_OCCURRENCES_PER_TEMPLATE + 1);
      if (toCreate.size() > MAX_OCCURRENCES_PER_TEMPLATE) {
        toCreate = toCreate.subList(0, MAX_OCCURRENCES_PER_TEMPLATE);
        backlog = true;
      }
    }
    NextOccurrence next;
    if (toCreate.isEmpty()) {
      next = NextOccurrence.of(schedule, now, () -> schedule.after(now));
    } else {
      Instant last = toCreate.getLast();
      next = NextOccurrence.of(schedule, last, () -> schedule.after(last));
    }
    List<Task> created = insertTasks(dsl, template, toCreate, createdAt);
    UpdateSetMoreStep<RecurringTasksRecord> update =
        dsl.update(RECURRING_TASKS)
            .set(RECURRING_TASKS.NEXT_DUE_AT, instant(next))
            .set(RECURRING_TASKS.UPDATED_AT, createdAt);
    if (next instanceof NextOccurrence.None none) {
      update =
          update
              .set(RECURRING_TASKS.IS_ACTIVE, false)
              .set(RECURRING_TASKS.END_REASON, none.reason());
    }
    update
        .where(RECURRING_TASKS.USER_ID.eq(template.userId()), RECURRING_TASKS.ID.eq(template.id()))
        .execute();
    return new Made(created, backlog, next instanceof NextOccurrence.None);
  }

  /**
   * Deactivates a template that failed, after its work was rolled back to the savepoint; if even
   * that is refused (its row breaks a constraint of its own table), it stays as it was.
   */
  private static TemplateFailure stop(
      DSLContext dsl, Claimed claimed, String reason, Instant updatedAt) {
    try {
      dsl.update(RECURRING_TASKS)
          .set(RECURRING_TASKS.IS_ACTIVE, false)
          .set(RECURRING_TASKS.END_REASON, reason)
          .set(RECURRING_TASKS.UPDATED_AT, updatedAt)
          .where(RECURRING_TASKS.USER_ID.eq(claimed.userId()), RECURRING_TASKS.ID.eq(claimed.id()))
          .execute();
      return new TemplateFailure(claimed.id(), claimed.userId(), reason, true);
    } catch (RuntimeException e) {
      if (Failures.isTransient(e)) {
        throw e;
      }
      dsl.rollback().toSavepoint(SAVEPOINT).execute();
      return new TemplateFailure(
          claimed.id(),
          claimed.userId(),
          Failures.oneLine(
              reason + "; it cannot be deactivated either: " + Failures.describe(e, MAX_REASON),
              MAX_REASON),
          false);
    }
  }

  /** The end reason of a template that failed. */
  private static String failure(RuntimeException error) {
    String what =
        error instanceof UnreadableTemplate unreadable
            ? "the template cannot be read: " + unreadable.getMessage()
            : "materializing it failed: " + Failures.describe(error, MAX_REASON);
    return Failures.oneLine(what, MAX_REASON);
  }

  /** A claimed row that could not be mapped; thrown only to reach the failure path. */
  private static final class UnreadableTemplate extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnreadableTemplate(String problem) {
      super(problem, null, false, false);
    }
  }

  /** A claimed row: mapped with its rule, or unreadable with what went wrong. */
  private sealed interface Claimed {
    UUID id();

    UUID userId();

    record Read(RecurringTask template, Schedule schedule) implements Claimed {
      @Override
      public UUID id() {
        return template.id();
      }

      @Override
      public UUID userId() {
        return template.userId();
      }
    }

    record Unreadable(UUID id, UUID userId, String problem) implements Claimed {}
  }

  /**
   * Maps one claimed row defensively: only its key (uuid columns, never malformed) must be
   * readable; anything else that fails makes it {@link Claimed.Unreadable}. The instants must lie
   * in the supported range (PostgreSQL also stores 'infinity' and years beyond 9999), and the rule
   * is built, so that a template that maps computes.
   */
  private static Claimed claimed(ResultSet row) throws SQLException {
    UUID id = Objects.requireNonNull(ResultSets.uuid(row, RECURRING_TASKS.ID));
    UUID userId = Objects.requireNonNull(ResultSets.uuid(row, RECURRING_TASKS.USER_ID));
    try {
      RecurringTask template =
          template(
              id,
              userId,
              ResultSets.text(row, RECURRING_TASKS.TITLE),
              ResultSets.text(row, RECURRING_TASKS.DESCRIPTION),
              TaskPriority.valueOf(
                  Objects.requireNonNull(ResultSets.text(row, RECURRING_TASKS.PRIORITY))),
              ResultSets.text(row, RECURRING_TASKS.RECURRENCE_RULE),
              ResultSets.text(row, RECURRING_TASKS.TIME_ZONE),
              inRange("starts_at", ResultSets.instant(row, RECURRING_TASKS.STARTS_AT)),
              inRange("next_due_at", ResultSets.instant(row, RECURRING_TASKS.NEXT_DUE_AT)),
              ResultSets.text(row, RECURRING_TASKS.MISSED_POLICY),
              row.getBoolean(RECURRING_TASKS.IS_ACTIVE.getName()),
              ResultSets.instant(row, RECURRING_TASKS.CREATED_AT),
              ResultSets.instant(row, RECURRING_TASKS.UPDATED_AT),
              ResultSets.text(row, RECURRING_TASKS.END_REASON));
      return new Claimed.Read(template, template.recurrence().schedule(template.dtstart()));
    } catch (RuntimeException | SQLException e) {
      return new Claimed.Unreadable(id, userId, Failures.describe(e, MAX_REASON));
    }
  }

  private static @Nullable Instant inRange(String field, @Nullable Instant instant) {
    if (instant != null && !NextOccurrence.inRange(instant)) {
      throw new ValidationException(
          field, "lies outside the years 1 to " + NextOccurrence.LAST_YEAR + " (" + instant + ")");
    }
    return instant;
  }

  private static @Nullable Instant instant(NextOccurrence next) {
    return next instanceof NextOccurrence.At at ? at.occurrence().toInstant() : null;
  }

  private List<Task> insertTasks(
      DSLContext dsl, RecurringTask template, List<Instant> occurrences, Instant createdAt) {
    if (occurrences.isEmpty()) {
      return List.of();
    }
    TaskPriority priority = TaskRows.priority(template.priority());
    InsertValuesStep10<
            TasksRecord,
            UUID,
            UUID,
            String,
            String,
            TaskPriority,
            Instant,
            UUID,
            Instant,
            Instant,
            Instant>
        insert =
            dsl.insertInto(
                TASKS,
                TASKS.USER_ID,
                TASKS.ID,
                TASKS.TITLE,
                TASKS.DESCRIPTION,
                TASKS.PRIORITY,
                TASKS.DUE_AT,
                TASKS.TEMPLATE_ID,
                TASKS.OCCURRENCE_AT,
                TASKS.CREATED_AT,
                TASKS.UPDATED_AT);
    for (Instant at : occurrences) {
      insert =
          insert.values(
              template.userId(),
              context.newId(),
              template.title(),
              template.description(),
              priority,
              at,
              template.id(),
              at,
              createdAt,
              createdAt);
    }
    return insert
        .onConflict(TASKS.USER_ID, TASKS.TEMPLATE_ID, TASKS.OCCURRENCE_AT)
        .where(TASKS.TEMPLATE_ID.isNotNull())
        .doNothing()
        .returningResult(TaskRows.COLUMNS)
        .fetch(TaskRows::toTask);
  }

  private static RecurringTask lockedTemplate(DSLContext dsl, UUID userId, UUID id) {
    return dsl.select(COLUMNS)
        .from(RECURRING_TASKS)
        .where(RECURRING_TASKS.USER_ID.eq(userId), RECURRING_TASKS.ID.eq(id))
        .forUpdate()
        .fetchOptional()
        .map(RecurringTaskDao::toTemplate)
        .orElseThrow(() -> new NotFoundException(ENTITY, id));
  }

  private static ZoneId userZone(DSLContext dsl, UUID userId) {
    String zone =
        dsl.select(USERS.TIME_ZONE)
            .from(USERS)
            .where(USERS.ID.eq(userId))
            .fetchOptional(USERS.TIME_ZONE)
            .orElseThrow(() -> new NotFoundException("user", userId));
    return ZoneId.of(zone);
  }

  private static ZonedDateTime dtstart(
      @Nullable Instant startsAt, @Nullable LocalDateTime startsAtLocal, ZoneId zone) {
    ZonedDateTime start =
        startsAt != null
            ? startsAt.atZone(zone)
            : ZonedDateTime.of(Objects.requireNonNull(startsAtLocal), zone);
    if (start.getYear() < 1 || start.getYear() > 9999) {
      throw new ValidationException("starts_at", "must be in the years 1 to 9999");
    }
    // PostgreSQL keeps microseconds: the stored start must be the one the rule was computed from.
    return start.truncatedTo(ChronoUnit.MICROS);
  }

  private static RecurringTask toTemplate(Record row) {
    JSONB rule = row.get(RECURRING_TASKS.RECURRENCE_RULE);
    return template(
        row.get(RECURRING_TASKS.ID),
        row.get(RECURRING_TASKS.USER_ID),
        row.get(RECURRING_TASKS.TITLE),
        row.get(RECURRING_TASKS.DESCRIPTION),
        Objects.requireNonNull(row.get(RECURRING_TASKS.PRIORITY), "priority"),
        rule == null ? null : rule.data(),
        row.get(RECURRING_TASKS.TIME_ZONE),
        row.get(RECURRING_TASKS.STARTS_AT),
        row.get(RECURRING_TASKS.NEXT_DUE_AT),
        row.get(RECURRING_TASKS.MISSED_POLICY),
        row.get(RECURRING_TASKS.IS_ACTIVE),
        row.get(RECURRING_TASKS.CREATED_AT),
        row.get(RECURRING_TASKS.UPDATED_AT),
        row.get(RECURRING_TASKS.END_REASON));
  }

  /** The template of a row's values, however they were read. */
  private static RecurringTask template(
      UUID id,
      UUID userId,
      @Nullable String title,
      @Nullable String description,
      TaskPriority priority,
      @Nullable String rule,
      @Nullable String zone,
      @Nullable Instant startsAt,
      @Nullable Instant nextDueAt,
      @Nullable String missedPolicy,
      boolean active,
      @Nullable Instant createdAt,
      @Nullable Instant updatedAt,
      @Nullable String endReason) {
    return new RecurringTask(
        id,
        userId,
        Objects.requireNonNull(title, "title"),
        description,
        TaskRows.priority(priority),
        RecurrenceJson.parse(Objects.requireNonNull(rule, "recurrence_rule")),
        Check.storedZone(Objects.requireNonNull(zone, "time_zone")),
        Objects.requireNonNull(startsAt, "starts_at"),
        nextDueAt,
        MissedPolicy.ofDb(Objects.requireNonNull(missedPolicy, "missed_policy")),
        active,
        Objects.requireNonNull(createdAt, "created_at"),
        Objects.requireNonNull(updatedAt, "updated_at"),
        endReason);
  }
}
