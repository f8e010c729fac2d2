package io.todokit.dao.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.DaoTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Eight workers claiming and acknowledging at once: every firing is delivered exactly once. */
class ReminderConcurrencyTest extends DaoTestSupport {

  private static final Instant NOW = Instant.parse("2025-06-10T12:00:00Z");
  private static final int FIRINGS = 10_000;
  private static final int WORKERS = 8;

  @Test
  void eightWorkersDeliverTenThousandFiringsExactlyOnce() throws Exception {
    sql(
        "INSERT INTO users (id, username, email, password_hash)"
            + " SELECT gen_random_uuid(), 'conc' || i, 'conc' || i || '@example.org', 'x'"
            + " FROM generate_series(1, 50) i");
    sql(
        "INSERT INTO tasks (user_id, id, title)"
            + " SELECT u.id, gen_random_uuid(), 'task ' || i FROM generate_series(1, 1000) i"
            + " JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM users"
            + "   WHERE username LIKE 'conc%') u ON u.n = i % 50");
    // Ten reminders per task, all due within the last hour.
    sql(
        "INSERT INTO reminders (user_id, task_id, at)"
            + " SELECT t.user_id, t.id, ?::timestamptz - (i * interval '1 second')"
            + " FROM tasks t, generate_series(1, 10) i WHERE t.title LIKE 'task %'",
        NOW);
    assertThat(rows("reminders")).isEqualTo(FIRINGS);

    ReminderDao dao = dbAt(NOW).reminders();
    Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
    long started = System.nanoTime();
    try {
      List<Future<Integer>> workers = new ArrayList<>();
      for (int w = 0; w < WORKERS; w++) {
        workers.add(
            pool.submit(
                () -> {
                  int lost = 0;
                  int emptyInARow = 0;
                  // SKIP LOCKED may hand out nothing while others hold the rest: stop after a few
                  // empty claims in a row.
                  while (emptyInARow < 3) {
                    List<ReminderClaim> claims = dao.claim(ClaimRequest.of(50));
                    if (claims.isEmpty()) {
                      emptyInARow++;
                      Thread.sleep(20);
                      continue;
                    }
                    emptyInARow = 0;
                    for (ReminderClaim claim : claims) {
                      deliveries
                          .computeIfAbsent(claim.deliveryKey(), k -> new AtomicInteger())
                          .incrementAndGet();
                      if (dao.ack(claim.lease()) != LeaseOutcome.DONE) {
                        lost++;
                      }
                    }
                  }
                  return lost;
                }));
      }
      for (Future<Integer> worker : workers) {
        assertThat(worker.get()).as("acks that lost their lease").isZero();
      }
    } finally {
      pool.shutdownNow();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    System.out.println(
        "claim + ack of " + FIRINGS + " firings by " + WORKERS + " workers took " + took);

    assertThat(deliveries).hasSize(FIRINGS);
    assertThat(deliveries.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    assertThat(count("SELECT count(*) FROM reminders WHERE state = 'delivered'"))
        .isEqualTo(FIRINGS);
  }
}
