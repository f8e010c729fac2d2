package io.todokit.dao.reminders;

import static io.todokit.schema.jooq.Tables.REMINDERS;
import static io.todokit.schema.jooq.Tables.TASKS;

import io.todokit.dao.NotFoundException;
import io.todokit.dao.Page;
import io.todokit.dao.PageRequest;
import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Check;
import io.todokit.dao.internal.CursorCodec;
import io.todokit.dao.internal.DaoAccess;
import io.todokit.dao.internal.DaoContext;
import io.todokit.dao.internal.TaskReminders;
import io.todokit.schema.jooq.tables.records.RemindersRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Reminders: a user's reminders of their tasks, and their at-least-once delivery by workers; use
 * {@code TodoDb.reminders()} to get one.
 *
 * <p>A task has any number of reminders, each at an instant or a distance before the task's due
 * time ({@link ReminderSpec}). The database keeps them in step with the task, whoever changes it: a
 * moved due time moves the relative reminders (a firing whose instant changed is armed again, as a
 * new firing with a new delivery key); completing the task cancels its unfired reminders and
 * reopening it re-arms them; deleting it deletes them; the next task of a recurring series gets the
 * same reminders (absolute ones moved as far as the due time moved).
 *
 * <p><strong>Delivery is at least once.</strong> {@link #claim} leases due firings to a worker;
 * {@link #ack} marks one delivered, {@link #nack} schedules a retry with backoff (or dead-letters
 * it after the last attempt), {@link #extend} renews a lease for a slow send. A worker that dies
 * loses nothing: its leases expire and the firings are claimed again. So a firing may be sent twice
 * (a worker that sent and died before acking), always with the same {@link
 * ReminderClaim#deliveryKey}: pass it to the notification provider as its idempotency key. The
 * lease calls are fenced by the {@link LeaseToken}: a worker whose lease was taken over changes
 * nothing and learns so ({@link LeaseOutcome#LEASE_LOST}). Lease, lateness, attempts and backoff
 * are the {@link DeliveryPolicy} ({@link #withPolicy}).
 *
 * <p><strong>{@link #claim}, {@link #ack}, {@link #nack}, {@link #extend} and {@link #due} work
 * across all users</strong>: they are for trusted workers only, never for a request made on behalf
 * of a user. The others take the acting user first and see only that user's reminders.
 *
 * <p>"Now" is the {@code TodoDb} clock ({@code TodoDb.withClock}). Each call is one transaction.
 * Instances are immutable and thread-safe; any number of workers, in any number of processes, may
 * claim at once.
 */
public final class ReminderDao {

  /** The most reminders one task may have. */
  public static final int MAX_PER_TASK = 20;

  /** The longest error text kept of a failed attempt; longer text is cut. */
  public static final int MAX_ERROR = 2000;

  /** The listen channel of the schema's wake-up notifications. */
  public static final String CHANNEL = "todokit_reminders";

  static final Field<String> PENDING = DSL.inline("pending");
  static final Field<String> LEASED = DSL.inline("leased");

  private final DaoContext context;
  private final DeliveryPolicy policy;

  static {
    DaoAccess.register(ReminderDao.class, ReminderDao::new);
  }

  private ReminderDao(DaoContext context) {
    this(context, DeliveryPolicy.defaults());
  }

  private ReminderDao(DaoContext context, DeliveryPolicy policy) {
    this.context = Objects.requireNonNull(context, "context");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /**
   * This DAO with another delivery policy, for claim, nack and extend.
   *
   * @param policy the policy
   * @return the DAO
   */
  public ReminderDao withPolicy(DeliveryPolicy policy) {
    return new ReminderDao(context, policy);
  }

  /** The delivery policy of this DAO. */
  public DeliveryPolicy policy() {
    return policy;
  }

  /**
   * Adds a reminder to a task. It is armed unless the task is completed (then it is canceled until
   * the task is reopened); a relative reminder of a task without a due time waits for one.
   *
   * @param userId the acting user
   * @param taskId the task
   * @param spec when it fires
   * @return the reminder as stored
   * @throws NotFoundException ({@code task}) when the user has no such task
   * @throws ValidationException ({@code reminders}) when the task has {@value #MAX_PER_TASK}
   *     reminders already
   */
  public Reminder add(UUID userId, UUID taskId, ReminderSpec spec) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(taskId, "taskId");
    Check.required("reminder", spec);
    Instant now = context.now();
    UUID id = context.newId();
    return context.write(
        dsl -> {
          // Locks the task, so that concurrent adds count each other.
          UUID task =
              dsl.select(TASKS.ID)
                  .from(TASKS)
                  .where(TASKS.USER_ID.eq(userId), TASKS.ID.eq(taskId))
                  .forNoKeyUpdate()
                  .fetchOptional(TASKS.ID)
                  .orElseThrow(() -> new NotFoundException("task", taskId));
          int count =
              dsl.fetchCount(REMINDERS, REMINDERS.USER_ID.eq(userId), REMINDERS.TASK_ID.eq(task));
          if (count >= MAX_PER_TASK) {
            throw new ValidationException(
                "reminders", "a task has at most " + MAX_PER_TASK + " reminders");
          }
          return dsl.insertInto(REMINDERS)
              .set(REMINDERS.USER_ID, userId)
              .set(REMINDERS.ID, id)
              .set(REMINDERS.TASK_ID, taskId)
              .set(REMINDERS.AT, spec.at())
              .set(REMINDERS.BEFORE_DUE, TaskReminders.interval(spec.beforeDue()))
              .set(REMINDERS.CREATED_AT, now)
              .set(REMINDERS.UPDATED_AT, now)
              .returning()
              .fetchSingle(ReminderDao::toReminder);
        },
        taskId);
  }

  /**
   * A task's reminders, those that fire first first (reminders that do not fire last).
   *
   * @param userId the acting user
   * @param taskId the task
   * @return the reminders; empty when the task has none
   * @throws NotFoundException ({@code task}) when the user has no such task
   */
  public List<Reminder> list(UUID userId, UUID taskId) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(taskId, "taskId");
    return context.read(
        dsl -> {
          List<Reminder> reminders =
              dsl.selectFrom(REMINDERS)
                  .where(REMINDERS.USER_ID.eq(userId), REMINDERS.TASK_ID.eq(taskId))
                  .orderBy(REMINDERS.FIRE_AT.asc().nullsLast(), REMINDERS.CREATED_AT, REMINDERS.ID)
                  .fetch(ReminderDao::toReminder);
          if (reminders.isEmpty()
              && !dsl.fetchExists(TASKS, TASKS.USER_ID.eq(userId), TASKS.ID.eq(taskId))) {
            throw new NotFoundException("task", taskId);
          }
          return reminders;
        },
        taskId);
  }

  /**
   * The reminder with this id, if the user has it.
   *
   * @param userId the acting user
   * @param id the reminder
   * @return the reminder, or empty
   */
  public Optional<Reminder> find(UUID userId, UUID id) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    return context.read(
        dsl ->
            dsl.selectFrom(REMINDERS)
                .where(REMINDERS.USER_ID.eq(userId), REMINDERS.ID.eq(id))
                .fetchOptional(ReminderDao::toReminder),
        id);
  }

  /**
   * The reminder with this id.
   *
   * @param userId the acting user
   * @param id the reminder
   * @return the reminder
   * @throws NotFoundException ({@code reminder}) when the user has no such reminder
   */
  public Reminder get(UUID userId, UUID id) {
    return find(userId, id).orElseThrow(() -> new NotFoundException("reminder", id));
  }

  /**
   * Removes a reminder of a task; a firing in flight is then lost to its worker ({@link
   * LeaseOutcome#LEASE_LOST}).
   *
   * @param userId the acting user
   * @param taskId the task
   * @param id the reminder
   * @throws NotFoundException ({@code reminder}) when the user's task has no such reminder
   */
  public void remove(UUID userId, UUID taskId, UUID id) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(id, "id");
    int removed =
        context.write(
            dsl ->
                dsl.deleteFrom(REMINDERS)
                    .where(
                        REMINDERS.USER_ID.eq(userId),
                        REMINDERS.ID.eq(id),
                        REMINDERS.TASK_ID.eq(taskId))
                    .execute(),
            id);
    if (removed == 0) {
      throw new NotFoundException("reminder", id);
    }
  }

  /**
   * Claims due firings of all users (or of one bucket of users), the oldest first, and leases them
   * to the caller for the policy's lease. On a single server one statement locks and leases the
   * batch; on a distributed database ({@code TodoDb.withDistributed}, docs/distributed.md) one
   * unlocked read of the due firings across users, then one locking statement per user among them
   * (each on one shard), all in one transaction.
   *
   * <p>A firing is due when it is pending with its fire (or retry) time at or before now, or leased
   * with an expired lease (its worker died or is slow). Rows that another claim is taking are
   * skipped ({@code FOR UPDATE SKIP LOCKED}), so any number of workers claim at once, each firing
   * going to one of them. Each claimed firing gets a new lease token, its lease expiry and one more
   * attempt. In the same statement, a firing whose fire instant is more than the policy's lateness
   * before now becomes {@link ReminderState#MISSED} instead of being returned, and one whose lease
   * expired on its last attempt becomes {@link ReminderState#FAILED}; both count against {@code
   * limit}. A firing that another claim holds when this one reads it is skipped; the read takes
   * more candidates than {@code limit} so that the next ones take its place.
   *
   * <p>Across all users: for trusted workers only.
   *
   * @param request how many, and which users
   * @return the claims, by fire instant, then user and reminder id; empty when none is due
   */
  public List<ReminderClaim> claim(ClaimRequest request) {
    return Claims.claim(context, policy, request);
  }

  /**
   * Marks a claimed firing delivered, if the lease is still the caller's: fenced by the token in
   * one statement. A lease that expired but was not claimed again is still the caller's.
   *
   * @param lease the claim's lease
   * @return {@link LeaseOutcome#DONE}, or {@link LeaseOutcome#LEASE_LOST} when nothing changed
   */
  public LeaseOutcome ack(LeaseToken lease) {
    return Leases.ack(context, lease);
  }

  /**
   * Marks several claimed firings delivered in one statement, each fenced by its token as {@link
   * #ack} is: a worker acknowledges a whole batch with one round trip.
   *
   * @param leases the claims' leases, at most {@value ClaimRequest#MAX_LIMIT}
   * @return the leases that were acknowledged; the others were lost ({@link
   *     LeaseOutcome#LEASE_LOST}) and nothing changed for them
   * @throws ValidationException ({@code leases}) when there are more than {@value
   *     ClaimRequest#MAX_LIMIT}
   */
  public java.util.Set<LeaseToken> ackAll(java.util.Collection<LeaseToken> leases) {
    return Leases.ackAll(context, leases);
  }

  /**
   * Reports a failed delivery attempt: the firing is pending again after the policy's backoff, or
   * failed (the dead letter) when this was its last attempt. Fenced by the token in one statement.
   *
   * @param lease the claim's lease
   * @param error what went wrong (kept, cut to {@value #MAX_ERROR} characters)
   * @return {@link LeaseOutcome#DONE} (a retry is scheduled), {@link LeaseOutcome#DEAD_LETTERED},
   *     or {@link LeaseOutcome#LEASE_LOST} when nothing changed
   */
  public LeaseOutcome nack(LeaseToken lease, String error) {
    return Leases.nack(context, policy, lease, error);
  }

  /**
   * Renews a lease for the policy's lease from now, for a send that takes longer.
   *
   * @param lease the claim's lease
   * @return {@link LeaseOutcome#DONE}, or {@link LeaseOutcome#LEASE_LOST} when nothing changed
   */
  public LeaseOutcome extend(LeaseToken lease) {
    return extend(lease, policy.lease());
  }

  /**
   * Renews a lease for {@code duration} from now.
   *
   * @param lease the claim's lease
   * @param duration how long, positive and at most a day
   * @return {@link LeaseOutcome#DONE}, or {@link LeaseOutcome#LEASE_LOST} when nothing changed
   * @throws ValidationException ({@code duration}) when it is not positive or longer than a day
   */
  public LeaseOutcome extend(LeaseToken lease, Duration duration) {
    return Leases.extend(context, lease, duration);
  }

  /**
   * The user's failed firings (the dead letter), by reminder id.
   *
   * @param userId the acting user
   * @param page which page
   * @return the page
   */
  public Page<Reminder> failed(UUID userId, PageRequest page) {
    Objects.requireNonNull(userId, "userId");
    Check.required("page", page);
    Optional<UUID> after =
        page.cursor().map(c -> CursorCodec.uuid(context.cursors().open(userId, "failed", c)));
    List<Reminder> rows =
        context.read(
            dsl ->
                dsl.selectFrom(REMINDERS)
                    .where(
                        REMINDERS.USER_ID.eq(userId),
                        REMINDERS.STATE.eq(DSL.inline("failed")),
                        after.map(REMINDERS.ID::gt).orElse(DSL.noCondition()))
                    .orderBy(REMINDERS.ID)
                    .limit(page.limit() + 1)
                    .fetch(ReminderDao::toReminder),
            null);
    if (rows.size() <= page.limit()) {
      return Page.last(rows);
    }
    List<Reminder> items = rows.subList(0, page.limit());
    String cursor = context.cursors().seal(userId, "failed", items.getLast().id().toString());
    return Page.of(List.copyOf(items), PageRequest.after(cursor, page.limit()));
  }

  /**
   * Arms a failed or missed firing again: pending, due now, no attempts. A reminder in another
   * state is returned as it is.
   *
   * @param userId the acting user
   * @param id the reminder
   * @return the reminder as it is now
   * @throws NotFoundException ({@code reminder}) when the user has no such reminder
   */
  public Reminder retry(UUID userId, UUID id) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    Instant now = context.now();
    return context.write(
        dsl ->
            dsl.update(REMINDERS)
                .set(REMINDERS.STATE, PENDING)
                .set(REMINDERS.NEXT_ATTEMPT_AT, now)
                .set(REMINDERS.ATTEMPTS, 0)
                .setNull(REMINDERS.LAST_ERROR)
                .set(REMINDERS.UPDATED_AT, now)
                .where(
                    REMINDERS.USER_ID.eq(userId),
                    REMINDERS.ID.eq(id),
                    REMINDERS.STATE.in(DSL.inline("failed"), DSL.inline("missed")))
                .returning()
                .fetchOptional(ReminderDao::toReminder)
                .or(
                    () ->
                        dsl.selectFrom(REMINDERS)
                            .where(REMINDERS.USER_ID.eq(userId), REMINDERS.ID.eq(id))
                            .fetchOptional(ReminderDao::toReminder))
                .orElseThrow(() -> new NotFoundException("reminder", id)),
        id);
  }

  /**
   * The pending firings of all users due in {@code [from, to)} (by their fire or retry time), for a
   * digest or a dashboard; nothing is claimed. The window bounds the list, so keep it short on a
   * busy database.
   *
   * <p>Across all users: for trusted workers only.
   *
   * @param from the window's start, inclusive
   * @param to the window's end, exclusive
   * @return the reminders, by their next attempt time, then user and id
   * @throws ValidationException ({@code to}) when {@code to} is not after {@code from}
   */
  public List<Reminder> due(Instant from, Instant to) {
    Check.instant("from", from);
    Check.instant("to", to);
    if (!to.isAfter(from)) {
      throw new ValidationException("to", "must be after from (" + from + "), was " + to);
    }
    return context.read(
        dsl ->
            dsl.selectFrom(REMINDERS)
                .where(
                    REMINDERS.STATE.in(PENDING, LEASED),
                    REMINDERS.STATE.eq(PENDING),
                    REMINDERS.NEXT_ATTEMPT_AT.ge(from),
                    REMINDERS.NEXT_ATTEMPT_AT.lt(to))
                .orderBy(REMINDERS.NEXT_ATTEMPT_AT, REMINDERS.USER_ID, REMINDERS.ID)
                .fetch(ReminderDao::toReminder),
        null);
  }

  private static Reminder toReminder(RemindersRecord row) {
    return new Reminder(
        row.getId(),
        row.getUserId(),
        row.getTaskId(),
        row.getAt(),
        row.getBeforeDue() == null ? null : row.getBeforeDue().toDuration(),
        row.getFireAt(),
        ReminderState.ofSql(row.getState()),
        row.getAttempts(),
        row.getLastError(),
        row.getDeliveredAt(),
        row.getCreatedAt(),
        row.getUpdatedAt());
  }
}
