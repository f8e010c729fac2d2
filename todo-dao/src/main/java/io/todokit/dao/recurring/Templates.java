package io.todokit.dao.recurring;

import static io.todokit.dao.recurring.TemplateRows.COLUMNS;
import static io.todokit.dao.recurring.TemplateRows.ENTITY;
import static io.todokit.dao.recurring.TemplateRows.instant;
import static io.todokit.dao.recurring.TemplateRows.toTemplate;
import static io.todokit.schema.jooq.Tables.RECURRING_TASKS;
import static io.todokit.schema.jooq.Tables.TASKS;
import static io.todokit.schema.jooq.Tables.USERS;

import io.todokit.dao.NotFoundException;
import io.todokit.dao.RecurrenceJson;
import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Change;
import io.todokit.dao.internal.Check;
import io.todokit.dao.internal.DaoContext;
import io.todokit.dao.internal.NextOccurrence;
import io.todokit.dao.internal.TaskRows;
import io.todokit.dao.reminders.ReminderSpec;
import io.todokit.dao.tasks.Priority;
import io.todokit.recurrence.RecurrenceSpec;
import io.todokit.recurrence.Schedule;
import io.todokit.schema.jooq.tables.records.RecurringTasksRecord;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.UpdateSetMoreStep;
import org.jspecify.annotations.Nullable;

/** The template calls of {@link RecurringTaskDao}: create, read, change, pause, resume, delete. */
final class Templates {

  private final DaoContext context;

  Templates(DaoContext context) {
    this.context = context;
  }

  RecurringTask create(UUID userId, NewRecurringTask template) {
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
                  .set(RECURRING_TASKS.PRIORITY, template.priority())
                  .set(RECURRING_TASKS.RECURRENCE_RULE, TaskRows.json(recurrence))
                  .set(RECURRING_TASKS.TIME_ZONE, zone.getId())
                  .set(RECURRING_TASKS.STARTS_AT, dtstart.toInstant())
                  .set(RECURRING_TASKS.NEXT_DUE_AT, first.toInstant())
                  .set(RECURRING_TASKS.MISSED_POLICY, template.missedPolicy())
                  .set(RECURRING_TASKS.IS_ACTIVE, true)
                  .set(RECURRING_TASKS.CREATED_AT, now)
                  .set(RECURRING_TASKS.UPDATED_AT, now)
                  .set(
                      RECURRING_TASKS.REMINDERS_BEFORE_DUE,
                      TemplateRows.column(
                          RECURRING_TASKS.REMINDERS_BEFORE_DUE, template.reminders()))
                  .returningResult(COLUMNS)
                  .fetchSingle());
        },
        userId);
  }

  Optional<RecurringTask> find(UUID userId, UUID id) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    return context.read(
        dsl ->
            dsl.select(COLUMNS)
                .from(RECURRING_TASKS)
                .where(RECURRING_TASKS.USER_ID.eq(userId), RECURRING_TASKS.ID.eq(id))
                .fetchOptional(TemplateRows::toTemplate),
        id);
  }

  List<RecurringTask> list(UUID userId) {
    Objects.requireNonNull(userId, "userId");
    return context.read(
        dsl ->
            dsl.select(COLUMNS)
                .from(RECURRING_TASKS)
                .where(RECURRING_TASKS.USER_ID.eq(userId))
                // ids are UUIDv7: id order is creation order, served by the primary key.
                .orderBy(RECURRING_TASKS.ID)
                .fetch(TemplateRows::toTemplate),
        userId);
  }

  RecurringTask update(UUID userId, UUID id, RecurringTaskPatch patch) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(patch, "patch");
    if (patch.isEmpty()) {
      return find(userId, id).orElseThrow(() -> new NotFoundException(ENTITY, id));
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
            update = update.set(RECURRING_TASKS.PRIORITY, Objects.requireNonNull(priority.value()));
          }
          if (patch.reminders() instanceof Change<List<ReminderSpec>> reminders) {
            update =
                update.set(
                    RECURRING_TASKS.REMINDERS_BEFORE_DUE,
                    TemplateRows.column(
                        RECURRING_TASKS.REMINDERS_BEFORE_DUE,
                        Objects.requireNonNull(reminders.value())));
          }
          if (patch.missedPolicy() instanceof Change<MissedPolicy> policy) {
            update =
                update.set(RECURRING_TASKS.MISSED_POLICY, Objects.requireNonNull(policy.value()));
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

  RecurringTask pause(UUID userId, UUID id) {
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
                .map(TemplateRows::toTemplate)
                .orElseThrow(() -> new NotFoundException(ENTITY, id)),
        id);
  }

  RecurringTask resume(UUID userId, UUID id) {
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
   * Deletes a template and keeps its tasks, unlinked ({@code template_id} cleared): the foreign key
   * does not do it (Citus refuses {@code ON DELETE SET NULL} on a key that includes {@code
   * user_id}), so the same transaction does. The template's row is locked first, so that a worker
   * materializing it (which holds the lock) finishes before its tasks are unlinked, and none that
   * it makes is left pointing at the deleted template.
   */
  void delete(UUID userId, UUID id) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    context.write(
        dsl -> {
          if (dsl.selectOne()
              .from(RECURRING_TASKS)
              .where(RECURRING_TASKS.USER_ID.eq(userId), RECURRING_TASKS.ID.eq(id))
              .forUpdate()
              .fetchOptional()
              .isEmpty()) {
            throw new NotFoundException(ENTITY, id);
          }
          // updated_at follows (its trigger), version does not: as the foreign key's SET NULL did.
          dsl.update(TASKS)
              .setNull(TASKS.TEMPLATE_ID)
              .where(TASKS.USER_ID.eq(userId), TASKS.TEMPLATE_ID.eq(id))
              .execute();
          return dsl.deleteFrom(RECURRING_TASKS)
              .where(RECURRING_TASKS.USER_ID.eq(userId), RECURRING_TASKS.ID.eq(id))
              .execute();
        },
        id);
  }

  private static RecurringTask lockedTemplate(DSLContext dsl, UUID userId, UUID id) {
    return dsl.select(COLUMNS)
        .from(RECURRING_TASKS)
        .where(RECURRING_TASKS.USER_ID.eq(userId), RECURRING_TASKS.ID.eq(id))
        .forUpdate()
        .fetchOptional()
        .map(TemplateRows::toTemplate)
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
}
