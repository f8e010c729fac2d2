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
 * {@link ReminderDao#claim}: on one server, one statement that locks the oldest due firings across
 * users, leases the due ones and settles stale ones; on a distributed database, an unlocked read of
 * the due firings across users, then that statement user by user.
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
          List<Claimed> claimed = new ArrayList<>();
          if (!context.distributed(dsl)) {
            // One server: the whole batch in one statement. The predicate is the partial index
            // reminders_claim_idx's, with literals (not bind values) so that the planner can
            // prove the index applies in generic plans; the limit is a literal for the same
            // reason as in the other claims.
            Table<? extends Record> due =
                dsl.select(candidate.USER_ID, candidate.ID)
                    .from(candidate)
                    .where(where)
                    .orderBy(candidate.NEXT_ATTEMPT_AT, candidate.USER_ID, candidate.ID)
                    .limit(DSL.inline(request.limit()))
                    .forUpdate()
                    .skipLocked()
                    .asTable("due");
            claimed.addAll(
                lease(dsl, candidate, due, null, late, exhausted, newToken, expiry, now));
          } else {
            claimed.addAll(
                claimUserByUser(
                    dsl,
                    candidate,
                    where,
                    request.limit(),
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
   * The claim on a distributed database: the candidates read across users without locks (Citus runs
   * no FOR UPDATE across shards), more than the limit so that rows another worker holds (skipped)
   * leave room for the next ones; then one statement per user (a single-shard statement) that locks
   * that user's candidates, checks the predicate again under the lock and leases them.
   */
  private static List<Claimed> claimUserByUser(
      DSLContext dsl,
      Reminders candidate,
      Condition claimable,
      int limit,
      Condition late,
      Condition exhausted,
      Field<UUID> newToken,
      Instant expiry,
      Instant now) {
    Map<UUID, List<UUID>> byUser = new LinkedHashMap<>();
    for (Record2<UUID, UUID> row :
        dsl.select(candidate.USER_ID, candidate.ID)
            .from(candidate)
            .where(claimable)
            .orderBy(candidate.NEXT_ATTEMPT_AT, candidate.USER_ID, candidate.ID)
            .limit(DSL.inline(limit * CANDIDATES_PER_CLAIM))
            .fetch()) {
      byUser.computeIfAbsent(row.value1(), user -> new ArrayList<>()).add(row.value2());
    }
    List<Claimed> claimed = new ArrayList<>();
    for (Map.Entry<UUID, List<UUID>> user : byUser.entrySet()) {
      int left = limit - claimed.size();
      if (left == 0) {
        break;
      }
      Table<? extends Record> due =
          dsl.select(candidate.USER_ID, candidate.ID)
              .from(candidate)
              .where(
                  candidate.USER_ID.eq(user.getKey()),
                  candidate.ID.eq(DSL.any(DSL.val(user.getValue().toArray(UUID[]::new)))),
                  claimable)
              .orderBy(candidate.NEXT_ATTEMPT_AT, candidate.ID)
              .limit(left)
              .forUpdate()
              .skipLocked()
              .asTable("due");
      claimed.addAll(
          lease(dsl, candidate, due, user.getKey(), late, exhausted, newToken, expiry, now));
    }
    return claimed;
  }

  /**
   * Leases the locked rows of {@code due} that are due, and settles the stale ones, in one
   * statement; with {@code user}, every table of the statement is restricted to that user (a
   * single-shard statement on a distributed database).
   */
  private static List<Claimed> lease(
      DSLContext dsl,
      Reminders candidate,
      Table<? extends Record> due,
      @Nullable UUID user,
      Condition late,
      Condition exhausted,
      Field<UUID> newToken,
      Instant expiry,
      Instant now) {
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
                            user == null ? DSL.noCondition() : REMINDERS.USER_ID.eq(user),
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
        .where(user == null ? DSL.noCondition() : TASKS.USER_ID.eq(user))
        .fetch(
            row -> {
              UUID owner = Objects.requireNonNull(row.get(userId));
              UUID reminderId = Objects.requireNonNull(row.get(id));
              UUID task = Objects.requireNonNull(row.get(taskId));
              Instant fire = Objects.requireNonNull(row.get(fireAt));
              if (!"leased".equals(row.get(state))) {
                // Settled as missed or failed: counted against the limit, never returned.
                return new Claimed(null);
              }
              return new Claimed(
                  new ReminderClaim(
                      new LeaseToken(owner, reminderId, Objects.requireNonNull(row.get(token))),
                      Objects.requireNonNull(row.get(leaseExpiry)),
                      Objects.requireNonNull(row.get(attempts)),
                      DeliveryKeys.of(task, reminderId, fire),
                      owner,
                      task,
                      reminderId,
                      row.get(TASKS.TITLE),
                      row.get(TASKS.PRIORITY),
                      row.get(TASKS.DUE_AT),
                      fire));
            });
  }
}
