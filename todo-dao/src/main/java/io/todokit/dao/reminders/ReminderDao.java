package io.todokit.dao.reminders;

import static io.todokit.schema.jooq.Tables.TASKS;

import io.todokit.dao.NotFoundException;
import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Check;
import io.todokit.dao.internal.DaoAccess;
import io.todokit.dao.internal.DaoContext;
import io.todokit.dao.internal.Failures;
import io.todokit.dao.internal.ResultSets;
import io.todokit.dao.internal.TaskRows;
import io.todokit.dao.tasks.Task;
import io.todokit.schema.jooq.enums.TaskPriority;
import io.todokit.schema.jooq.enums.TaskStatus;
import io.todokit.schema.jooq.tables.Tasks;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reminders for the workers that send them: the reminders due in a window, and claiming due
 * reminders so that each is sent once; use {@code TodoDb.reminders()} to get one.
 *
 * <p>A reminder is <em>armed</em> while its task is open (not completed), has a {@code remind_at}
 * and has not been claimed ({@code reminded_at} is null). Claiming sets {@code reminded_at}. Moving
 * {@code remind_at} re-arms it (a database trigger does that, whoever moves it); completing the
 * task disarms it, and reopening an unclaimed one arms it again.
 *
 * <p><strong>{@link #due} and {@link #claimDue} work across all users</strong> and take no user id:
 * they are for trusted background workers only, never for a request made on behalf of a user.
 * {@link #snooze} is a user's call and sees only that user's tasks.
 *
 * <p>Each call is one transaction. Instances are immutable and thread-safe; any number of workers,
 * in any number of processes, may call {@link #claimDue} at once.
 */
public final class ReminderDao {

  /** The most reminders one {@link #claimDue} call takes. */
  public static final int MAX_CLAIM = 500;

  private static final List<SelectField<?>> COLUMNS =
      List.of(TASKS.USER_ID, TASKS.ID, TASKS.TITLE, TASKS.PRIORITY, TASKS.REMIND_AT, TASKS.DUE_AT);

  private static final Logger LOG = LoggerFactory.getLogger(ReminderDao.class);

  /** The longest description of an unreadable row in the warning. */
  private static final int MAX_PROBLEM = 300;

  private final DaoContext context;

  static {
    DaoAccess.register(ReminderDao.class, ReminderDao::new);
  }

  private ReminderDao(DaoContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  /**
   * The armed reminders of all users with {@code remind_at} in {@code [from, to)}, ordered by
   * {@code remind_at}, then task id. Claimed reminders and those of completed tasks are left out.
   * Nothing is claimed: this is a look at the window (for a digest, or a dashboard); the window
   * bounds the list, so keep it short on a busy database.
   *
   * <p>Across all users: for trusted workers only.
   *
   * @param from the window's start, inclusive
   * @param to the window's end, exclusive
   * @return the reminders in the window
   * @throws ValidationException with field {@code to} when {@code to} is not after {@code from}
   */
  public List<Reminder> due(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Check.instant("from", from);
    Objects.requireNonNull(to, "to");
    Check.instant("to", to);
    if (!to.isAfter(from)) {
      throw new ValidationException("to", "must be after from (" + from + "), was " + to);
    }
    return context.read(
        dsl ->
            dsl.select(COLUMNS)
                .from(TASKS)
                .where(armed(TASKS), TASKS.REMIND_AT.ge(from), TASKS.REMIND_AT.lt(to))
                .orderBy(TASKS.REMIND_AT, TASKS.ID, TASKS.USER_ID)
                .fetch(ReminderDao::toReminder),
        null);
  }

  /**
   * Claims up to {@code limit} due reminders (armed, {@code remind_at <= now}) of all users, the
   * oldest first, and returns them: each reminder is returned by exactly one call, however many
   * workers claim at once, because the claim ({@code reminded_at = now}) is written by the same
   * statement that picks the rows, and rows another worker is claiming are skipped ({@code FOR
   * UPDATE SKIP LOCKED}) instead of waited for.
   *
   * <p>The claim does not change the task's version, so a user's edit based on the version they
   * read still succeeds; it does set the task's {@code updated_at} to {@code now}, since the row
   * did change (the schema's trigger would otherwise stamp the transaction time). Send the
   * reminders after this call returns: a worker that dies before sending loses them (at most once
   * delivery); snoozing or moving {@code remind_at} arms a reminder again.
   *
   * <p>A claimed row that Java cannot read (values written by plain SQL or by a newer schema, such
   * as a priority this version does not know) never makes the claim fail: it is left out of the
   * result and, since the claim has already marked it sent, logged as one WARN line (logger {@code
   * io.todokit.dao.reminders.ReminderDao}) with its user and task id and what could not be read.
   * Fix the row and snooze it to have it sent.
   *
   * <p>Across all users: for trusted workers only.
   *
   * <p>"Now" is the {@code TodoDb} clock's instant ({@code TodoDb.withClock}): reminders with
   * {@code remind_at <= now} are due.
   *
   * @param limit how many to claim at most: 1 to {@value #MAX_CLAIM}
   * @return the claimed reminders ordered by {@code remind_at}, then task id, then user id, in SQL
   *     exactly as {@link #due} orders them; empty when none is due
   * @throws ValidationException with field {@code limit} when it is outside 1 to {@value
   *     #MAX_CLAIM}
   */
  public List<Reminder> claimDue(int limit) {
    int checkedLimit = Check.pageSize(limit);
    Instant now = context.now();
    Tasks candidate = TASKS.as("candidate");
    List<Claimed> claimed =
        context.write(
            dsl -> {
              // The predicate is the partial index tasks_armed_reminder_idx's, with the status as a
              // literal (not a bind value) so that the planner can prove the index applies in
              // generic plans too; ordering by remind_at alone lets the index scan stop at the
              // limit. The limit (checked: 1 to 500) is a literal too: as a bind value, a generic
              // plan guesses it large and joins the claimed rows back by a full scan of tasks.
              Table<? extends Record> due =
                  dsl.select(candidate.USER_ID, candidate.ID)
                      .from(candidate)
                      .where(armed(candidate), candidate.REMIND_AT.le(now))
                      .orderBy(candidate.REMIND_AT)
                      .limit(DSL.inline(checkedLimit))
                      .forUpdate()
                      .skipLocked()
                      .asTable("due");
              // The claimed rows come back through a CTE: a SELECT sorts them as due() does, and
              // its rows are read from the result set one by one (jOOQ converts an UPDATE's
              // RETURNING rows itself, and one bad value, such as a timestamp of 'infinity', would
              // fail them all).
              CommonTableExpression<Record> claimedRows =
                  DSL.name("claimed")
                      .as(
                          dsl.update(TASKS)
                              .set(TASKS.REMINDED_AT, now)
                              .set(TASKS.UPDATED_AT, now)
                              .from(due)
                              .where(
                                  TASKS.USER_ID.eq(due.field(candidate.USER_ID)),
                                  TASKS.ID.eq(due.field(candidate.ID)))
                              .returningResult(COLUMNS));
              return ResultSets.fetch(
                  dsl.with(claimedRows)
                      .select(claimedRows.fields())
                      .from(claimedRows)
                      .orderBy(
                          claimedRows.field(TASKS.REMIND_AT),
                          claimedRows.field(TASKS.ID),
                          claimedRows.field(TASKS.USER_ID)),
                  ReminderDao::claimed);
            },
            null);
    // Logged after the write has succeeded: a claim that fails marks nothing and logs nothing.
    for (Claimed row : claimed) {
      if (row instanceof Claimed.Unreadable unreadable) {
        LOG.warn(
            "todokit: skipped a claimed reminder that cannot be read: user {}, task {}: {}; it is"
                + " marked sent (reminded_at = {}) and was not returned",
            unreadable.userId(),
            unreadable.taskId(),
            unreadable.problem(),
            now);
      }
    }
    return claimed.stream()
        .flatMap(row -> row instanceof Claimed.Read read ? Stream.of(read.reminder()) : Stream.of())
        .toList();
  }

  /**
   * Moves a task's reminder to {@code until} and arms it again, even when it was already claimed at
   * that very time; like any edit of the task, this increments its version, and the task comes back
   * with it (so that the caller's next {@code tasks().update} can pass {@link Task#version()}). A
   * completed task keeps the new time, and its reminder fires only if it is reopened.
   *
   * @param userId the acting user
   * @param taskId the task
   * @param until when to remind the user (a time in the past makes the reminder due at once)
   * @return the task as it is now, with its new version
   * @throws NotFoundException when the user has no such task
   */
  public Task snooze(UUID userId, UUID taskId, Instant until) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(taskId, "taskId");
    Check.instant("remind_at", until);
    Instant now = context.now();
    return context.write(
        dsl ->
            dsl.update(TASKS)
                .set(TASKS.REMIND_AT, until)
                // The trigger re-arms only when remind_at changes; a snooze always re-arms.
                .setNull(TASKS.REMINDED_AT)
                .set(TASKS.VERSION, TASKS.VERSION.plus(1))
                .set(TASKS.UPDATED_AT, now)
                .where(TASKS.USER_ID.eq(userId), TASKS.ID.eq(taskId))
                .returningResult(TaskRows.COLUMNS)
                .fetchOptional(TaskRows::toTask)
                .orElseThrow(() -> new NotFoundException("task", taskId)),
        taskId);
  }

  /** The predicate of the partial index {@code tasks_armed_reminder_idx}, word for word. */
  private static Condition armed(Tasks tasks) {
    return DSL.and(
        tasks.REMINDED_AT.isNull(),
        tasks.REMIND_AT.isNotNull(),
        tasks.STATUS.ne(DSL.inline(TaskStatus.completed)));
  }

  /** A claimed row: read, or unreadable with what went wrong. */
  private sealed interface Claimed {
    record Read(Reminder reminder) implements Claimed {}

    record Unreadable(UUID userId, UUID taskId, String problem) implements Claimed {}
  }

  /** Maps one claimed row; only its key (uuid columns, never malformed) must be readable. */
  private static Claimed claimed(ResultSet row) throws SQLException {
    UUID userId = Objects.requireNonNull(ResultSets.uuid(row, TASKS.USER_ID));
    UUID taskId = Objects.requireNonNull(ResultSets.uuid(row, TASKS.ID));
    try {
      return new Claimed.Read(
          new Reminder(
              userId,
              taskId,
              Objects.requireNonNull(ResultSets.text(row, TASKS.TITLE), "title"),
              TaskRows.priority(
                  TaskPriority.valueOf(
                      Objects.requireNonNull(ResultSets.text(row, TASKS.PRIORITY), "priority"))),
              Objects.requireNonNull(ResultSets.instant(row, TASKS.REMIND_AT), "remind_at"),
              ResultSets.instant(row, TASKS.DUE_AT)));
    } catch (RuntimeException | SQLException e) {
      return new Claimed.Unreadable(userId, taskId, Failures.describe(e, MAX_PROBLEM));
    }
  }

  private static Reminder toReminder(Record row) {
    return new Reminder(
        row.get(TASKS.USER_ID),
        row.get(TASKS.ID),
        row.get(TASKS.TITLE),
        TaskRows.priority(row.get(TASKS.PRIORITY)),
        row.get(TASKS.REMIND_AT),
        row.get(TASKS.DUE_AT));
  }
}
