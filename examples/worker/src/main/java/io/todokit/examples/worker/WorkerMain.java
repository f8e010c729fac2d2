package io.todokit.examples.worker;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.todokit.dao.TodoDb;
import io.todokit.dao.recurring.NewRecurringTask;
import io.todokit.dao.tasks.NewTask;
import io.todokit.dao.users.NewUser;
import io.todokit.dao.users.User;
import io.todokit.recurrence.RecurrenceSpec;
import io.todokit.schema.SchemaInfo;
import io.todokit.schema.TodoSchema;
import io.todokit.testing.PostgresProvisioner;
import io.todokit.testing.PostgresServer;
import io.todokit.testing.ProvisioningSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link SchedulerWorker} until the JVM is told to stop (SIGTERM, Ctrl-C).
 *
 * <p>With {@code TODO_PG_URL} set, it works on that database, which must already be migrated
 * (deploys migrate with {@code todo-cli migrate}; a worker does not). Without it, it starts a
 * PostgreSQL as the quick start does, in a throwaway database with a few demo reminders and a
 * template, so that there is something to see. On SIGTERM a shutdown hook stops scheduling, waits
 * for the running cycle (up to {@code todo.worker.stop-timeout}) and closes the pool.
 */
public final class WorkerMain {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);

  private WorkerMain() {}

  /**
   * Starts the worker and returns; the worker's thread keeps the JVM running until it is stopped.
   *
   * @param args none; see {@link WorkerSettings} and the README for the settings
   */
  public static void main(String[] args) {
    WorkerSettings settings = WorkerSettings.fromEnvironment();
    ProvisioningSettings postgres = ProvisioningSettings.fromEnvironment();
    boolean demo = postgres.url() == null;
    PostgresServer server = PostgresProvisioner.start(postgres);
    String database =
        demo
            ? "todokit_worker_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt())
            : server.adminDatabase();
    HikariDataSource pool = null;
    try {
      if (demo) {
        server.createDatabase(database, null);
      }
      pool = pool(server, database);
      TodoDb db = TodoDb.create(pool);
      if (demo) {
        TodoSchema.standard().migrate(pool);
        seedDemo(db, Instant.now());
      } else {
        requireMigrated(pool);
      }
      SchedulerWorker worker = SchedulerWorker.start(db, new LoggingReminderSender(), settings);
      HikariDataSource workerPool = pool;
      Runnable shutdown = () -> shutDown(worker, workerPool, server);
      Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "todokit-worker-shutdown"));
    } catch (RuntimeException e) {
      if (pool != null) {
        pool.close();
      }
      if (demo) {
        server.dropDatabase(database);
      }
      server.close();
      throw e;
    }
    if (demo) {
      LOG.info("demo database {}: reminders fall due over the next 20 seconds", database);
    }
  }

  /**
   * SIGTERM: no new cycle, the running one ends, then the pool closes. A demo server is throwaway:
   * its own shutdown hook (registered by {@code PostgresProvisioner.start}) removes it with its
   * data, possibly while this hook runs, so the demo database is not dropped here.
   */
  private static void shutDown(
      SchedulerWorker worker, HikariDataSource pool, PostgresServer server) {
    boolean clean = worker.stop();
    pool.close();
    server.close(); // a no-op for a TODO_PG_URL server
    LOG.info("worker stopped {}", clean ? "cleanly" : "after interrupting its last cycle");
  }

  private static void requireMigrated(HikariDataSource pool) {
    SchemaInfo info = TodoSchema.standard().info(pool);
    if (!info.upToDate()) {
      throw new IllegalStateException(
          "the database is at schema version "
              + info.currentVersion()
              + " with "
              + info.pending().size()
              + " migrations pending: run todo-cli migrate first");
    }
  }

  /** A user with reminders due now and over the next 20 seconds, and a daily template. */
  private static void seedDemo(TodoDb db, Instant now) {
    User user =
        db.users()
            .create(
                NewUser.of("demo", "demo@example.org", "{noop}demo")
                    .withTimeZone(ZoneId.of("Europe/Berlin")));
    Map<String, Integer> remindInSeconds =
        Map.of("Stretch", 0, "Drink water", 0, "Check the oven", 5, "Call mom", 10, "Leave", 20);
    remindInSeconds.forEach(
        (title, seconds) ->
            db.tasks()
                .create(
                    user.id(),
                    NewTask.titled(title)
                        .withDueAt(now.plus(Duration.ofHours(1)))
                        .withReminders(
                            io.todokit.dao.reminders.ReminderSpec.at(now.plusSeconds(seconds)))));
    RecurrenceSpec daily = RecurrenceSpec.of("daily", 1, null, null, null, null, null);
    db.recurring()
        .create(
            user.id(), NewRecurringTask.of("Daily review", daily, now.minus(Duration.ofDays(3))));
  }

  private static HikariDataSource pool(PostgresServer server, String database) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.jdbcUrl(database));
    config.setUsername(server.username());
    config.setPassword(server.password());
    config.setMaximumPoolSize(2); // one worker thread, plus one spare
    config.setPoolName("todokit-worker");
    return new HikariDataSource(config);
  }
}
