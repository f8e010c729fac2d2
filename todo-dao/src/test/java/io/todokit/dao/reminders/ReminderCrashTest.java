package io.todokit.dao.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.DaoTestSupport;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Worker processes killed with SIGKILL mid-batch, again and again, and restarted: no firing is
 * lost, every duplicate delivery carries a key already delivered, and there are no more duplicates
 * than firings were in flight at the kills (at most one batch per killed process).
 */
class ReminderCrashTest extends DaoTestSupport {

  private static final int FIRINGS = 3_000;
  private static final int PROCESSES = 3;
  private static final int BATCH = 20;
  private static final int KILLS = 8;

  @Test
  void killedWorkersLoseNoFiringAndDuplicatesAreBoundedByWhatWasInFlight() throws Exception {
    sql("CREATE TABLE crash_deliveries (delivery_key text NOT NULL, attempt int NOT NULL)");
    sql(
        "INSERT INTO users (id, username, email, password_hash)"
            + " SELECT gen_random_uuid(), 'crash' || i, 'crash' || i || '@example.org', 'x'"
            + " FROM generate_series(1, 20) i");
    sql(
        "INSERT INTO tasks (user_id, id, title)"
            + " SELECT u.id, gen_random_uuid(), 'crash task ' || i FROM generate_series(1, 300) i"
            + " JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM users"
            + "   WHERE username LIKE 'crash%') u ON u.n = i % 20");
    sql(
        "INSERT INTO reminders (user_id, task_id, at)"
            + " SELECT t.user_id, t.id, now() - (i * interval '1 second')"
            + " FROM tasks t, generate_series(1, 10) i WHERE t.title LIKE 'crash task %'");
    assertThat(count("SELECT count(*) FROM reminders WHERE state = 'pending'")).isEqualTo(FIRINGS);

    List<Process> workers = new ArrayList<>();
    for (int i = 0; i < PROCESSES; i++) {
      workers.add(startWorker());
    }
    Random random = new Random(12);
    int kills = 0;
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    try {
      while (kills < KILLS && Instant.now().isBefore(deadline)) {
        Thread.sleep(600 + random.nextInt(400));
        int victim = random.nextInt(PROCESSES);
        workers.get(victim).destroyForcibly().waitFor();
        kills++;
        workers.set(victim, startWorker());
      }
      while (count("SELECT count(*) FROM reminders WHERE state <> 'delivered'") > 0
          && Instant.now().isBefore(deadline)) {
        Thread.sleep(200);
      }
    } finally {
      for (Process worker : workers) {
        worker.destroyForcibly().waitFor();
      }
    }

    long delivered = count("SELECT count(*) FROM reminders WHERE state = 'delivered'");
    long keys = count("SELECT count(DISTINCT delivery_key) FROM crash_deliveries");
    long sends = count("SELECT count(*) FROM crash_deliveries");
    long duplicates = sends - keys;
    System.out.printf(
        "crash test: %d firings, %d kills, %d sends, %d duplicates%n",
        FIRINGS, kills, sends, duplicates);
    assertThat(kills).isEqualTo(KILLS);
    assertThat(delivered).as("lost firings").isEqualTo(FIRINGS);
    assertThat(keys).isEqualTo(FIRINGS);
    // Every duplicate is a later attempt of a firing already sent, with the same key (keys ==
    // firings above): each send of one key is a different attempt.
    assertThat(
            count(
                "SELECT count(*) FROM (SELECT count(*) AS sends, count(DISTINCT attempt) AS attempts"
                    + " FROM crash_deliveries GROUP BY delivery_key) k WHERE sends <> attempts"))
        .isZero();
    assertThat(duplicates).isLessThanOrEqualTo((long) KILLS * BATCH);
  }

  private static Process startWorker() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            java.toString(),
            "-Xmx128m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            CrashWorkerMain.class.getName(),
            database.jdbcUrl(),
            database.username(),
            database.password(),
            Integer.toString(BATCH))
        .redirectErrorStream(true)
        .redirectOutput(new File(System.getProperty("java.io.tmpdir"), "todokit-crash-worker.log"))
        .start();
  }
}
