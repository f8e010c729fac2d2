package io.todokit.dao.reminders;

import static io.todokit.dao.reminders.ReminderDao.LEASED;
import static io.todokit.dao.reminders.ReminderDao.PENDING;
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
import io.todokit.schema.jooq.tables.Reminders;
import io.todokit.schema.jooq.tables.records.RemindersRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record8;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** {@link ReminderDao}'s lease calls: ack, ackAll, nack and extend, each fenced by the token. */
final class Leases {

  private Leases() {}

  static LeaseOutcome ack(DaoContext context, LeaseToken lease) {
    Check.required("lease_token", lease);
    Instant now = context.now();
    int updated =
        context.write(
            dsl ->
                dsl.update(REMINDERS)
                    .set(REMINDERS.STATE, DSL.inline("delivered"))
                    .set(REMINDERS.DELIVERED_AT, now)
                    .setNull(REMINDERS.LEASE_TOKEN)
                    .setNull(REMINDERS.NEXT_ATTEMPT_AT)
                    .setNull(REMINDERS.LAST_ERROR)
                    .set(REMINDERS.UPDATED_AT, now)
                    .where(fenced(lease))
                    .execute(),
            lease.reminderId());
    return updated == 1 ? LeaseOutcome.DONE : LeaseOutcome.LEASE_LOST;
  }

  static java.util.Set<LeaseToken> ackAll(DaoContext context, java.util.Collection<LeaseToken> leases) {
    Check.noNulls("leases", leases);
    if (leases.size() > ClaimRequest.MAX_LIMIT) {
      throw new ValidationException(
          "leases", "must be at most " + ClaimRequest.MAX_LIMIT + " (was " + leases.size() + ")");
    }
    if (leases.isEmpty()) {
      return java.util.Set.of();
    }
    Instant now = context.now();
    List<org.jooq.Row3<UUID, UUID, UUID>> rows =
        leases.stream()
            .map(
                l ->
                    DSL.row(
                        DSL.val(l.userId(), REMINDERS.USER_ID),
                        DSL.val(l.reminderId(), REMINDERS.ID),
                        DSL.val(l.token(), REMINDERS.LEASE_TOKEN)))
            .toList();
    Table<org.jooq.Record3<UUID, UUID, UUID>> acked =
        DSL.values(rows.toArray(org.jooq.Row3[]::new)).as("acked", "user_id", "id", "token");
    Field<UUID> userId = acked.field("user_id", UUID.class);
    Field<UUID> id = acked.field("id", UUID.class);
    Field<UUID> token = acked.field("token", UUID.class);
    return context.write(
        dsl ->
            java.util.Set.copyOf(
                dsl.update(REMINDERS)
                    .set(REMINDERS.STATE, DSL.inline("delivered"))
                    .set(REMINDERS.DELIVERED_AT, now)
                    .setNull(REMINDERS.LEASE_TOKEN)
                    .setNull(REMINDERS.NEXT_ATTEMPT_AT)
                    .setNull(REMINDERS.LAST_ERROR)
                    .set(REMINDERS.UPDATED_AT, now)
                    .from(acked)
                    .where(
                        REMINDERS.USER_ID.eq(userId),
                        REMINDERS.ID.eq(id),
                        REMINDERS.LEASE_TOKEN.eq(token),
                        REMINDERS.STATE.eq(LEASED))
                    .returningResult(REMINDERS.USER_ID, REMINDERS.ID, token)
                    .fetch(r -> new LeaseToken(r.value1(), r.value2(), r.value3()))),
        null);
  }

  static LeaseOutcome nack(DaoContext context, DeliveryPolicy policy, LeaseToken lease, String error) {
    Check.required("lease_token", lease);
    String kept = Check.required("error", error);
    if (kept.length() > MAX_ERROR) {
      kept = kept.substring(0, MAX_ERROR);
    }
    kept = kept.replace('\0', ' ');
    Instant now = context.now();
    Condition last = REMINDERS.ATTEMPTS.ge(DSL.inline(policy.maxAttempts()));
    // Plain SQL: the capped exponential backoff with jitter, per row (jOOQ has no make_interval).
    Field<Instant> retryAt =
        DSL.field(
            "{0} + make_interval(secs => least({1}, {2} * power(2, least(greatest({3} - 1, 0), 60)))"
                + " * (1 - {4} * random()))",
            REMINDERS.NEXT_ATTEMPT_AT.getDataType(),
            DSL.val(now, REMINDERS.NEXT_ATTEMPT_AT),
            DSL.inline(seconds(policy.maxBackoff())),
            DSL.inline(seconds(policy.initialBackoff())),
            REMINDERS.ATTEMPTS,
            DSL.inline(policy.jitter()));
    String errorText = kept;
    Optional<String> state =
        context.write(
            dsl ->
                dsl.update(REMINDERS)
                    .set(REMINDERS.STATE, DSL.when(last, DSL.inline("failed")).otherwise(PENDING))
                    .set(
                        REMINDERS.NEXT_ATTEMPT_AT,
                        DSL.when(last, DSL.castNull(REMINDERS.NEXT_ATTEMPT_AT.getDataType()))
                            .otherwise(retryAt))
                    .setNull(REMINDERS.LEASE_TOKEN)
                    .set(REMINDERS.LAST_ERROR, errorText)
                    .set(REMINDERS.UPDATED_AT, now)
                    .where(fenced(lease))
                    .returningResult(REMINDERS.STATE)
                    .fetchOptional(REMINDERS.STATE),
            lease.reminderId());
    return state
        .map(s -> s.equals("failed") ? LeaseOutcome.DEAD_LETTERED : LeaseOutcome.DONE)
        .orElse(LeaseOutcome.LEASE_LOST);
  }

  static LeaseOutcome extend(DaoContext context, LeaseToken lease, Duration duration) {
    Check.required("lease_token", lease);
    Check.required("duration", duration);
    if (duration.isNegative()
        || duration.isZero()
        || duration.compareTo(DeliveryPolicy.MAX_DURATION) > 0) {
      throw new ValidationException(
          "duration", "must be positive and at most " + DeliveryPolicy.MAX_DURATION);
    }
    Instant now = context.now();
    int updated =
        context.write(
            dsl ->
                dsl.update(REMINDERS)
                    .set(REMINDERS.NEXT_ATTEMPT_AT, now.plus(duration))
                    .set(REMINDERS.UPDATED_AT, now)
                    .where(fenced(lease))
                    .execute(),
            lease.reminderId());
    return updated == 1 ? LeaseOutcome.DONE : LeaseOutcome.LEASE_LOST;
  }

  /** The lease's row, while the lease is the token's. */
  static Condition fenced(LeaseToken lease) {
    return DSL.and(
        REMINDERS.USER_ID.eq(lease.userId()),
        REMINDERS.ID.eq(lease.reminderId()),
        REMINDERS.LEASE_TOKEN.eq(lease.token()),
        REMINDERS.STATE.eq(LEASED));
  }

  static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
