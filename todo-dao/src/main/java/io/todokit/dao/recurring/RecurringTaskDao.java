package io.todokit.dao.recurring;

import static io.todokit.schema.jooq.Tables.RECURRING_TASKS;
import static io.todokit.schema.jooq.Tables.TASKS;
import static io.todokit.schema.jooq.Tables.USERS;

import io.todokit.dao.NotFoundException;
import io.todokit.dao.RecurrenceJson;
import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Check;
import io.todokit.dao.internal.DaoContext;
import io.todokit.dao.internal.TaskRows;
import io.todokit.dao.tasks.Task;
import io.todokit.recurrence.RecurrenceRule;
import io.todokit.recurrence.RecurrenceSpec;
import io.todokit.schema.jooq.enums.TaskPriority;
import io.todokit.schema.jooq.tables.records.RecurringTasksRecord;
import io.todokit.schema.jooq.tables.records.TasksRecord;
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
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep10;
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
  private static final int MAX_TITLE = 255;
  private static final int MAX_DESCRIPTION = 10_000;

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
          RECURRING_TASKS.UPDATED_AT);

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
    String title = Check.text("title", template.title(), 1, MAX_TITLE);
    String description = Check.optionalText("description", template.description(), MAX_DESCRIPTION);
    RecurrenceSpec recurrence = checkRecurrence(template.recurrence());
    ZoneId explicitZone =
        template.timeZone() == null ? null : Check.timeZone("time_zone", template.timeZone());
    if ((template.startsAt() == null) == (template.startsAtLocal() == null)) {
      throw new ValidationException(
          "starts_at", "give exactly one start: an instant or a wall-clock date-time");
    }
    Check.optionalInstant("starts_at", template.startsAt());
    Instant now = context.now();
    UUID id = context.newId();
    return context.write(
        dsl -> {
          ZoneId zone = explicitZone != null ? explicitZone : userZone(dsl, userId);
          ZonedDateTime dtstart = dtstart(template.startsAt(), template.startsAtLocal(), zone);
          Check.instant("starts_at", dtstart.toInstant());
          ZonedDateTime first =
              recurrence
                  .toRule(dtstart)
                  .occurrences(dtstart)
                  .findFirst()
                  .orElseThrow(() -> new ValidationException(RecurrenceJson.FIELD, "never occurs"));
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
   * One template.
   *
   * @param userId the acting user
   * @param id the template
   * @return the template
   * @throws NotFoundException ({@code recurring task}) if the user has no such template
   */
  public RecurringTask get(UUID userId, UUID id) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    return context.read(dsl -> find(dsl, userId, id, false), id);
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
   * rule with no occurrence left ends the template (inactive, {@code nextDueAt} null); one with
   * occurrences left revives an ended template, while a paused one stays paused. Changing only the
   * title, description, priority or missed policy leaves the schedule alone.
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
    String title = patch.title() == null ? null : Check.text("title", patch.title(), 1, MAX_TITLE);
    String description = Check.optionalText("description", patch.description(), MAX_DESCRIPTION);
    RecurrenceSpec recurrence =
        patch.recurrence() == null ? null : checkRecurrence(patch.recurrence());
    ZoneId zone = patch.timeZone() == null ? null : Check.timeZone("time_zone", patch.timeZone());
    Instant now = context.now();
    return context.write(
        dsl -> {
          RecurringTask current = find(dsl, userId, id, true);
          UpdateSetMoreStep<RecurringTasksRecord> update =
              dsl.update(RECURRING_TASKS).set(RECURRING_TASKS.UPDATED_AT, now);
          if (title != null) {
            update = update.set(RECURRING_TASKS.TITLE, title);
          }
          if (description != null || patch.clearDescription()) {
            update = update.set(RECURRING_TASKS.DESCRIPTION, description);
          }
          if (patch.priority() != null) {
            update = update.set(RECURRING_TASKS.PRIORITY, TaskRows.priority(patch.priority()));
          }
          if (patch.missedPolicy() != null) {
            update = update.set(RECURRING_TASKS.MISSED_POLICY, patch.missedPolicy().dbName());
          }
          boolean newRule = recurrence != null && !recurrence.equals(current.recurrence());
          boolean newZone = zone != null && !zone.equals(current.timeZone());
          if (newRule || newZone) {
            RecurrenceSpec rule = newRule ? recurrence : current.recurrence();
            ZoneId targetZone = newZone ? zone : current.timeZone();
            ZonedDateTime dtstart = current.dtstart().toLocalDateTime().atZone(targetZone);
            RecurrenceRule occurrences = rule.toRule(dtstart);
            if (occurrences.occurrences(dtstart).findFirst().isEmpty()) {
              throw new ValidationException(RecurrenceJson.FIELD, "never occurs");
            }
            Instant from = now.isAfter(dtstart.toInstant()) ? now : dtstart.toInstant();
            Optional<ZonedDateTime> next = occurrences.firstAtOrAfter(dtstart, from);
            update =
                update
                    .set(RECURRING_TASKS.RECURRENCE_RULE, TaskRows.json(rule))
                    .set(RECURRING_TASKS.TIME_ZONE, targetZone.getId())
                    .set(RECURRING_TASKS.STARTS_AT, dtstart.toInstant())
                    .set(
                        RECURRING_TASKS.NEXT_DUE_AT,
                        next.map(ZonedDateTime::toInstant).orElse(null))
                    .set(
                        RECURRING_TASKS.IS_ACTIVE,
                        next.isPresent() && (current.active() || current.ended()));
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
   * Resumes a paused template; the occurrences that passed while it was paused are skipped: {@code
   * nextDueAt} becomes the first occurrence at or after now. If the rule has no occurrence left the
   * template ends instead (stays inactive, {@code nextDueAt} null). Resuming an active template
   * changes nothing (its pending occurrences are kept).
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
          RecurringTask current = find(dsl, userId, id, true);
          if (current.active()) {
            return current;
          }
          ZonedDateTime dtstart = current.dtstart();
          Optional<ZonedDateTime> next = current.rule().firstAtOrAfter(dtstart, now);
          return toTemplate(
              dsl.update(RECURRING_TASKS)
                  .set(RECURRING_TASKS.NEXT_DUE_AT, next.map(ZonedDateTime::toInstant).orElse(null))
                  .set(RECURRING_TASKS.IS_ACTIVE, next.isPresent())
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
   * policy; see {@link #materializeDue(Instant, int, MissedPolicy)}.
   *
   * @param now the time up to which occurrences are due (usually the current time)
   * @param limit how many due templates to claim, 1 to {@value #MAX_TEMPLATES_PER_CALL}
   * @return what the call did
   * @throws ValidationException ({@code limit}) for a bad limit
   */
  public MaterializeResult materializeDue(Instant now, int limit) {
    return materialize(now, limit, null);
  }

  /**
   * Turns the due occurrences of active templates into tasks: a worker's call, across all users (it
   * takes no user id; each task is created for its template's owner).
   *
   * <p>In one transaction it claims up to {@code limit} active templates with {@code nextDueAt <=
   * now}, earliest first, with {@code FOR UPDATE SKIP LOCKED} (so concurrent workers share the work
   * instead of waiting), creates their tasks and advances them. Each task takes the template's
   * title, description and priority; its due date and occurrence are the occurrence's instant. With
   * {@link MissedPolicy#LATEST} only the latest occurrence at or before {@code now} is created and
   * the earlier passed ones are skipped; with {@link MissedPolicy#ALL} every passed occurrence is
   * created, at most {@value #MAX_OCCURRENCES_PER_TEMPLATE} per template and call ({@code
   * nextDueAt} then advances only past the last one created, the template is reported as
   * backlogged, and the next call continues). {@code nextDueAt} becomes the first occurrence after
   * the last one handled; a template whose rule has ended is deactivated ({@code nextDueAt} null)
   * and reported. The unique key on (user, template, occurrence) and {@code ON CONFLICT DO NOTHING}
   * make sure that no occurrence is ever created twice, even by racing workers; a second call with
   * the same {@code now} creates nothing.
   *
   * @param now the time up to which occurrences are due (usually the current time)
   * @param limit how many due templates to claim, 1 to {@value #MAX_TEMPLATES_PER_CALL}
   * @param policy the missed policy for every claimed template, overriding theirs
   * @return what the call did
   * @throws ValidationException ({@code limit}) for a bad limit
   */
  public MaterializeResult materializeDue(Instant now, int limit, MissedPolicy policy) {
    return materialize(now, limit, Objects.requireNonNull(policy, "policy"));
  }

  private MaterializeResult materialize(Instant now, int limit, @Nullable MissedPolicy override) {
    Objects.requireNonNull(now, "now");
    Check.instant("now", now);
    if (limit < 1 || limit > MAX_TEMPLATES_PER_CALL) {
      throw new ValidationException(
          "limit", "must be 1 to " + MAX_TEMPLATES_PER_CALL + " (was " + limit + ")");
    }
    Instant createdAt = context.now();
    return context.write(
        dsl -> {
          List<RecurringTask> due =
              dsl.select(COLUMNS)
                  .from(RECURRING_TASKS)
                  .where(
                      // a bare boolean, to match the partial index recurring_tasks_due_idx
                      DSL.condition(RECURRING_TASKS.IS_ACTIVE), RECURRING_TASKS.NEXT_DUE_AT.le(now))
                  .orderBy(RECURRING_TASKS.NEXT_DUE_AT)
                  .limit(limit)
                  .forUpdate()
                  .skipLocked()
                  .fetch(RecurringTaskDao::toTemplate);
          List<Task> created = new ArrayList<>();
          List<UUID> deactivated = new ArrayList<>();
          List<UUID> backlogged = new ArrayList<>();
          for (RecurringTask template : due) {
            MissedPolicy policy = override != null ? override : template.missedPolicy();
            RecurrenceRule rule = template.rule();
            ZonedDateTime dtstart = template.dtstart();
            Instant from = Objects.requireNonNull(template.nextDueAt());
            List<ZonedDateTime> toCreate;
            if (policy == MissedPolicy.LATEST) {
              toCreate = rule.latestBetween(dtstart, from, now).map(List::of).orElse(List.of());
            } else {
              toCreate = rule.between(dtstart, from, now, MAX_OCCURRENCES_PER_TEMPLATE + 1);
              if (toCreate.size() > MAX_OCCURRENCES_PER_TEMPLATE) {
                toCreate = toCreate.subList(0, MAX_OCCURRENCES_PER_TEMPLATE);
                backlogged.add(template.id());
              }
            }
            Optional<ZonedDateTime> next =
                toCreate.isEmpty()
                    ? rule.firstAtOrAfter(dtstart, now.plusNanos(1))
                    : rule.nextAfter(dtstart, toCreate.get(toCreate.size() - 1));
            created.addAll(insertTasks(dsl, template, toCreate, createdAt));
            if (next.isEmpty()) {
              deactivated.add(template.id());
            }
            dsl.update(RECURRING_TASKS)
                .set(RECURRING_TASKS.NEXT_DUE_AT, next.map(ZonedDateTime::toInstant).orElse(null))
                .set(RECURRING_TASKS.IS_ACTIVE, next.isPresent())
                .set(RECURRING_TASKS.UPDATED_AT, createdAt)
                .where(
                    RECURRING_TASKS.USER_ID.eq(template.userId()),
                    RECURRING_TASKS.ID.eq(template.id()))
                .execute();
          }
          return new MaterializeResult(created, deactivated, backlogged, due.size());
        },
        null);
  }

  private List<Task> insertTasks(
      DSLContext dsl, RecurringTask template, List<ZonedDateTime> occurrences, Instant createdAt) {
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
    for (ZonedDateTime occurrence : occurrences) {
      Instant at = occurrence.toInstant();
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

  private static RecurringTask find(DSLContext dsl, UUID userId, UUID id, boolean lock) {
    var query =
        dsl.select(COLUMNS)
            .from(RECURRING_TASKS)
            .where(RECURRING_TASKS.USER_ID.eq(userId), RECURRING_TASKS.ID.eq(id));
    return (lock ? query.forUpdate().fetchOptional() : query.fetchOptional())
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

  private static RecurrenceSpec checkRecurrence(@Nullable RecurrenceSpec recurrence) {
    RecurrenceSpec spec = Check.required(RecurrenceJson.FIELD, recurrence);
    if (spec.mode() != RecurrenceSpec.Mode.FIXED) {
      throw new ValidationException(
          RecurrenceJson.FIELD + ".mode",
          "templates follow a fixed schedule; after_completion needs a completed task");
    }
    return spec;
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
    return new RecurringTask(
        row.get(RECURRING_TASKS.ID),
        row.get(RECURRING_TASKS.USER_ID),
        row.get(RECURRING_TASKS.TITLE),
        row.get(RECURRING_TASKS.DESCRIPTION),
        TaskRows.priority(row.get(RECURRING_TASKS.PRIORITY)),
        Objects.requireNonNull(TaskRows.recurrence(row.get(RECURRING_TASKS.RECURRENCE_RULE))),
        ZoneId.of(row.get(RECURRING_TASKS.TIME_ZONE)),
        row.get(RECURRING_TASKS.STARTS_AT),
        row.get(RECURRING_TASKS.NEXT_DUE_AT),
        MissedPolicy.ofDb(row.get(RECURRING_TASKS.MISSED_POLICY)),
        row.get(RECURRING_TASKS.IS_ACTIVE),
        row.get(RECURRING_TASKS.CREATED_AT),
        row.get(RECURRING_TASKS.UPDATED_AT));
  }
}
