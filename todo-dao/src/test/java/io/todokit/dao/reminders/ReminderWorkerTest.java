package io.todokit.dao.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.DaoTestSupport;
import io.todokit.dao.tasks.NewTask;
import io.todokit.dao.tasks.Task;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The library's worker on the real clock: batches, a failing sender, and the LISTEN wake-up. */
class ReminderWorkerTest extends DaoTestSupport {

  @BeforeEach
  void noTasks() {
    sql("DELETE FROM tasks");
  }

  @Test
  void runBatchAcksTheSentAndNacksTheFailedOnes() {
    UUID alice = newUser();
    Instant now = Instant.now();
    Task task = db.tasks().create(alice, NewTask.titled("Batch").withDueAt(now.plusSeconds(3600)));
    Reminder ok = db.reminders().add(alice, task.id(), ReminderSpec.at(now.minusSeconds(2)));
    Reminder boom = db.reminders().add(alice, task.id(), ReminderSpec.at(now.minusSeconds(1)));
    ReminderSender sender =
        claim -> {
          if (claim.reminderId().equals(boom.id())) {
            throw new IOException("provider down");
          }
        };

    try (ReminderWorker worker = ReminderWorker.builder(db, sender).build()) {
      BatchResult result = worker.runBatch();

      assertThat(result).isEqualTo(new BatchResult(2, 1, 1, 0, 0, false));
    }
    assertThat(db.reminders().get(alice, ok.id()).state()).isEqualTo(ReminderState.DELIVERED);
    Reminder failed = db.reminders().get(alice, boom.id());
    assertThat(failed.state()).isEqualTo(ReminderState.PENDING);
    assertThat(failed.lastError()).isEqualTo("java.io.IOException: provider down");
  }

  @Test
  void aNotificationWakesAListeningWorkerLongBeforeItsPollInterval() throws Exception {
    UUID alice = newUser();
    Task task =
        db.tasks().create(alice, NewTask.titled("Now").withDueAt(Instant.now().plusSeconds(60)));
    Queue<String> sent = new ConcurrentLinkedQueue<>();
    try (ReminderWorker worker =
        ReminderWorker.builder(db, claim -> sent.add(claim.title()))
            .pollInterval(Duration.ofMinutes(10))
            .listen(dataSource)
            .build()
            .start()) {
      // The first poll finds nothing; give the listener time to LISTEN.
      Thread.sleep(1500);
      long added = System.nanoTime();
      db.reminders().add(alice, task.id(), ReminderSpec.at(Instant.now()));

      awaitTrue(() -> !sent.isEmpty());
      assertThat(Duration.ofNanos(System.nanoTime() - added)).isLessThan(Duration.ofSeconds(5));
    }
    assertThat(sent).containsExactly("Now");
    assertThat(db.reminders().list(alice, task.id()))
        .extracting(Reminder::state)
        .isEqualTo(List.of(ReminderState.DELIVERED));
  }

  @Test
  void closeStopsClaiming() throws Exception {
    UUID alice = newUser();
    Task task =
        db.tasks().create(alice, NewTask.titled("Later").withDueAt(Instant.now().plusSeconds(60)));
    Queue<String> sent = new ConcurrentLinkedQueue<>();
    ReminderWorker worker =
        ReminderWorker.builder(db, claim -> sent.add(claim.title()))
            .pollInterval(Duration.ofMillis(50))
            .build()
            .start();
    worker.close();

    db.reminders().add(alice, task.id(), ReminderSpec.at(Instant.now().minusSeconds(1)));
    Thread.sleep(300);

    assertThat(sent).isEmpty();
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out waiting").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
