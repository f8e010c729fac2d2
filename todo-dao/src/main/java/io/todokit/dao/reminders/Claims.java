package io.todokit.dao.reminders;

import static io.todokit.dao.reminders.ReminderDao.LEASED;
import static io.todokit.dao.reminders.ReminderDao.PENDING;
import static io.todokit.schema.jooq.Tables.REMINDERS;
import static io.todokit.schema.jooq.Tables.TASKS;

import io.todokit.dao.internal.Check;
import io.todokit.dao.internal.DaoContext;
import io.todokit.schema.jooq.tables.Reminders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.Record8;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * {@link ReminderDao#claim}: an unlocked read of the due firings across users, then, user by user,
 * one statement that locks them again, leases the due ones and settles stale ones.
 */
final class Claims {

  private Claims() {}

  static List<ReminderClaim> claim(
      DaoContext context, DeliveryPolicy policy, ClaimRequest request) {
    Check.required("request", request);
    Instant now = context.now();
    Instant expiry = now.plus(policy.lease());
    Instant tooLate = now.minus(policy.maxLateness());
    Reminders candidate = REMINDERS.as("candidate");
    Condition ready = candidate.STATE.in(PENDING, LEASED).and(candidate.NEXT_ATTEMPT_AT.le(now));
    Condition claimable = ready;
    if (request.bucket().isPresent()) {
      ClaimRequest.Bucket bucket = request.bucket().get();
      // Plain SQL: jOOQ has no syntax for reading a uuid's bits. The low 32 bits of the user id,
      // unsigned, as ClaimRequest.bucketOf computes them in Java.
      claimable =
          ready.and(
              DSL.condition(
                  "('x' || right({0}::text, 8))::bit(32)::bigint % {1} = {2}",
                  candidate.USER_ID, DSL.inline(bucket.count()), DSL.inline(bucket.index())));
    }
    Condition late = REMINDERS.FIRE_AT.lt(tooLate);
    Condition exhausted =
        REMINDERS.STATE.eq(LEASED).and(REMINDERS.ATTEMPTS.ge(DSL.inline(policy.maxAttempts())));
    Field<UUID> newToken = DSL.field("gen_random_uuid()", SQLDataType.UUID);
    Condition where = claimable;
    return context.write(
        dsl -> {
          // 1. The candidates, across users and unlocked: Citus runs no FOR UPDATE across shards.
          // More than the limit, so that rows another worker holds (skipped below) leave room for
          // the next ones. The predicate is the partial index reminders_claim_idx's, with literals
          // (not bind values) so that the planner can prove the index applies in generic plans;
          // the limit is a literal for the same reason as in the other claims.
          Map<UUID, List<UUID>> byUser = new LinkedHashMap<>();
          for (Record2<UUID, UUID> row :
              dsl.select(candidate.USER_ID, candidate.ID)
                  .from(candidate)
                  .where(where)
                  .orderBy(candidate.NEXT_ATTEMPT_AT, candidate.USER_ID, candidate.ID)
                  .limit(DSL.inline(request.limit() * CANDIDATES_PER_CLAIM))
                  .fetch()) {
            byUser.computeIfAbsent(row.value1(), user -> new ArrayList<>()).add(row.value2());
          }
          // 2. The claim, one user at a time (a single-shard statement on Citus): the row lock and
          // the predicate, checked again under it, make each firing go to one worker.
          List<Claimed> claimed = new ArrayList<>();
          for (Map.Entry<UUID, List<UUID>> user : byUser.entrySet()) {
            int left = request.limit() - claimed.size();
            if (left == 0) {
              break;
            }
            claimed.addAll(
                claimOfUser(
                    dsl,
                    candidate,
                    where,
                    user.getKey(),
                    user.getValue(),
                    left,
                    late,
                    exhausted,
                    newToken,
                    expiry,
                    now));
          }
          List<ReminderClaim> leased = new ArrayList<>();
          for (Claimed row : claimed) {
            ReminderClaim claim = row.claim();
            if (claim != null) {
              leased.add(claim);
            }
          }
          leased.sort(ORDER);
          return leased;
        },
        null);
  }

  /** How many candidates the unlocked read takes per firing to claim. */
  private static final int CANDIDATES_PER_CLAIM = 4;

  /** The order of a claim's result: by fire instant, then user and reminder id. */
  private static final Comparator<ReminderClaim> ORDER =
      Comparator.comparing(ReminderClaim::fireAt)
          .thenComparing(ReminderClaim::userId)
          .thenComparing(ReminderClaim::reminderId);

  /** One row a claim took: its lease, or null when it was settled as missed or failed. */
  private record Claimed(@Nullable ReminderClaim claim) {}

  /**
   * Locks, among one user's candidates, at most {@code left} that are still due and not locked by
   * another claim, and leases or settles them, in one statement restricted to the user.
   */
  private static List<Claimed> claimOfUser(
      DSLContext dsl,
      Reminders candidate,
      Condition claimable,
      UUID user,
      List<UUID> ids,
      int left,
      Condition late,
      Condition exhausted,
      Field<UUID> newToken,
      Instant expiry,
      Instant now) {
    Table<? extends Record> due =
        dsl.select(candidate.USER_ID, candidate.ID)
            .from(candidate)
            .where(
                candidate.USER_ID.eq(user),
                candidate.ID.eq(DSL.any(DSL.val(ids.toArray(UUID[]::new)))),
                claimable)
            .orderBy(candidate.NEXT_ATTEMPT_AT, candidate.ID)
            .limit(left)
            .forUpdate()
            .skipLocked()
            .asTable("due");
    CommonTableExpression<Record8<UUID, UUID, UUID, Instant, String, UUID, Instant, Integer>>
        claimed =
            DSL.name("claimed")
                .as(
                    dsl.update(REMINDERS)
                        .set(
                            REMINDERS.STATE,
                            DSL.when(late, DSL.inline("missed"))
                                .when(exhausted, DSL.inline("failed"))
                                .otherwise(LEASED))
                        .set(
                            REMINDERS.LEASE_TOKEN,
                            DSL.when(late.or(exhausted), DSL.castNull(SQLDataType.UUID))
                                .otherwise(newToken))
                        .set(
                            REMINDERS.NEXT_ATTEMPT_AT,
                            DSL.when(
                                    late.or(exhausted),
                                    DSL.castNull(REMINDERS.NEXT_ATTEMPT_AT.getDataType()))
                                .otherwise(DSL.val(expiry, REMINDERS.NEXT_ATTEMPT_AT)))
                        .set(
                            REMINDERS.ATTEMPTS,
                            DSL.when(late.or(exhausted), REMINDERS.ATTEMPTS)
                                .otherwise(REMINDERS.ATTEMPTS.plus(1)))
                        .set(
                            REMINDERS.LAST_ERROR,
                            DSL.when(exhausted, DSL.inline("lease expired on the last attempt"))
                                .otherwise(REMINDERS.LAST_ERROR))
                        .set(REMINDERS.UPDATED_AT, now)
                        .from(due)
                        .where(
                            REMINDERS.USER_ID.eq(user),
                            REMINDERS.USER_ID.eq(due.field(candidate.USER_ID)),
                            REMINDERS.ID.eq(due.field(candidate.ID)))
                        .returningResult(
                            REMINDERS.USER_ID,
                            REMINDERS.ID,
                            REMINDERS.TASK_ID,
                            REMINDERS.FIRE_AT,
                            REMINDERS.STATE,
                            REMINDERS.LEASE_TOKEN,
                            REMINDERS.NEXT_ATTEMPT_AT,
                            REMINDERS.ATTEMPTS));
    Field<UUID> userId = claimed.field(REMINDERS.USER_ID);
    Field<UUID> id = claimed.field(REMINDERS.ID);
    Field<UUID> taskId = claimed.field(REMINDERS.TASK_ID);
    Field<Instant> fireAt = claimed.field(REMINDERS.FIRE_AT);
    Field<String> state = claimed.field(REMINDERS.STATE);
    Field<UUID> token = claimed.field(REMINDERS.LEASE_TOKEN);
    Field<Instant> leaseExpiry = claimed.field(REMINDERS.NEXT_ATTEMPT_AT);
    Field<Integer> attempts = claimed.field(REMINDERS.ATTEMPTS);
    return dsl.with(claimed)
        .select(
            userId,
            id,
            taskId,
            fireAt,
            state,
            token,
            leaseExpiry,
            attempts,
            TASKS.TITLE,
            TASKS.PRIORITY,
            TASKS.DUE_AT)
        .from(claimed)
        .join(TASKS)
        .on(TASKS.USER_ID.eq(userId), TASKS.ID.eq(taskId))
        .where(TASKS.USER_ID.eq(user))
        .fetch(
            row -> {
              UUID reminderId = Objects.requireNonNull(row.get(id));
              UUID task = Objects.requireNonNull(row.get(taskId));
              Instant fire = Objects.requireNonNull(row.get(fireAt));
              if (!"leased".equals(row.get(state))) {
                // Settled as missed or failed: counted against the limit, never returned.
                return new Claimed(null);
              }
              return new Claimed(
                  new ReminderClaim(
                      new LeaseToken(user, reminderId, Objects.requireNonNull(row.get(token))),
                      Objects.requireNonNull(row.get(leaseExpiry)),
                      Objects.requireNonNull(row.get(attempts)),
                      DeliveryKeys.of(task, reminderId, fire),
                      user,
                      task,
                      reminderId,
                      row.get(TASKS.TITLE),
                      row.get(TASKS.PRIORITY),
                      row.get(TASKS.DUE_AT),
                      fire));
            });
  }
}
