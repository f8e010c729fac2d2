package io.todokit.dao.recurring;

import static io.todokit.dao.recurring.TemplateRows.COLUMNS;
import static io.todokit.dao.recurring.TemplateRows.instant;
import static io.todokit.schema.jooq.Tables.RECURRING_TASKS;
import static io.todokit.schema.jooq.Tables.TASKS;

import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.DaoContext;
import io.todokit.dao.internal.Failures;
import io.todokit.dao.internal.Limits;
import io.todokit.dao.internal.NextOccurrence;
import io.todokit.dao.internal.ResultSets;
import io.todokit.dao.internal.TaskReminders;
import io.todokit.dao.internal.TaskRows;
import io.todokit.dao.tasks.Priority;
import io.todokit.dao.tasks.Task;
import io.todokit.recurrence.Schedule;
import io.todokit.schema.jooq.tables.records.RecurringTasksRecord;
import io.todokit.schema.jooq.tables.records.TasksRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep10;
import org.jooq.Record2;
import org.jooq.UpdateSetMoreStep;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/** The worker's call of {@link RecurringTaskDao}: {@code materializeDue}. */
final class Materializer {

  /** The savepoint around each claimed template's work in {@link #materialize}. */
  private static final String SAVEPOINT = "todokit_template";

  private final DaoContext context;

  Materializer(DaoContext context) {
    this.context = context;
  }

  MaterializeResult materialize(int limit, @Nullable MissedPolicy override) {
    if (limit < 1 || limit > RecurringTaskDao.MAX_TEMPLATES_PER_CALL) {
      throw new ValidationException(
          "limit",
          "must be 1 to " + RecurringTaskDao.MAX_TEMPLATES_PER_CALL + " (was " + limit + ")");
    }
    // One instant from the TodoDb clock: what is due, and when the tasks are made.
    Instant now = context.now();
    Instant createdAt = now;
    return context.write(
        dsl -> {
          List<Claimed> due = claim(dsl, limit, now);
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

  /** How many candidates the unlocked read takes per template to claim. */
  private static final int CANDIDATES_PER_CLAIM = 4;

  /**
   * Locks up to {@code limit} due templates, earliest first, skipping those another worker holds.
   * On one server in one statement; on a distributed database (Citus runs no FOR UPDATE across
   * shards) an unlocked read of the candidates across users, more than {@code limit} so that
   * skipped ones leave room for the next, then one locking read per user (a single-shard statement)
   * that checks the predicate again under the lock.
   */
  private List<Claimed> claim(DSLContext dsl, int limit, Instant now) {
    // a bare boolean, to match the partial index recurring_tasks_due_idx
    Condition dueNow =
        DSL.condition(RECURRING_TASKS.IS_ACTIVE)
            .and(RECURRING_TASKS.NEXT_DUE_AT.le(now))
            .and(writable(context));
    if (!context.distributed(dsl)) {
      // Read from the result set and mapped row by row: jOOQ's record conversion fails the
      // whole result on one value it cannot read (a timestamp of 'infinity').
      return ResultSets.fetch(
          dsl.select(COLUMNS)
              .from(RECURRING_TASKS)
              .where(dueNow)
              .orderBy(RECURRING_TASKS.NEXT_DUE_AT)
              .limit(limit)
              .forUpdate()
              .skipLocked(),
          Claimed::of);
    }
    // Ids are keyed with their owner: the primary key is (user_id, id).
    List<List<UUID>> order = new ArrayList<>();
    Map<UUID, List<UUID>> byUser = new LinkedHashMap<>();
    for (Record2<UUID, UUID> row :
        dsl.select(RECURRING_TASKS.USER_ID, RECURRING_TASKS.ID)
            .from(RECURRING_TASKS)
            .where(dueNow)
            .orderBy(RECURRING_TASKS.NEXT_DUE_AT, RECURRING_TASKS.USER_ID, RECURRING_TASKS.ID)
            .limit(limit * CANDIDATES_PER_CLAIM)
            .fetch()) {
      order.add(List.of(row.value1(), row.value2()));
      byUser.computeIfAbsent(row.value1(), user -> new ArrayList<>()).add(row.value2());
    }
    Map<List<UUID>, Claimed> locked = new HashMap<>();
    for (Map.Entry<UUID, List<UUID>> user : byUser.entrySet()) {
      int left = limit - locked.size();
      if (left == 0) {
        break;
      }
      for (Claimed claimed :
          ResultSets.fetch(
              dsl.select(COLUMNS)
                  .from(RECURRING_TASKS)
                  .where(
                      RECURRING_TASKS.USER_ID.eq(user.getKey()),
                      RECURRING_TASKS.ID.eq(DSL.any(DSL.val(user.getValue().toArray(UUID[]::new)))),
                      dueNow)
                  .orderBy(RECURRING_TASKS.NEXT_DUE_AT, RECURRING_TASKS.ID)
                  .limit(left)
                  .forUpdate()
                  .skipLocked(),
              Claimed::of)) {
        locked.put(List.of(claimed.userId(), claimed.id()), claimed);
      }
    }
    // Earliest first, as the candidates were read.
    List<Claimed> due = new ArrayList<>(locked.size());
    for (List<UUID> key : order) {
      Claimed claimed = locked.get(key);
      if (claimed != null) {
        due.add(claimed);
      }
    }
    return due;
  }

  private record Made(List<Task> created, boolean backlogged, boolean ended) {}

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
      toCreate = schedule.in(from, now, RecurringTaskDao.MAX_OCCURRENCES_PER_TEMPLATE + 1);
      if (toCreate.size() > RecurringTaskDao.MAX_OCCURRENCES_PER_TEMPLATE) {
        toCreate = toCreate.subList(0, RecurringTaskDao.MAX_OCCURRENCES_PER_TEMPLATE);
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
    // The template's reminders, relative to each new task's due time, in the same transaction.
    TaskReminders.insert(
        dsl,
        template.userId(),
        created.stream().map(Task::id).toList(),
        template.reminders(),
        createdAt);
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
              reason
                  + "; it cannot be deactivated either: "
                  + Failures.describe(e, Limits.END_REASON),
              Limits.END_REASON),
          false);
    }
  }

  private static String failure(RuntimeException error) {
    String what =
        error instanceof UnreadableTemplate unreadable
            ? "the template cannot be read: " + unreadable.getMessage()
            : "materializing it failed: " + Failures.describe(error, Limits.END_REASON);
    return Failures.oneLine(what, Limits.END_REASON);
  }

  private List<Task> insertTasks(
      DSLContext dsl, RecurringTask template, List<Instant> occurrences, Instant createdAt) {
    if (occurrences.isEmpty()) {
      return List.of();
    }
    Priority priority = template.priority();
    InsertValuesStep10<
            TasksRecord,
            UUID,
            UUID,
            String,
            String,
            Priority,
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

  /** A claimed row that could not be mapped; thrown only to reach the failure path. */
  private static final class UnreadableTemplate extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnreadableTemplate(String problem) {
      super(problem, null, false, false);
    }
  }
}
