package io.todokit.spring.boot.autoconfigure.worker;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * One of todokit's background workers: runs an iteration on its own thread, an interval after the
 * previous one ended, from the moment the application context starts until it stops.
 *
 * <p>An iteration that throws is logged and the next one runs as planned; nothing kills the loop
 * but {@link #stop()}. Stopping lets the running iteration end (the iteration itself checks {@link
 * #isStopping()} between batches), waits for it up to the stop timeout, then interrupts it. As a
 * {@link SmartLifecycle} in the default phase it starts after, and stops before, the beans it uses
 * (the data source among them). Thread-safe.
 */
public final class TodoWorker implements SmartLifecycle {

  /** One iteration; returns how many items it worked on. */
  @FunctionalInterface
  interface Iteration {
    int run(BooleanSupplier stopping) throws Exception;
  }

  private static final Logger log = LoggerFactory.getLogger(TodoWorker.class);

  private final String name;
  private final Duration interval;
  private final Duration stopTimeout;
  private final Iteration iteration;
  private final AtomicLong iterations = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final Object lock = new Object();
  private @Nullable ScheduledExecutorService executor;
  private volatile boolean stopping;

  TodoWorker(String name, Duration interval, Duration stopTimeout, Iteration iteration) {
    this.name = Objects.requireNonNull(name, "name");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.stopTimeout = Objects.requireNonNull(stopTimeout, "stopTimeout");
    this.iteration = Objects.requireNonNull(iteration, "iteration");
  }

  /** The worker's name, also its thread's. */
  public String name() {
    return name;
  }

  /** How many iterations have ended, failed ones included. */
  public long iterations() {
    return iterations.get();
  }

  /** How many iterations have failed. */
  public long failures() {
    return failures.get();
  }

  @Override
  public void start() {
    synchronized (lock) {
      if (executor != null) {
        return;
      }
      stopping = false;
      ScheduledExecutorService started =
          Executors.newSingleThreadScheduledExecutor(
              runnable -> {
                Thread thread = new Thread(runnable, name);
                thread.setDaemon(true);
                return thread;
              });
      started.scheduleWithFixedDelay(
          this::runSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
      executor = started;
    }
    log.info("todokit: worker {} started, every {}", name, interval);
  }

  @Override
  public void stop() {
    ScheduledExecutorService running;
    synchronized (lock) {
      running = executor;
      executor = null;
    }
    if (running == null) {
      return;
    }
    stopping = true;
    running.shutdown(); // no new iteration; the running one goes on
    try {
      if (!running.awaitTermination(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn(
            "todokit: worker {}: the running iteration did not end within {}; interrupting it",
            name,
            stopTimeout);
        running.shutdownNow();
      }
    } catch (InterruptedException e) {
      running.shutdownNow();
      Thread.currentThread().interrupt();
    }
    log.info("todokit: worker {} stopped after {} iterations", name, iterations.get());
  }

  @Override
  public boolean isRunning() {
    synchronized (lock) {
      return executor != null;
    }
  }

  /** True once {@link #stop()} was called: an iteration ends after its current batch. */
  boolean isStopping() {
    return stopping || Thread.currentThread().isInterrupted();
  }

  /** Runs one iteration on the calling thread, as the schedule does: for tests. */
  void runOnce() {
    runSafely();
  }

  private void runSafely() {
    try {
      int worked = iteration.run(this::isStopping);
      if (worked > 0) {
        log.debug("todokit: worker {}: {} done", name, worked);
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      failures.incrementAndGet();
      // An exception escaping a scheduled task would cancel every later run.
      log.error("todokit: worker {}: iteration failed; the next one runs in {}", name, interval, e);
    } finally {
      iterations.incrementAndGet();
    }
  }
}
