package io.todokit.examples.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.todokit.dao.TodoDb;
import io.todokit.dao.recurring.MissedPolicy;
import io.todokit.dao.recurring.NewRecurringTask;
import io.todokit.dao.reminders.ReminderSender;
import io.todokit.dao.reminders.ReminderSpec;
import io.todokit.dao.reminders.ReminderState;
import io.todokit.dao.tasks.NewTask;
import io.todokit.dao.tasks.Task;
import io.todokit.recurrence.RecurrenceSpec;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The worker on a real PostgreSQL: replicas, a clean stop, and a sender that fails. */
class SchedulerWorkerTest {

  /** Friday 27 March 2026, 10:00 UTC: every worker in these tests sees this "now". */
  private static final Instant NOW = Instant.parse("2026-03-27T10:00:00Z");

  private static final Duration INTERVAL = Duration.ofMillis(20);

  private final WorkerDatabase database = new WorkerDatabase();
  private final List<SchedulerWorker> workers = new ArrayList<>();

  @AfterEach
  void stopWorkersAndDropDatabase() {
    workers.forEach(SchedulerWorker::stop);
    database.close();
  }

  private SchedulerWorker start(TodoDb db, ReminderSender sender, int reminderBatch, String name) {
    WorkerSettings settings =
        new WorkerSettings(INTERVAL, reminderBatch, 3, Duration.ofSeconds(10));
    SchedulerWorker worker =
        SchedulerWorker.start(db, sender, settings, Clock.fixed(NOW, ZoneOffset.UTC), name);
    workers.add(worker);
    return worker;
  }

  @Test
  void twoReplicasDeliverEveryReminderOnceAndCreateEveryOccurrenceOnce() throws Exception {
    TodoDb setup = database.replica(NOW);
    Set<UUID> reminderTasks = new HashSet<>();
    long expectedOccurrences = 0;
    for (int u = 0; u < 10; u++) {
      UUID user = database.user(setup, "user" + u);
      for (int r = 0; r < 30; r++) {
        Instant remindAt = NOW.minus(Duration.ofMinutes(1 + r));
        Task task =
            setup
                .tasks()
                .create(
                    user,
                    NewTask.titled("Reminder " + u + "." + r)
                        .withReminders(ReminderSpec.at(remindAt)));
        reminderTasks.add(task.id());
      }
      for (int t = 0; t < 5; t++) {
        // Daily at 09:00 UTC since 1 to 10 days ago: 2 to 11 passed occurrences each.
        int daysAgo = 1 + (u * 5 + t) % 10;
        Instant start = NOW.minus(Duration.ofDays(daysAgo)).minus(Duration.ofHours(1));
        RecurrenceSpec daily = RecurrenceSpec.of("daily", 1, null, null, null, null, null);
        setup
            .recurring()
            .create(
                user,
                NewRecurringTask.of("Template " + u + "." + t, daily, start)
                    .withTimeZone(ZoneId.of("UTC"))
                    .withMissedPolicy(MissedPolicy.ALL));
        expectedOccurrences += daysAgo + 1;
      }
    }
    Queue<UUID> sentByA = new ConcurrentLinkedQueue<>();
    Queue<UUID> sentByB = new ConcurrentLinkedQueue<>();

    start(database.replica(NOW), slowly(sentByA), 7, "worker-a");
    start(database.replica(NOW), slowly(sentByB), 7, "worker-b");
    long expected = expectedOccurrences;
    awaitTrue(
        () ->
            sentByA.size() + sentByB.size() >= 300
                && database.count(
                        "SELECT count(*) FROM todokit.tasks WHERE template_id IS NOT NULL")
                    >= expected);
    workers.forEach(SchedulerWorker::stop);

    List<UUID> sent = new ArrayList<>(sentByA);
    sent.addAll(sentByB);
    assertThat(sent).hasSize(300).doesNotHaveDuplicates();
    assertThat(new HashSet<>(sent)).isEqualTo(reminderTasks);
    assertThat(sentByA).as("both replicas took part").isNotEmpty();
    assertThat(sentByB).as("both replicas took part").isNotEmpty();
    assertThat(database.count("SELECT count(*) FROM todokit.tasks WHERE template_id IS NOT NULL"))
        .isEqualTo(expectedOccurrences);
    assertThat(
            database.count(
                "SELECT count(DISTINCT (template_id, occurrence_at)) FROM todokit.tasks"
                    + " WHERE template_id IS NOT NULL"))
        .isEqualTo(expectedOccurrences);
    assertThat(
            database.count(
                "SELECT count(*) FROM todokit.recurring_tasks WHERE next_due_at <= '" + NOW + "'"))
        .as("every template advanced past NOW")
        .isZero();
  }

  @Test
  void stopWaitsForTheRunningBatchThenNoCycleRunsAndItIsIdempotent() throws Exception {
    TodoDb db = database.replica(NOW);
    UUID user = database.user(db, "stopper");
    for (int i = 0; i < 5; i++) {
      db.tasks()
          .create(
              user,
              NewTask.titled("Reminder " + i)
                  .withReminders(ReminderSpec.at(NOW.minusSeconds(60 - i))));
    }
    CountDownLatch sending = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Queue<String> sent = new ConcurrentLinkedQueue<>();
    SchedulerWorker worker =
        start(
            db,
            reminder -> {
              sending.countDown();
              release.await();
              sent.add(reminder.title());
            },
            2,
            "worker-stop");
    assertThat(sending.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(worker::stop);
    Thread.sleep(200);
    assertThat(stopped).as("stop() waits for the running cycle").isNotDone();
    release.countDown();

    assertThat(stopped.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(sent)
        .as("the claimed batch is sent in full")
        .containsExactlyInAnyOrder("Reminder 0", "Reminder 1");
    long cycles = worker.cycles();
    assertThat(cycles).isEqualTo(1);
    Thread.sleep(INTERVAL.toMillis() * 5);
    assertThat(worker.cycles()).as("no cycle after stop()").isEqualTo(cycles);
    assertThat(db.reminders().due(NOW.minusSeconds(3600), NOW.plusSeconds(1)))
        .as("unclaimed reminders stay armed for the next worker")
        .hasSize(3);
    long start = System.nanoTime();
    assertThat(worker.stop()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis()).isCloseTo(0L, within(500L));
  }

  @Test
  void aFailedSendIsNackedForALaterRetryAndTheWorkerCarriesOn() throws Exception {
    TodoDb db = database.replica(NOW);
    UUID user = database.user(db, "failing");
    for (String title : List.of("first", "boom", "last")) {
      db.tasks()
          .create(user, NewTask.titled(title).withReminders(ReminderSpec.at(NOW.minusSeconds(60))));
    }
    Queue<String> attempts = new ConcurrentLinkedQueue<>();
    ReminderSender flaky =
        reminder -> {
          attempts.add(reminder.title());
          if (reminder.title().equals("boom")) {
            throw new IOException("SMTP server said no");
          }
        };

    SchedulerWorker worker = start(db, flaky, 100, "worker-flaky");
    awaitTrue(() -> attempts.size() >= 3 && worker.cycles() >= 3);
    db.tasks()
        .create(user, NewTask.titled("later").withReminders(ReminderSpec.at(NOW.minusSeconds(1))));
    awaitTrue(() -> attempts.contains("later"));
    worker.stop();

    assertThat(attempts)
        .as("the failed reminder waits for its backoff (the clock stands still here)")
        .containsExactlyInAnyOrder("first", "boom", "last", "later");
    var boom =
        db
            .tasks()
            .query(user, io.todokit.dao.tasks.TaskQuery.open(), io.todokit.dao.PageRequest.first())
            .items()
            .stream()
            .filter(t -> t.title().equals("boom"))
            .findFirst()
            .orElseThrow();
    assertThat(db.reminders().list(user, boom.id()))
        .singleElement()
        .satisfies(r -> assertThat(r.state()).isEqualTo(ReminderState.PENDING))
        .satisfies(r -> assertThat(r.attempts()).isEqualTo(1))
        .satisfies(r -> assertThat(r.lastError()).contains("SMTP server said no"));
  }

  @Test
  void aCycleWorksOffFullBatchesAndCountsWhatItDid() {
    TodoDb db = database.replica(NOW);
    UUID user = database.user(db, "counter");
    for (String title : List.of("a", "boom", "c")) {
      db.tasks()
          .create(user, NewTask.titled(title).withReminders(ReminderSpec.at(NOW.minusSeconds(60))));
    }
    RecurrenceSpec daily = RecurrenceSpec.of("daily", 1, null, null, null, null, null);
    db.recurring()
        .create(
            user,
            NewRecurringTask.of("Daily", daily, NOW.minus(Duration.ofDays(2)))
                .withTimeZone(ZoneId.of("UTC"))
                .withMissedPolicy(MissedPolicy.ALL));
    ReminderSender failsOnBoom =
        reminder -> {
          if (reminder.title().equals("boom")) {
            throw new IllegalStateException("no");
          }
        };
    WorkerSettings settings = new WorkerSettings(INTERVAL, 2, 1, Duration.ofSeconds(1));
    SchedulerWorker worker =
        SchedulerWorker.unscheduled(db, failsOnBoom, settings, Clock.fixed(NOW, ZoneOffset.UTC));

    // Two reminder batches (2 + 1), and the template's three passed days in one call.
    assertThat(worker.runCycle()).isEqualTo(new CycleResult(3, 1, 1, 3));
    assertThat(worker.runCycle()).isEqualTo(new CycleResult(0, 0, 0, 0));
  }

  private static ReminderSender slowly(Queue<UUID> sent) {
    return reminder -> {
      Thread.sleep(2); // a real sender takes time; this lets the replicas interleave
      sent.add(reminder.taskId());
    };
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out waiting").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
