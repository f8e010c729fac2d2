package io.todokit.dao.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.dao.DaoTestSupport;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.TodoDb;
import io.todokit.dao.ValidationException;
import io.todokit.dao.tasks.Priority;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReminderDaoTest extends DaoTestSupport {

  private static final Instant NOW = Instant.parse("2025-06-10T12:00:00Z");

  /** The reminder calls are cross-user: each test starts without any task. */
  @BeforeEach
  void noTasks() {
    sql("DELETE FROM tasks");
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static UUID reminderTask(UUID userId, String title, Instant remindAt) {
    UUID id = UUID.randomUUID();
    sql(
        "INSERT INTO tasks (user_id, id, title, remind_at) VALUES (?, ?, ?, ?)",
        userId,
        id,
        title,
        remindAt);
    return id;
  }

  private static void complete(UUID taskId) {
    sql("UPDATE tasks SET status = 'completed', completed_at = now() WHERE id = ?", taskId);
  }

  private static void reopen(UUID taskId) {
    sql("UPDATE tasks SET status = 'pending', completed_at = NULL WHERE id = ?", taskId);
  }

  private static void markClaimed(UUID taskId) {
    sql("UPDATE tasks SET reminded_at = remind_at WHERE id = ?", taskId);
  }

  private static Instant instant(String column, UUID taskId) {
    return instantOf("SELECT " + column + " FROM tasks WHERE id = ?", taskId);
  }

  private static long version(UUID taskId) {
    return count("SELECT version FROM tasks WHERE id = ?", taskId);
  }

  private static List<UUID> ids(List<Reminder> reminders) {
    return reminders.stream().map(Reminder::taskId).toList();
  }

  private static TodoDb at(Instant now) {
    return dbAt(now);
  }

  // ---- due -----------------------------------------------------------------------------------

  @Test
  void dueListsTheArmedRemindersOfTheWindowAcrossUsersInOrder() {
    UUID alice = newUser();
    UUID bob = newUser();
    Instant from = NOW;
    Instant to = NOW.plus(Duration.ofHours(1));
    UUID atStart = reminderTask(alice, "at start", from);
    UUID later = reminderTask(bob, "later", from.plusSeconds(600));
    UUID earlier = reminderTask(alice, "earlier", from.plusSeconds(60));
    reminderTask(alice, "at end, excluded", to);
    reminderTask(bob, "before, excluded", from.minusNanos(1000));
    markClaimed(reminderTask(alice, "claimed", from.plusSeconds(30)));
    complete(reminderTask(bob, "completed", from.plusSeconds(30)));
    sql(
        "INSERT INTO tasks (user_id, id, title) VALUES (?, ?, 'no reminder')",
        alice,
        UUID.randomUUID());

    List<Reminder> due = db.reminders().due(from, to);

    assertThat(ids(due)).containsExactly(atStart, earlier, later);
    assertThat(due.get(2))
        .isEqualTo(new Reminder(bob, later, "later", Priority.MEDIUM, from.plusSeconds(600), null));
  }

  @Test
  void dueCarriesTitlePriorityAndDueDate() {
    UUID user = newUser();
    UUID task = UUID.randomUUID();
    Instant dueAt = NOW.plus(Duration.ofDays(1));
    sql(
        "INSERT INTO tasks (user_id, id, title, priority, due_at, remind_at)"
            + " VALUES (?, ?, ?, 'urgent', ?, ?)",
        user,
        task,
        "Pay rent 💸 'now'",
        dueAt,
        NOW);

    assertThat(db.reminders().due(NOW, NOW.plusSeconds(1)))
        .containsExactly(
            new Reminder(user, task, "Pay rent 💸 'now'", Priority.URGENT, NOW, dueAt));
  }

  @Test
  void dueRefusesAnEmptyOrInvertedWindow() {
    for (Instant to : List.of(NOW, NOW.minusSeconds(1))) {
      assertThatThrownBy(() -> db.reminders().due(NOW, to))
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(e.field()).isEqualTo("to"));
    }
  }

  // ---- claimDue ------------------------------------------------------------------------------

  @Test
  void claimDueReturnsDueRemindersOnceAndMarksThemWithoutBumpingTheVersion() {
    UUID alice = newUser();
    UUID bob = newUser();
    UUID exactlyNow = reminderTask(alice, "now", NOW);
    UUID past = reminderTask(bob, "past", NOW.minus(Duration.ofDays(3)));
    UUID future = reminderTask(alice, "future", NOW.plusNanos(1000));
    sql("UPDATE tasks SET version = 4 WHERE id = ?", past);

    List<Reminder> claimed =
        at(NOW).withClock(Clock.fixed(NOW, ZoneOffset.UTC)).reminders().claimDue(10);

    assertThat(ids(claimed)).containsExactly(past, exactlyNow);
    assertThat(instant("reminded_at", past)).isEqualTo(NOW);
    assertThat(instant("reminded_at", exactlyNow)).isEqualTo(NOW);
    assertThat(instant("updated_at", past)).isEqualTo(NOW);
    assertThat(instant("reminded_at", future)).isNull();
    assertThat(version(past)).isEqualTo(4);
    assertThat(version(exactlyNow)).isZero();
    assertThat(dbAt(NOW).reminders().claimDue(10)).isEmpty();
    assertThat(db.reminders().due(NOW.minus(Duration.ofDays(7)), NOW.plusNanos(1000))).isEmpty();
  }

  @Test
  void claimDueTakesTheOldestFirstAndRespectsTheLimit() {
    UUID user = newUser();
    List<UUID> tasks = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      tasks.add(reminderTask(user, "r" + i, NOW.minus(Duration.ofMinutes(10 - i))));
    }

    List<Reminder> first = dbAt(NOW).reminders().claimDue(4);
    List<Reminder> second = dbAt(NOW).reminders().claimDue(4);
    List<Reminder> third = dbAt(NOW).reminders().claimDue(4);

    assertThat(ids(first)).containsExactlyElementsOf(tasks.subList(0, 4));
    assertThat(ids(second)).containsExactlyElementsOf(tasks.subList(4, 8));
    assertThat(ids(third)).containsExactlyElementsOf(tasks.subList(8, 10));
    assertThat(first).extracting(Reminder::remindAt).isSorted();
  }

  @Test
  void claimDueBreaksTiesInTheOrderOfDueThatIsPostgresUnsignedUuidOrder() {
    UUID alice = newUser();
    UUID bob = newUser();
    Instant at = NOW.minusSeconds(60);
    // As signed longs (UUID.compareTo) 8... and f... come before 0... and 7...; PostgreSQL
    // compares the bytes unsigned. The same task id for two users is ordered by user id.
    UUID low = UUID.fromString("00000000-0000-7000-8000-000000000001");
    UUID high = UUID.fromString("7fffffff-ffff-7fff-bfff-ffffffffffff");
    UUID firstBitSet = UUID.fromString("80000000-0000-7000-8000-000000000000");
    UUID highest = UUID.fromString("ffffffff-ffff-7fff-bfff-ffffffffffff");
    UUID firstUser = alice.toString().compareTo(bob.toString()) < 0 ? alice : bob;
    UUID secondUser = firstUser.equals(alice) ? bob : alice;
    for (UUID task : List.of(highest, firstBitSet, high, low)) {
      sql(
          "INSERT INTO tasks (user_id, id, title, remind_at) VALUES (?, ?, 't', ?)",
          secondUser,
          task,
          at);
    }
    sql(
        "INSERT INTO tasks (user_id, id, title, remind_at) VALUES (?, ?, 't', ?)",
        firstUser,
        firstBitSet,
        at);
    List<String> expected =
        List.of(
            secondUser + "/" + low,
            secondUser + "/" + high,
            firstUser + "/" + firstBitSet,
            secondUser + "/" + firstBitSet,
            secondUser + "/" + highest);

    List<Reminder> listed = db.reminders().due(at, NOW);
    List<Reminder> claimed = dbAt(NOW).reminders().claimDue(10);

    assertThat(listed).extracting(r -> r.userId() + "/" + r.taskId()).isEqualTo(expected);
    assertThat(claimed).extracting(r -> r.userId() + "/" + r.taskId()).isEqualTo(expected);
  }

  @Test
  void aClaimedRowJavaCannotReadIsSkippedWithOneWarningAndTheRestIsReturned() {
    // A newer schema's priority (a rolling deploy), and a due date of 'infinity' that jOOQ's record
    // conversion refuses: both written by plain SQL.
    sql("ALTER TYPE task_priority ADD VALUE IF NOT EXISTS 'critical'");
    UUID alice = newUser();
    UUID bob = newUser();
    UUID unknownPriority = reminderTask(alice, "critical", NOW.minusSeconds(300));
    sql("UPDATE tasks SET priority = 'critical' WHERE id = ?", unknownPriority);
    UUID dueAtInfinity = reminderTask(bob, "some day", NOW.minusSeconds(200));
    sql("UPDATE tasks SET due_at = 'infinity' WHERE id = ?", dueAtInfinity);
    UUID plain = reminderTask(bob, "plain", NOW.minusSeconds(100));

    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    List<Reminder> claimed;
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      claimed = at(NOW).withClock(Clock.fixed(NOW, ZoneOffset.UTC)).reminders().claimDue(10);
    } finally {
      System.setErr(stderr);
    }

    assertThat(ids(claimed)).containsExactly(dueAtInfinity, plain);
    assertThat(claimed.getFirst().dueAt()).isAfter(Instant.parse("9999-12-31T23:59:59Z"));
    assertThat(instant("reminded_at", unknownPriority)).isEqualTo(NOW);
    List<String> warnings =
        log.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains("WARN")).toList();
    assertThat(warnings)
        .singleElement()
        .asString()
        .contains("user " + alice, "task " + unknownPriority, "critical", "marked sent");
    assertThat(dbAt(NOW).reminders().claimDue(10)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 501, Integer.MAX_VALUE, Integer.MIN_VALUE})
  void claimDueRefusesALimitOutsideOneToFiveHundred(int limit) {
    UUID task = reminderTask(newUser(), "due", NOW);

    assertThatThrownBy(() -> dbAt(NOW).reminders().claimDue(limit))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("limit"));

    assertThat(instant("reminded_at", task)).isNull();
  }

  @Test
  void claimDueAcceptsTheLargestLimit() {
    UUID task = reminderTask(newUser(), "due", NOW);

    assertThat(ids(dbAt(NOW).reminders().claimDue(ReminderDao.MAX_CLAIM))).containsExactly(task);
  }

  // ---- arming and disarming ------------------------------------------------------------------

  @Test
  void movingRemindAtWithPlainSqlRearmsAClaimedReminder() {
    UUID task = reminderTask(newUser(), "move me", NOW.minusSeconds(60));
    assertThat(ids(dbAt(NOW).reminders().claimDue(5))).containsExactly(task);

    sql("UPDATE tasks SET remind_at = ? WHERE id = ?", NOW.minusSeconds(30), task);

    assertThat(instant("reminded_at", task)).isNull();
    assertThat(ids(dbAt(NOW).reminders().claimDue(5))).containsExactly(task);
  }

  @Test
  void settingRemindAtToTheSameTimeWithPlainSqlLeavesTheClaim() {
    UUID task = reminderTask(newUser(), "same", NOW.minusSeconds(60));
    dbAt(NOW).reminders().claimDue(5);

    sql("UPDATE tasks SET remind_at = remind_at, title = 'renamed' WHERE id = ?", task);

    assertThat(dbAt(NOW).reminders().claimDue(5)).isEmpty();
  }

  @Test
  void completingATaskDisarmsItsReminderAndReopeningArmsItAgain() {
    UUID user = newUser();
    UUID task = reminderTask(user, "finish", NOW.minusSeconds(60));

    complete(task);
    assertThat(db.reminders().due(NOW.minusSeconds(120), NOW)).isEmpty();
    assertThat(dbAt(NOW).reminders().claimDue(5)).isEmpty();

    reopen(task);
    assertThat(ids(db.reminders().due(NOW.minusSeconds(120), NOW))).containsExactly(task);
    assertThat(ids(dbAt(NOW).reminders().claimDue(5))).containsExactly(task);
  }

  @Test
  void reopeningAClaimedReminderDoesNotArmItAgain() {
    UUID task = reminderTask(newUser(), "claimed then completed", NOW.minusSeconds(60));
    dbAt(NOW).reminders().claimDue(5);
    complete(task);

    reopen(task);

    assertThat(dbAt(NOW).reminders().claimDue(5)).isEmpty();
  }

  // ---- snooze --------------------------------------------------------------------------------

  @Test
  void snoozeMovesTheReminderRearmsItAndBumpsTheVersion() {
    UUID user = newUser();
    UUID task = reminderTask(user, "snooze me", NOW.minusSeconds(60));
    dbAt(NOW).reminders().claimDue(5);
    Instant snoozedAt = NOW.plusSeconds(5);
    Instant later = NOW.plus(Duration.ofMinutes(10));

    at(snoozedAt).reminders().snooze(user, task, later);

    assertThat(instant("remind_at", task)).isEqualTo(later);
    assertThat(instant("reminded_at", task)).isNull();
    assertThat(instant("updated_at", task)).isEqualTo(snoozedAt);
    assertThat(version(task)).isEqualTo(1);
    assertThat(dbAt(NOW).reminders().claimDue(5)).isEmpty();
    assertThat(ids(dbAt(later).reminders().claimDue(5))).containsExactly(task);
  }

  @Test
  void snoozeToTheSameTimeStillRearms() {
    UUID user = newUser();
    Instant remindAt = NOW.minusSeconds(60);
    UUID task = reminderTask(user, "again", remindAt);
    dbAt(NOW).reminders().claimDue(5);

    db.reminders().snooze(user, task, remindAt);

    assertThat(ids(dbAt(NOW).reminders().claimDue(5))).containsExactly(task);
  }

  @Test
  void snoozeOfAnotherUsersOrAMissingTaskIsNotFoundAndChangesNothing() {
    UUID alice = newUser();
    UUID bob = newUser();
    UUID task = reminderTask(alice, "alice's", NOW.minusSeconds(60));
    dbAt(NOW).reminders().claimDue(5);
    UUID missing = UUID.randomUUID();

    assertThatThrownBy(() -> db.reminders().snooze(bob, task, NOW.plusSeconds(60)))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.entity()).isEqualTo("task");
              assertThat(e.id()).isEqualTo(task.toString());
            });
    assertThatThrownBy(() -> db.reminders().snooze(alice, missing, NOW))
        .isInstanceOf(NotFoundException.class);

    assertThat(instant("remind_at", task)).isEqualTo(NOW.minusSeconds(60));
    assertThat(instant("reminded_at", task)).isEqualTo(NOW);
    assertThat(version(task)).isZero();
  }

  // ---- concurrency ---------------------------------------------------------------------------

  @Test
  void racingWorkersClaimEveryReminderExactlyOnce() throws Exception {
    Set<UUID> expected = new HashSet<>();
    for (int u = 0; u < 20; u++) {
      UUID user = newUser();
      for (int i = 0; i < 25; i++) {
        expected.add(reminderTask(user, "r" + i, NOW.minusSeconds(u * 25L + i)));
      }
    }
    int workers = 8;
    ConcurrentLinkedQueue<UUID> claimed = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Integer> batchSizes = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  int calls = 0;
                  while (true) {
                    List<Reminder> batch = dbAt(NOW).reminders().claimDue(7);
                    calls++;
                    batchSizes.add(batch.size());
                    if (batch.isEmpty()) {
                      return calls;
                    }
                    batch.forEach(r -> claimed.add(r.taskId()));
                  }
                }));
      }
      start.countDown();
      for (Future<Integer> future : futures) {
        assertThat(future.get(60, TimeUnit.SECONDS)).isPositive();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(claimed).hasSize(500).doesNotHaveDuplicates();
    assertThat(new HashSet<>(claimed)).isEqualTo(expected);
    assertThat(batchSizes).allSatisfy(size -> assertThat(size).isBetween(0, 7));
    assertThat(count("SELECT count(*) FROM tasks WHERE reminded_at IS NULL")).isZero();
    assertThat(count("SELECT count(*) FROM tasks WHERE version <> 0")).isZero();
  }
}
