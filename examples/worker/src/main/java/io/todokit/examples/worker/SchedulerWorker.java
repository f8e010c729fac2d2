package io.todokit.examples.worker;

import io.todokit.dao.TodoDb;
import io.todokit.dao.recurring.MaterializeResult;
import io.todokit.dao.reminders.BatchResult;
import io.todokit.dao.reminders.ClaimRequest;
import io.todokit.dao.reminders.DeliveryPolicy;
import io.todokit.dao.reminders.ReminderSender;
import io.todokit.dao.reminders.ReminderWorker;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due reminders and turns due recurring-template occurrences into tasks, on a schedule.
 *
 * <p>Each cycle delivers due reminders with todokit's {@link ReminderWorker} ({@code runBatch}:
 * claim with a lease, send, ack or nack, extend the leases of slow sends), then calls {@code
 * db.withClock(clock).recurring().materializeDue(batch)}; each repeats while a batch came back
 * full, so a backlog is worked off in one cycle. One line per batch is logged (at INFO when it did
 * something, DEBUG when it found nothing). Cycles run one at a time on a single thread, {@link
 * WorkerSettings#interval()} apart; a failing cycle (the database is down, say) is logged and the
 * next one runs as planned.
 *
 * <p>Run as many replicas as you like against one database: {@code claim} and {@code
 * materializeDue} pick their rows with {@code FOR UPDATE SKIP LOCKED}, and a unique key on
 * (template, occurrence) refuses a second task for one occurrence, so every occurrence is made
 * once.
 *
 * <p>Delivery is at least once: a reminder whose send fails is retried with backoff; one whose
 * worker is killed mid-send comes back when its lease expires, with the same delivery key. On
 * {@link #stop()} the batch in flight is finished (sent firings acked); anything unfinished is left
 * to its lease.
 *
 * <p>Thread-safe: {@link #stop()} may be called from any thread, for example a shutdown hook.
 */
public final class SchedulerWorker {

  private static final Logger LOG = LoggerFactory.getLogger(SchedulerWorker.class);

  private final TodoDb db;
  private final ReminderWorker reminders;
  private final WorkerSettings settings;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final AtomicLong cycles = new AtomicLong();
  private volatile boolean stopping;

  private SchedulerWorker(
      TodoDb db, ReminderSender sender, WorkerSettings settings, Clock clock, String name) {
    this.db = db;
    this.reminders =
        ReminderWorker.builder(db.withClock(clock), sender)
            .claims(ClaimRequest.of(settings.reminderBatch()))
            .policy(
                DeliveryPolicy.defaults()
                    .withLease(settings.lease())
                    .withMaxLateness(settings.maxLateness()))
            .build();
    this.settings = settings;
    this.clock = clock;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, name);
              thread.setDaemon(false); // keeps the JVM alive until stop()
              return thread;
            });
  }

  /**
   * Starts a worker whose first cycle runs at once, on the system clock.
   *
   * @param db the database; its pool should allow at least one connection for the worker
   * @param sender delivers the claimed reminders
   * @param settings interval, batch sizes and stop timeout
   * @return the running worker
   */
  public static SchedulerWorker start(TodoDb db, ReminderSender sender, WorkerSettings settings) {
    return start(db, sender, settings, Clock.systemUTC(), "todokit-worker");
  }

  /**
   * Starts a worker whose first cycle runs at once.
   *
   * @param db the database
   * @param sender delivers the claimed reminders
   * @param settings interval, batch sizes and stop timeout
   * @param clock what "now" is for each batch
   * @param threadName the name of the worker's thread, as it appears in logs
   * @return the running worker
   */
  public static SchedulerWorker start(
      TodoDb db, ReminderSender sender, WorkerSettings settings, Clock clock, String threadName) {
    SchedulerWorker worker =
        new SchedulerWorker(
            Objects.requireNonNull(db, "db"),
            Objects.requireNonNull(sender, "sender"),
            Objects.requireNonNull(settings, "settings"),
            Objects.requireNonNull(clock, "clock"),
            Objects.requireNonNull(threadName, "threadName"));
    worker.scheduler.scheduleWithFixedDelay(
        worker::cycleSafely, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
    LOG.info(
        "worker started: every {}, batches of {} reminders and {} templates",
        settings.interval(),
        settings.reminderBatch(),
        settings.templateBatch());
    return worker;
  }

  /** A worker that runs cycles only when {@link #runCycle()} is called: for tests. */
  static SchedulerWorker unscheduled(
      TodoDb db, ReminderSender sender, WorkerSettings settings, Clock clock) {
    SchedulerWorker worker = new SchedulerWorker(db, sender, settings, clock, "unscheduled");
    worker.scheduler.shutdown();
    return worker;
  }

  /**
   * Stops the worker: no cycle starts any more, and the running one, if any, ends after its current
   * batch (claimed reminders are all handed to the sender; unclaimed ones stay for the next
   * worker). Waits for it up to {@link WorkerSettings#stopTimeout()}, then interrupts it.
   * Idempotent.
   *
   * @return true when the worker has stopped, false when the timeout passed (it was interrupted)
   */
  public boolean stop() {
    if (!stopping) {
      stopping = true;
      LOG.info("worker stopping after {} cycles", cycles.get());
    }
    scheduler.shutdown(); // cancels the next scheduled cycle; the running one continues
    try {
      if (scheduler.awaitTermination(settings.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        reminders.close();
        return true;
      }
      LOG.warn("the running cycle did not end within {}: interrupting it", settings.stopTimeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    scheduler.shutdownNow();
    reminders.close();
    return false;
  }

  /** How many cycles have ended so far, failed ones included. */
  public long cycles() {
    return cycles.get();
  }

  private void cycleSafely() {
    try {
      runCycle();
    } catch (RuntimeException e) {
      // An exception escaping a scheduled task would cancel all later cycles.
      LOG.error("cycle failed; the next one runs in {}", settings.interval(), e);
    } finally {
      cycles.incrementAndGet();
    }
  }

  /**
   * Runs one cycle now, on the calling thread: reminders, then templates, each batch after batch
   * while a batch comes back full and the worker is not stopping.
   *
   * @return what the cycle did
   */
  CycleResult runCycle() {
    int claimed = 0;
    int failed = 0;
    boolean more = true;
    while (more && carryOn()) {
      BatchResult batch = reminders.runBatch();
      claimed += batch.claimed();
      failed += batch.retried() + batch.deadLettered();
      log(batch.claimed(), "reminders: {}", batch.describe());
      more = batch.full();
    }

    int templates = 0;
    int created = 0;
    more = true;
    while (more && carryOn()) {
      MaterializeResult result =
          db.withClock(clock).recurring().materializeDue(settings.templateBatch());
      templates += result.claimedTemplates();
      created += result.created().size();
      log(
          result.claimedTemplates(),
          "templates: claimed {}, created {} tasks, {} ended, {} backlogged",
          result.claimedTemplates(),
          result.created().size(),
          result.deactivatedTemplateIds().size(),
          result.backloggedTemplateIds().size());
      more = result.moreMayBeDue();
    }
    return new CycleResult(claimed, failed, templates, created);
  }

  private boolean carryOn() {
    return !stopping && !Thread.currentThread().isInterrupted();
  }

  private static void log(int count, String format, Object... arguments) {
    if (count > 0) {
      LOG.info(format, arguments);
    } else {
      LOG.debug(format, arguments);
    }
  }
}
