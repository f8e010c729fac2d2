package io.todokit.spring.boot.autoconfigure.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The worker loop: failures do not kill it, and it stops cleanly. */
class TodoWorkerTest {

  @Test
  void aFailingIterationIsCountedAndTheNextOneRunsAnyway() throws InterruptedException {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch third = new CountDownLatch(3);
    TodoWorker worker =
        new TodoWorker(
            "test-worker",
            Duration.ofMillis(10),
            Duration.ofSeconds(5),
            stopping -> {
              third.countDown();
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("the database is down");
              }
              return 1;
            });

    worker.start();
    try {
      assertThat(third.await(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      worker.stop();
    }

    assertThat(worker.failures()).isEqualTo(1);
    assertThat(worker.iterations()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void stopLetsTheRunningIterationEndBetweenBatchesAndThenNoneStarts() throws InterruptedException {
    CountDownLatch running = new CountDownLatch(1);
    AtomicInteger batches = new AtomicInteger();
    TodoWorker worker =
        new TodoWorker(
            "test-worker",
            Duration.ofMillis(10),
            Duration.ofSeconds(5),
            stopping -> {
              running.countDown();
              while (!stopping.getAsBoolean()) {
                batches.incrementAndGet();
                Thread.sleep(5);
              }
              return batches.get();
            });

    worker.start();
    assertThat(worker.isRunning()).isTrue();
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    worker.stop();
    long iterationsAtStop = worker.iterations();
    Thread.sleep(50);

    assertThat(worker.isRunning()).isFalse();
    assertThat(iterationsAtStop).isEqualTo(1);
    assertThat(worker.iterations()).isEqualTo(1);
    assertThat(worker.failures()).isZero();
  }

  @Test
  void anIterationThatIgnoresStopIsInterruptedAfterTheStopTimeout() {
    CountDownLatch running = new CountDownLatch(1);
    TodoWorker worker =
        new TodoWorker(
            "test-worker",
            Duration.ofMillis(10),
            Duration.ofMillis(100),
            stopping -> {
              running.countDown();
              Thread.sleep(60_000); // an iteration stuck in a call that only an interrupt ends
              return 0;
            });

    worker.start();
    try {
      running.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    long started = System.nanoTime();
    worker.stop();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(worker.isRunning()).isFalse();
  }

  @Test
  void startAndStopAreIdempotent() {
    TodoWorker worker =
        new TodoWorker("test-worker", Duration.ofSeconds(1), Duration.ofSeconds(1), stopping -> 0);

    worker.stop();
    worker.start();
    worker.start();
    worker.stop();
    worker.stop();

    assertThat(worker.isRunning()).isFalse();
  }
}
