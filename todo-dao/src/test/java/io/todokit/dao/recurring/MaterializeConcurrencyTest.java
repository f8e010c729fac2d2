package io.todokit.dao.recurring;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.DaoTestSupport;
import io.todokit.dao.RecurrenceJson;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Racing workers: a class of its own, because materializeDue works across all users. */
class MaterializeConcurrencyTest extends DaoTestSupport {

  private static final Instant NOW = Instant.parse("2026-06-20T12:00:00Z");
  private static final List<String> ZONES =
      List.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney");

  @Test
  void racingWorkersCreateEveryOccurrenceExactlyOnce() throws Exception {
    Map<UUID, Long> expected = new HashMap<>();
    for (int u = 0; u < 20; u++) {
      UUID user = newUser();
      for (int t = 0; t < 10; t++) {
        String zone = ZONES.get((u + t) % ZONES.size());
        boolean weekly = t % 3 == 0;
        LocalDateTime start =
            LocalDateTime.of(
                LocalDate.parse("2026-05-20").plusDays(t + u % 4), LocalTime.of(7 + t, 30));
        RecurringTask template =
            db.recurring()
                .create(
                    user,
                    NewRecurringTask.of(
                            "t" + u + "-" + t,
                            RecurrenceJson.parse(
                                weekly
                                    ? "{\"frequency\": \"weekly\"}"
                                    : "{\"frequency\": \"daily\"}"),
                            start)
                        .withTimeZone(ZoneId.of(zone))
                        .withMissedPolicy(MissedPolicy.ALL));
        expected.put(template.id(), expectedOccurrences(start, ZoneId.of(zone), weekly ? 7 : 1));
      }
    }
    assertThat(expected).hasSize(200);
    long expectedTotal = expected.values().stream().mapToLong(Long::longValue).sum();
    assertThat(expected.values()).allSatisfy(n -> assertThat(n).isGreaterThan(1));

    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Long>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  long created = 0;
                  MaterializeResult result;
                  do {
                    result = dbAt(NOW).recurring().materializeDue(7);
                    created += result.created().size();
                  } while (result.claimedTemplates() > 0);
                  return created;
                }));
      }
      start.countDown();
      long reported = 0;
      for (Future<Long> future : futures) {
        reported += future.get();
      }
      assertThat(reported).isEqualTo(expectedTotal);
    } finally {
      pool.shutdownNow();
    }

    assertThat(dbAt(NOW).recurring().materializeDue(1000).claimedTemplates()).isZero();
    assertThat(
            count(
                "SELECT count(*) FROM (SELECT template_id, occurrence_at FROM tasks"
                    + " GROUP BY template_id, occurrence_at HAVING count(*) > 1) duplicates"))
        .isZero();
    assertThat(rows("tasks")).isEqualTo(expectedTotal);
    for (Map.Entry<UUID, Long> template : expected.entrySet()) {
      assertThat(count("SELECT count(*) FROM tasks WHERE template_id = ?", template.getKey()))
          .as("tasks of template %s", template.getKey())
          .isEqualTo(template.getValue());
    }
    assertThat(count("SELECT count(*) FROM recurring_tasks WHERE next_due_at <= ?", NOW)).isZero();
  }

  /** Counted with plain java.time: dates start, start + step, … whose wall time is ≤ NOW. */
  private static long expectedOccurrences(LocalDateTime start, ZoneId zone, int stepDays) {
    long n = 0;
    for (LocalDate date = start.toLocalDate(); ; date = date.plusDays(stepDays)) {
      if (ZonedDateTime.of(date, start.toLocalTime(), zone).toInstant().isAfter(NOW)) {
        return n;
      }
      n++;
    }
  }
}
