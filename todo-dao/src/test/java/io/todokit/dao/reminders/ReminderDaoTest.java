package io.todokit.dao.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.todokit.dao.DaoTestSupport;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.PageRequest;
import io.todokit.dao.ValidationException;
import io.todokit.dao.tasks.NewTask;
import io.todokit.dao.tasks.Priority;
import io.todokit.dao.tasks.Task;
import io.todokit.dao.tasks.TaskPatch;
import io.todokit.recurrence.RecurrenceSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReminderDaoTest extends DaoTestSupport {

  private static final Instant NOW = Instant.parse("2025-06-10T12:00:00Z");
  private static final DeliveryPolicy NO_JITTER =
      DeliveryPolicy.defaults()
          .withBackoff(Duration.ofSeconds(10), Duration.ofSeconds(60), 0)
          .withMaxAttempts(4);

  /** The worker calls are cross-user: each test starts without any reminder. */
  @BeforeEach
  void noTasks() {
    sql("DELETE FROM tasks");
  }

  private static ReminderDao at(Instant now) {
    return dbAt(now).reminders().withPolicy(NO_JITTER);
  }

  private static Task task(UUID userId, String title, Instant dueAt) {
    return dbAt(NOW).tasks().create(userId, NewTask.titled(title).withDueAt(dueAt));
  }

  private static String state(UUID reminderId) {
    try (var connection = sqlSource.getConnection();
        var statement = connection.prepareStatement("SELECT state FROM reminders WHERE id = ?")) {
      statement.setObject(1, reminderId);
      try (var rows = statement.executeQuery()) {
        rows.next();
        return rows.getString(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- add, list, remove ---------------------------------------------------------------------

  @Test
  void addComputesTheFireInstantOfAbsoluteAndRelativeRemindersAndListOrdersByIt() {
    UUID alice = newUser();
    Task task = task(alice, "Dentist", NOW.plus(Duration.ofHours(5)));

    Reminder absolute = at(NOW).add(alice, task.id(), ReminderSpec.at(NOW.plusSeconds(7200)));
    Reminder relative =
        at(NOW).add(alice, task.id(), ReminderSpec.beforeDue(Duration.ofMinutes(30)));

    assertThat(absolute.fireAt()).isEqualTo(NOW.plusSeconds(7200));
    assertThat(absolute.state()).isEqualTo(ReminderState.PENDING);
    assertThat(absolute.spec()).isEqualTo(ReminderSpec.at(NOW.plusSeconds(7200)));
    assertThat(relative.fireAt()).isEqualTo(NOW.plus(Duration.ofHours(5)).minusSeconds(1800));
    assertThat(relative.beforeDue()).isEqualTo(Duration.ofMinutes(30));
    assertThat(relative.createdAt()).isEqualTo(NOW);
    assertThat(at(NOW).list(alice, task.id()))
        .extracting(Reminder::id)
        .containsExactly(absolute.id(), relative.id());
  }

  @Test
  void aRelativeReminderOfATaskWithoutDueTimeDoesNotFireUntilItHasOne() {
    UUID alice = newUser();
    Task task = dbAt(NOW).tasks().create(alice, NewTask.titled("Someday"));
    Reminder reminder =
        at(NOW).add(alice, task.id(), ReminderSpec.beforeDue(Duration.ofMinutes(10)));

    assertThat(reminder.fireAt()).isNull();
    assertThat(at(NOW.plus(Duration.ofDays(400))).claim(ClaimRequest.of(10))).isEmpty();

    dbAt(NOW)
        .tasks()
        .update(
            alice, task.id(), task.version(), TaskPatch.empty().withDueAt(NOW.plusSeconds(600)));
    assertThat(at(NOW).get(alice, reminder.id()).fireAt()).isEqualTo(NOW);
    assertThat(at(NOW).claim(ClaimRequest.of(10)))
        .extracting(ReminderClaim::reminderId)
        .containsExactly(reminder.id());
  }

  @Test
  void specsAreValidatedWhenBuilt() {
    assertThatThrownBy(() -> ReminderSpec.beforeDue(Duration.ofMinutes(-1)))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("before_due"));
    assertThatThrownBy(() -> ReminderSpec.beforeDue(Duration.ofDays(367)))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("before_due"));
    assertThatThrownBy(() -> new ReminderSpec(NOW, Duration.ZERO))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("at"));
    assertThatThrownBy(() -> ReminderSpec.at(null))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("at"));
    assertThatThrownBy(() -> ClaimRequest.of(0))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("limit"));
    assertThatThrownBy(() -> ClaimRequest.of(10).withBucket(4, 4))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("bucket_index"));
    assertThatThrownBy(() -> DeliveryPolicy.defaults().withLease(Duration.ZERO))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("lease"));
    assertThatThrownBy(() -> LeaseToken.parse("nope"))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("lease_token"));
  }

  @Test
  void aTaskHasAtMostTwentyReminders() {
    UUID alice = newUser();
    Task task = task(alice, "Busy", NOW.plusSeconds(3600));
    for (int i = 0; i < ReminderDao.MAX_PER_TASK; i++) {
      at(NOW).add(alice, task.id(), ReminderSpec.beforeDue(Duration.ofMinutes(i)));
    }

    assertThatThrownBy(() -> at(NOW).add(alice, task.id(), ReminderSpec.at(NOW)))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("reminders"));
    assertThat(at(NOW).list(alice, task.id())).hasSize(ReminderDao.MAX_PER_TASK);
  }

  @Test
  void anotherUsersTaskOrReminderIsNotFoundForEveryUserCall() {
    UUID alice = newUser();
    UUID mallory = newUser();
    Task task = task(alice, "Private", NOW.plusSeconds(3600));
    Reminder reminder = at(NOW).add(alice, task.id(), ReminderSpec.at(NOW.minusSeconds(1)));
    sql(
        "UPDATE reminders SET state = 'failed', next_attempt_at = NULL WHERE id = ?",
        reminder.id());

    assertThatThrownBy(() -> at(NOW).add(mallory, task.id(), ReminderSpec.at(NOW)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> at(NOW).list(mallory, task.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> at(NOW).remove(mallory, task.id(), reminder.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> at(NOW).retry(mallory, reminder.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> at(NOW).get(mallory, reminder.id()))
        .isInstanceOf(NotFoundException.class);
    assertThat(at(NOW).failed(mallory, PageRequest.first()).items()).isEmpty();

    assertThat(state(reminder.id())).isEqualTo("failed");
    assertThat(at(NOW).list(alice, task.id())).hasSize(1);
    assertThat(at(NOW).failed(alice, PageRequest.first()).items())
        .extracting(Reminder::id)
        .containsExactly(reminder.id());
  }

  @Test
  void removeDeletesOnlyThatReminderAndAStaleLeaseOnItIsLost() {
    UUID alice = newUser();
    Task task = task(alice, "Call", NOW.plusSeconds(3600));
    Reminder kept = at(NOW).add(alice, task.id(), ReminderSpec.at(NOW.plusSeconds(60)));
    Reminder removed = at(NOW).add(alice, task.id(), ReminderSpec.at(NOW.minusSeconds(60)));
    ReminderClaim claim = at(NOW).claim(ClaimRequest.of(10)).getFirst();

    at(NOW).remove(alice, task.id(), removed.id());

    assertThat(at(NOW).list(alice, task.id())).extracting(Reminder::id).containsExactly(kept.id());
    assertThat(at(NOW).ack(claim.lease())).isEqualTo(LeaseOutcome.LEASE_LOST);
    assertThatThrownBy(() -> at(NOW).remove(alice, task.id(), removed.id()))
        .isInstanceOf(NotFoundException.class);
  }

  // ---- claim, ack ----------------------------------------------------------------------------

  @Test
  void claimLeasesDueFiringsOldestFirstWithWhatASenderNeeds() {
    UUID alice = newUser();
    UUID bob = newUser();
    Task dentist = task(alice, "Dentist", NOW.plusSeconds(3600));
    Task rent = dbAt(NOW).tasks().create(bob, NewTask.titled("Rent").withPriority(Priority.URGENT));
    Reminder older = at(NOW).add(bob, rent.id(), ReminderSpec.at(NOW.minusSeconds(120)));
    Reminder newer = at(NOW).add(alice, dentist.id(), ReminderSpec.at(NOW.minusSeconds(60)));
    at(NOW).add(alice, dentist.id(), ReminderSpec.at(NOW.plusSeconds(1)));

    List<ReminderClaim> claims = at(NOW).claim(ClaimRequest.of(10));

    assertThat(claims)
        .extracting(
            ReminderClaim::reminderId,
            ReminderClaim::userId,
            ReminderClaim::taskId,
            ReminderClaim::title,
            ReminderClaim::priority,
            ReminderClaim::dueAt,
            ReminderClaim::fireAt,
            ReminderClaim::attempt,
            ReminderClaim::leaseExpiresAt)
        .containsExactly(
            tuple(
                older.id(),
                bob,
                rent.id(),
                "Rent",
                Priority.URGENT,
                null,
                NOW.minusSeconds(120),
                1,
                NOW.plus(NO_JITTER.lease())),
            tuple(
                newer.id(),
                alice,
                dentist.id(),
                "Dentist",
                Priority.MEDIUM,
                NOW.plusSeconds(3600),
                NOW.minusSeconds(60),
                1,
                NOW.plus(NO_JITTER.lease())));
    assertThat(claims.getFirst().deliveryKey())
        .isEqualTo(DeliveryKeys.of(rent.id(), older.id(), NOW.minusSeconds(120)))
        .isNotEqualTo(claims.get(1).deliveryKey());
    assertThat(at(NOW).claim(ClaimRequest.of(10))).as("leased firings are not due").isEmpty();
    assertThat(state(older.id())).isEqualTo("leased");
  }

  @Test
  void ackMarksDeliveredOnceAndAnExpiredLeaseIsClaimedAgainWithTheSameDeliveryKey() {
    UUID alice = newUser();
    Task task = task(alice, "Dentist", NOW.plusSeconds(3600));
    Reminder first = at(NOW).add(alice, task.id(), ReminderSpec.at(NOW.minusSeconds(1)));
    Reminder second = at(NOW).add(alice, task.id(), ReminderSpec.at(NOW.minusSeconds(2)));
    List<ReminderClaim> claims = at(NOW).claim(ClaimRequest.of(10));
    ReminderClaim ofSecond = claims.get(0);
    ReminderClaim ofFirst = claims.get(1);

    assertThat(at(NOW).ack(ofFirst.lease())).isEqualTo(LeaseOutcome.DONE);
    assertThat(at(NOW).ack(ofFirst.lease())).isEqualTo(LeaseOutcome.LEASE_LOST);
    Reminder delivered = at(NOW).get(alice, first.id());
    assertThat(delivered.state()).isEqualTo(ReminderState.DELIVERED);
    assertThat(delivered.deliveredAt()).isEqualTo(NOW);

    // The worker of the second died: after the lease it is claimed again, same key, attempt 2.
    Instant later = NOW.plus(NO_JITTER.lease()).plusSeconds(1);
    assertThat(at(NOW.plus(NO_JITTER.lease()).minusSeconds(1)).claim(ClaimRequest.of(10)))
        .isEmpty();
    List<ReminderClaim> again = at(later).claim(ClaimRequest.of(10));
    assertThat(again)
        .extracting(ReminderClaim::reminderId, ReminderClaim::deliveryKey, ReminderClaim::attempt)
        .containsExactly(tuple(second.id(), ofSecond.deliveryKey(), 2));
    assertThat(again.getFirst().lease()).isNotEqualTo(ofSecond.lease());
  }

  // ---- fencing -------------------------------------------------------------------------------

  @Test
  void aLateWorkerWhoseLeaseWasClaimedAgainChangesNothingAndLearnsSo() {
    UUID alice = newUser();
    Task task = task(alice, "Dentist", NOW.plusSeconds(3600));
    Reminder reminder = at(NOW).add(alice, task.id(), ReminderSpec.at(NOW.minusSeconds(1)));
    ReminderClaim stale = at(NOW).claim(ClaimRequest.of(1)).getFirst();
    Instant later = NOW.plus(NO_JITTER.lease()).plusSeconds(5);
    ReminderClaim current = at(later).claim(ClaimRequest.of(1)).getFirst();
    Reminder before = at(later).get(alice, reminder.id());

    assertThat(at(later).ack(stale.lease())).isEqualTo(LeaseOutcome.LEASE_LOST);
    assertThat(at(later).nack(stale.lease(), "boom")).isEqualTo(LeaseOutcome.LEASE_LOST);
    assertThat(at(later).extend(stale.lease())).isEqualTo(LeaseOutcome.LEASE_LOST);
    assertThat(at(later).get(alice, reminder.id())).isEqualTo(before);
    assertThat(before.state()).isEqualTo(ReminderState.LEASED);

    assertThat(at(later).extend(current.lease(), Duration.ofMinutes(5)))
        .isEqualTo(LeaseOutcome.DONE);
    assertThat(at(later.plus(NO_JITTER.lease()).plusSeconds(1)).claim(ClaimRequest.of(1)))
        .as("an extended lease is not claimed again")
        .isEmpty();
    assertThat(at(later).ack(current.lease())).isEqualTo(LeaseOutcome.DONE);
    assertThat(at(later).get(alice, reminder.id()).state()).isEqualTo(ReminderState.DELIVERED);
  }

  @Test
  void ackAllAcknowledgesTheLeasesStillHeldInOneCallAndReportsTheLostOnes() {
    UUID alice = newUser();
    Task task = task(alice, "Batch", NOW.plusSeconds(3600));
    for (int i = 1; i <= 3; i++) {
      at(NOW).add(alice, task.id(), ReminderSpec.at(NOW.minusSeconds(i)));
    }
    List<ReminderClaim> claims = at(NOW).claim(ClaimRequest.of(10));
    at(NOW).nack(claims.get(0).lease(), "gone");

    java.util.Set<LeaseToken> acked =
        at(NOW).ackAll(claims.stream().map(ReminderClaim::lease).toList());

    assertThat(acked).containsExactlyInAnyOrder(claims.get(1).lease(), claims.get(2).lease());
    assertThat(at(NOW).list(alice, task.id()))
        .extracting(Reminder::state)
        .containsExactlyInAnyOrder(
            ReminderState.PENDING, ReminderState.DELIVERED, ReminderState.DELIVERED);
    assertThat(at(NOW).ackAll(List.of())).isEmpty();
  }

  @Test
  void anAckAfterTheLeaseExpiredButBeforeAnotherClaimStillCounts() {
    UUID alice = newUser();
    Task task = task(alice, "Dentist", NOW.plusSeconds(3600));
    at(NOW).add(alice, task.id(), ReminderSpec.at(NOW.minusSeconds(1)));
    ReminderClaim claim = at(NOW).claim(ClaimRequest.of(1)).getFirst();

    assertThat(at(NOW.plus(Duration.ofHours(1))).ack(claim.lease())).isEqualTo(LeaseOutcome.DONE);
    assertThat(at(NOW.plus(Duration.ofHours(1))).claim(ClaimRequest.of(1))).isEmpty();
  }

  // ---- nack, backoff, dead letter, lateness --------------------------------------------------

  @Test
  void nackRetriesWithDoublingBackoffUpToTheCapThenDeadLettersAndRetryRearms() {
    UUID alice = newUser();
    Task task = task(alice, "Dentist", NOW.plusSeconds(3600));
    Reminder reminder = at(NOW).add(alice, task.id(), ReminderSpec.at(NOW));
    ReminderDao policy8 = at(NOW).withPolicy(NO_JITTER.withMaxAttempts(5));
    Instant now = NOW;
    List<Long> waits = new java.util.ArrayList<>();
    for (int attempt = 1; attempt <= 4; attempt++) {
      ReminderDao dao = dbAt(now).reminders().withPolicy(policy8.policy());
      ReminderClaim claim = dao.claim(ClaimRequest.of(1)).getFirst();
      assertThat(claim.attempt()).isEqualTo(attempt);
      assertThat(dao.nack(claim.lease(), "provider said no " + attempt))
          .isEqualTo(LeaseOutcome.DONE);
      Instant next = instantOf("SELECT next_attempt_at FROM reminders WHERE id = ?", reminder.id());
      waits.add(Duration.between(now, next).toSeconds());
      assertThat(dbAt(next.minusMillis(1)).reminders().claim(ClaimRequest.of(1))).isEmpty();
      now = next;
    }
    assertThat(waits).containsExactly(10L, 20L, 40L, 60L);
    assertThat(at(now).get(alice, reminder.id()).lastError()).isEqualTo("provider said no 4");

    ReminderDao last = dbAt(now).reminders().withPolicy(policy8.policy());
    ReminderClaim fifth = last.claim(ClaimRequest.of(1)).getFirst();
    assertThat(fifth.attempt()).isEqualTo(5);
    assertThat(last.nack(fifth.lease(), "x".repeat(3000))).isEqualTo(LeaseOutcome.DEAD_LETTERED);
    Reminder failed = last.get(alice, reminder.id());
    assertThat(failed.state()).isEqualTo(ReminderState.FAILED);
    assertThat(failed.lastError()).hasSize(ReminderDao.MAX_ERROR);
    assertThat(dbAt(now.plus(Duration.ofDays(1))).reminders().claim(ClaimRequest.of(1))).isEmpty();
    assertThat(last.failed(alice, PageRequest.first()).items())
        .extracting(Reminder::id)
        .containsExactly(reminder.id());

    Reminder retried = last.retry(alice, reminder.id());
    assertThat(retried.state()).isEqualTo(ReminderState.PENDING);
    assertThat(retried.attempts()).isZero();
    assertThat(last.failed(alice, PageRequest.first()).items()).isEmpty();
    ReminderClaim again = last.claim(ClaimRequest.of(1)).getFirst();
    assertThat(again.attempt()).isEqualTo(1);
    assertThat(again.deliveryKey()).isEqualTo(fifth.deliveryKey());
    assertThat(last.retry(alice, reminder.id()).state())
        .as("retry leaves a leased firing alone")
        .isEqualTo(ReminderState.LEASED);
  }

  @Test
  void jitterShortensTheWaitByAtMostItsFraction() {
    UUID alice = newUser();
    Task task = task(alice, "Dentist", NOW.plusSeconds(3600));
    DeliveryPolicy jittery =
        DeliveryPolicy.defaults()
            .withBackoff(Duration.ofSeconds(100), Duration.ofSeconds(100), 0.5);
    for (int i = 0; i < 20; i++) {
      at(NOW).add(alice, task.id(), ReminderSpec.at(NOW.minusSeconds(i)));
    }
    ReminderDao dao = dbAt(NOW).reminders().withPolicy(jittery);
    for (ReminderClaim claim : dao.claim(ClaimRequest.of(20))) {
      dao.nack(claim.lease(), "no");
    }

    assertThat(
            count("SELECT count(*) FROM reminders WHERE next_attempt_at > ?", NOW.plusSeconds(100)))
        .isZero();
    assertThat(
            count("SELECT count(*) FROM reminders WHERE next_attempt_at < ?", NOW.plusSeconds(50)))
        .isZero();
    assertThat(count("SELECT count(DISTINCT next_attempt_at) FROM reminders")).isGreaterThan(1);
  }

  @Test
  void aFiringLaterThanTheLatenessLimitIsMissedNotSentAndRetryRearmsIt() {
    UUID alice = newUser();
    Task task = task(alice, "Old", NOW.plusSeconds(3600));
    Reminder stale =
        at(NOW).add(alice, task.id(), ReminderSpec.at(NOW.minus(Duration.ofHours(25))));
    Reminder fresh =
        at(NOW).add(alice, task.id(), ReminderSpec.at(NOW.minus(Duration.ofHours(23))));

    assertThat(at(NOW).claim(ClaimRequest.of(10)))
        .extracting(ReminderClaim::reminderId)
        .containsExactly(fresh.id());
    assertThat(at(NOW).get(alice, stale.id()).state()).isEqualTo(ReminderState.MISSED);
    assertThat(at(NOW).claim(ClaimRequest.of(10))).isEmpty();

    ReminderDao lenient = at(NOW).withPolicy(NO_JITTER.withMaxLateness(Duration.ofDays(2)));
    assertThat(lenient.retry(alice, stale.id()).state()).isEqualTo(ReminderState.PENDING);
    assertThat(lenient.claim(ClaimRequest.of(10)))
        .extracting(ReminderClaim::reminderId)
        .containsExactly(stale.id());
  }

  @Test
  void aLeaseThatExpiresOnTheLastAttemptDeadLettersTheFiring() {
    UUID alice = newUser();
    Task task = task(alice, "Poison", NOW.plusSeconds(3600));
    Reminder reminder = at(NOW).add(alice, task.id(), ReminderSpec.at(NOW));
    ReminderDao once = at(NOW).withPolicy(NO_JITTER.withMaxAttempts(1));
    once.claim(ClaimRequest.of(1));

    ReminderDao later =
        dbAt(NOW.plus(Duration.ofMinutes(5))).reminders().withPolicy(NO_JITTER.withMaxAttempts(1));
    assertThat(later.claim(ClaimRequest.of(1))).isEmpty();
    Reminder failed = later.get(alice, reminder.id());
    assertThat(failed.state()).isEqualTo(ReminderState.FAILED);
    assertThat(failed.lastError()).isEqualTo("lease expired on the last attempt");
  }

  // ---- buckets -------------------------------------------------------------------------------

  @Test
  void bucketsSplitTheUsersAsBucketOfComputesIt() {
    List<UUID> users = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      UUID user = newUser();
      users.add(user);
      Task task = task(user, "t" + i, NOW.plusSeconds(3600));
      at(NOW).add(user, task.id(), ReminderSpec.at(NOW.minusSeconds(i)));
    }
    // A user id whose low 32 bits are all ones: the unsigned reading matters.
    UUID high = UUID.fromString("00000000-0000-7000-8000-0000ffffffff");
    sql(
        "INSERT INTO users (id, username, email, password_hash) VALUES (?, 'highbits',"
            + " 'high@example.org', 'x')",
        high);
    users.add(high);
    at(NOW).add(high, task(high, "high", NOW.plusSeconds(3600)).id(), ReminderSpec.at(NOW));

    java.util.Set<UUID> seen = new java.util.HashSet<>();
    for (int index = 0; index < 3; index++) {
      int bucket = index;
      List<ReminderClaim> claims = at(NOW).claim(ClaimRequest.of(100).withBucket(index, 3));
      assertThat(claims)
          .allSatisfy(c -> assertThat(ClaimRequest.bucketOf(c.userId(), 3)).isEqualTo(bucket));
      claims.forEach(c -> assertThat(seen.add(c.userId())).isTrue());
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(users);
    assertThat(ClaimRequest.bucketOf(high, 1000)).isEqualTo((int) (0xffffffffL % 1000));
  }

  // ---- following the task --------------------------------------------------------------------

  @Test
  void relativeRemindersFollowTheDueTimeAndAMovedFiringIsArmedAgain() {
    UUID alice = newUser();
    Task task = task(alice, "Flight", NOW.plusSeconds(600));
    Reminder relative =
        at(NOW).add(alice, task.id(), ReminderSpec.beforeDue(Duration.ofMinutes(10)));
    Reminder absolute = at(NOW).add(alice, task.id(), ReminderSpec.at(NOW.minusSeconds(5)));
    List<ReminderClaim> claims = at(NOW).claim(ClaimRequest.of(10));
    claims.forEach(c -> at(NOW).ack(c.lease()));
    String firstKey =
        claims.stream()
            .filter(c -> c.reminderId().equals(relative.id()))
            .findFirst()
            .orElseThrow()
            .deliveryKey();

    Task moved =
        dbAt(NOW)
            .tasks()
            .update(
                alice,
                task.id(),
                task.version(),
                TaskPatch.empty().withDueAt(NOW.plusSeconds(1200)));

    Reminder rearmed = at(NOW).get(alice, relative.id());
    assertThat(rearmed.fireAt()).isEqualTo(NOW.plusSeconds(600));
    assertThat(rearmed.state()).isEqualTo(ReminderState.PENDING);
    assertThat(at(NOW).get(alice, absolute.id()).state())
        .as("an absolute reminder does not follow")
        .isEqualTo(ReminderState.DELIVERED);
    ReminderClaim next = at(NOW.plusSeconds(600)).claim(ClaimRequest.of(10)).getFirst();
    assertThat(next.deliveryKey()).as("a new firing, a new key").isNotEqualTo(firstKey);
    at(NOW).ack(next.lease());

    // A change that keeps the due time keeps the delivered firing delivered.
    dbAt(NOW)
        .tasks()
        .update(alice, task.id(), moved.version(), TaskPatch.empty().withTitle("Flight LH 123"));
    assertThat(at(NOW).get(alice, relative.id()).state()).isEqualTo(ReminderState.DELIVERED);
  }

  @Test
  void completingCancelsTheUnfiredRemindersAndReopeningRearmsThem() {
    UUID alice = newUser();
    Task task = task(alice, "Report", NOW.plusSeconds(3600));
    Reminder future = at(NOW).add(alice, task.id(), ReminderSpec.beforeDue(Duration.ZERO));
    Reminder inFlight = at(NOW).add(alice, task.id(), ReminderSpec.at(NOW.minusSeconds(1)));
    ReminderClaim claim = at(NOW).claim(ClaimRequest.of(10)).getFirst();

    dbAt(NOW).tasks().complete(alice, task.id());

    assertThat(at(NOW).list(alice, task.id()))
        .extracting(Reminder::state)
        .containsOnly(ReminderState.CANCELED);
    assertThat(at(NOW).ack(claim.lease())).isEqualTo(LeaseOutcome.LEASE_LOST);
    assertThat(at(NOW.plus(Duration.ofDays(1))).claim(ClaimRequest.of(10))).isEmpty();
    Reminder added = at(NOW).add(alice, task.id(), ReminderSpec.at(NOW));
    assertThat(added.state()).isEqualTo(ReminderState.CANCELED);

    dbAt(NOW).tasks().reopen(alice, task.id());

    assertThat(at(NOW).list(alice, task.id()))
        .extracting(Reminder::state)
        .containsOnly(ReminderState.PENDING);
    assertThat(at(NOW.plusSeconds(3600)).claim(ClaimRequest.of(10)))
        .extracting(ReminderClaim::reminderId)
        .containsExactlyInAnyOrder(future.id(), inFlight.id(), added.id());
  }

  @Test
  void theNextOccurrenceGetsTheSameRemindersWithAbsoluteOnesShifted() {
    UUID alice = newUser();
    Instant due = NOW.plus(Duration.ofHours(2));
    Task task =
        dbAt(NOW)
            .tasks()
            .create(
                alice,
                NewTask.titled("Stand-up")
                    .withDueAt(due)
                    .withRecurrence(RecurrenceSpec.daily(1))
                    .withReminders(
                        ReminderSpec.beforeDue(Duration.ofMinutes(15)),
                        ReminderSpec.at(due.minus(Duration.ofHours(1)))));

    Task next = dbAt(NOW).tasks().complete(alice, task.id()).next().orElseThrow();

    assertThat(next.dueAt()).isEqualTo(due.plus(Duration.ofDays(1)));
    assertThat(at(NOW).list(alice, next.id()))
        .extracting(Reminder::at, Reminder::beforeDue, Reminder::fireAt, Reminder::state)
        .containsExactly(
            tuple(
                due.plus(Duration.ofDays(1)).minus(Duration.ofHours(1)),
                null,
                due.plus(Duration.ofDays(1)).minus(Duration.ofHours(1)),
                ReminderState.PENDING),
            tuple(
                null,
                Duration.ofMinutes(15),
                due.plus(Duration.ofDays(1)).minus(Duration.ofMinutes(15)),
                ReminderState.PENDING));
    assertThat(at(NOW).list(alice, task.id()))
        .extracting(Reminder::state)
        .containsOnly(ReminderState.CANCELED);
  }

  @Test
  void deletingTheTaskDeletesItsReminders() {
    UUID alice = newUser();
    Task task = task(alice, "Gone", NOW.plusSeconds(3600));
    at(NOW).add(alice, task.id(), ReminderSpec.at(NOW));

    dbAt(NOW).tasks().delete(alice, task.id());

    assertThat(rows("reminders")).isZero();
  }

  // ---- due -----------------------------------------------------------------------------------

  @Test
  void dueListsThePendingFiringsOfTheWindowAcrossUsers() {
    UUID alice = newUser();
    UUID bob = newUser();
    Task a = task(alice, "a", NOW.plusSeconds(7200));
    Task b = task(bob, "b", NOW.plusSeconds(7200));
    Reminder later = at(NOW).add(bob, b.id(), ReminderSpec.at(NOW.plusSeconds(600)));
    Reminder first = at(NOW).add(alice, a.id(), ReminderSpec.at(NOW));
    at(NOW).add(alice, a.id(), ReminderSpec.at(NOW.plusSeconds(3600)));
    at(NOW).add(alice, a.id(), ReminderSpec.at(NOW.minusNanos(1000)));

    assertThat(at(NOW).due(NOW, NOW.plusSeconds(3600)))
        .extracting(Reminder::id)
        .containsExactly(first.id(), later.id());
    assertThatThrownBy(() -> at(NOW).due(NOW, NOW))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("to"));
  }

  @Test
  void theDeliveryKeyIsAVersion5UuidOfTaskReminderAndFireInstant() {
    UUID task = UUID.fromString("10000000-0000-0000-0000-000000000001");
    UUID reminder = UUID.fromString("20000000-0000-0000-0000-000000000002");
    String key = DeliveryKeys.of(task, reminder, NOW);

    assertThat(UUID.fromString(key).version()).isEqualTo(5);
    assertThat(DeliveryKeys.of(task, reminder, NOW)).isEqualTo(key);
    assertThat(DeliveryKeys.of(task, reminder, NOW.plusNanos(1000))).isNotEqualTo(key);
    assertThat(DeliveryKeys.of(reminder, task, NOW)).isNotEqualTo(key);
  }

  @Test
  void aLeaseTokenSurvivesItsStringForm() {
    LeaseToken token = new LeaseToken(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

    assertThat(LeaseToken.parse(token.toString())).isEqualTo(token);
  }
}
