package io.todokit.spring.boot.autoconfigure;

import io.todokit.dao.recurring.RecurringTaskDao;
import io.todokit.dao.reminders.ClaimRequest;
import io.todokit.schema.TodoSchema;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * todokit's settings under the prefix todokit, checked when the application starts: a bad value
 * fails startup with a message that names the property.
 *
 * <p>Immutable and thread-safe.
 *
 * @param schema The PostgreSQL schema that holds todokit's tables, types, functions and migration
 *     history; todokit by default. The application's own tables stay where they are.
 * @param migration What happens to todokit's schema at startup: migrate (the default) applies
 *     todokit's pending migrations, validate fails startup unless the schema is current or ahead
 *     and never changes it, none leaves it alone (the TodoDb bean still refuses a schema that is
 *     behind).
 * @param migrationOrder Whether todokit's migrations run before (the default) or after the
 *     application's own Flyway migrations, when both run at startup.
 * @param statementTimeout How long one todokit statement may run (SET LOCAL statement_timeout in
 *     every transaction); 30s by default, 0 leaves the server's setting.
 * @param lockTimeout How long a todokit statement may wait for a lock (SET LOCAL lock_timeout); 5s
 *     by default, 0 leaves the server's setting.
 * @param cursorKey The secret that seals paging cursors (at least 16 bytes in UTF-8, the same on
 *     every replica). Set it in production: without it cursors are tamper-evident but forgeable by
 *     whoever reads todokit's source.
 * @param worker The optional background workers: due reminders and recurring templates.
 * @param problemDetails The optional RFC 9457 mapping of todokit's exceptions in Spring MVC.
 */
@ConfigurationProperties("todokit")
public record TodoProperties(
    @DefaultValue("todokit") String schema,
    @DefaultValue("migrate") Migration migration,
    @DefaultValue("before-service") MigrationOrder migrationOrder,
    @DefaultValue("30s") Duration statementTimeout,
    @DefaultValue("5s") Duration lockTimeout,
    @Nullable String cursorKey,
    @DefaultValue Worker worker,
    @DefaultValue ProblemDetails problemDetails) {

  /** Checks every value; the message names the property. */
  public TodoProperties {
    if (schema.isBlank()) {
      throw new IllegalArgumentException("todokit.schema must not be blank");
    }
    try {
      TodoSchema.in(schema);
    } catch (IllegalArgumentException e) {
      // No cause on purpose: the message is all of it, and it is what Boot's failure report shows.
      throw new IllegalArgumentException("todokit.schema: " + e.getMessage());
    }
    requireTimeout("todokit.statement-timeout", statementTimeout);
    requireTimeout("todokit.lock-timeout", lockTimeout);
    if (cursorKey != null && cursorKey.getBytes(StandardCharsets.UTF_8).length < 16) {
      throw new IllegalArgumentException(
          "todokit.cursor-key must be at least 16 bytes long (was "
              + cursorKey.getBytes(StandardCharsets.UTF_8).length
              + ")");
    }
  }

  /** What todokit does to its schema when the application starts. */
  public enum Migration {
    /** Applies todokit's pending migrations; a schema that is ahead is left as it is. */
    MIGRATE,
    /** Fails startup unless the schema is current or ahead; never changes it. */
    VALIDATE,
    /** Does nothing: the deploy migrates (todo-cli migrate); the TodoDb bean still checks. */
    NONE
  }

  /** When todokit's migrations run relative to the application's own Flyway migrations. */
  public enum MigrationOrder {
    /** First todokit's, then the application's: its migrations may refer to todokit's tables. */
    BEFORE_SERVICE,
    /** First the application's, then todokit's. */
    AFTER_SERVICE
  }

  /**
   * The background workers.
   *
   * @param enabled Whether todokit's background workers run; off by default.
   * @param stopTimeout How long a shutdown waits for a running iteration before interrupting it.
   * @param reminders The worker that claims due reminders and hands them to the application's
   *     ReminderHandler bean; it only runs when there is one.
   * @param templates The worker that turns due recurring-template occurrences into tasks.
   */
  public record Worker(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("30s") Duration stopTimeout,
      @DefaultValue Reminders reminders,
      @DefaultValue Templates templates) {

    /** Checks the values. */
    public Worker {
      requirePositive("todokit.worker.stop-timeout", stopTimeout);
    }
  }

  /**
   * The reminders worker.
   *
   * @param enabled Whether the reminders worker runs when the workers do (it also needs a
   *     ReminderHandler bean).
   * @param interval The pause between two iterations of the reminders worker.
   * @param batchSize How many reminders one claim takes, 1 to 1000.
   * @param lease How long a claimed reminder stays this worker's before another may claim it again
   *     (renewed while a send runs), at most a day.
   * @param maxLateness A reminder claimed later than this after its time is marked missed, not
   *     sent.
   * @param maxAttempts Delivery attempts per reminder before it is dead-lettered, 1 to 100.
   * @param senders How many ReminderHandler calls run at once, 1 to 256.
   */
  public record Reminders(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("5s") Duration interval,
      @DefaultValue("100") int batchSize,
      @DefaultValue("30s") Duration lease,
      @DefaultValue("24h") Duration maxLateness,
      @DefaultValue("8") int maxAttempts,
      @DefaultValue("4") int senders) {

    /** Checks the values. */
    public Reminders {
      requirePositive("todokit.worker.reminders.interval", interval);
      requireBatch("todokit.worker.reminders.batch-size", batchSize, ClaimRequest.MAX_LIMIT);
      requirePositive("todokit.worker.reminders.lease", lease);
      requirePositive("todokit.worker.reminders.max-lateness", maxLateness);
      requireBatch("todokit.worker.reminders.max-attempts", maxAttempts, 100);
      requireBatch("todokit.worker.reminders.senders", senders, 256);
    }
  }

  /**
   * The recurring-templates worker.
   *
   * @param enabled Whether the recurring-templates worker runs when the workers do.
   * @param interval The pause between two iterations of the recurring-templates worker.
   * @param batchSize How many templates one call materializes, 1 to 1000.
   */
  public record Templates(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("30s") Duration interval,
      @DefaultValue("50") int batchSize) {

    /** Checks the values. */
    public Templates {
      requirePositive("todokit.worker.templates.interval", interval);
      requireBatch(
          "todokit.worker.templates.batch-size",
          batchSize,
          RecurringTaskDao.MAX_TEMPLATES_PER_CALL);
    }
  }

  /**
   * The problem-details mapping.
   *
   * @param enabled Whether todokit's exceptions become RFC 9457 problem details in a servlet web
   *     application; on by default.
   */
  public record ProblemDetails(@DefaultValue("true") boolean enabled) {}

  private static void requireTimeout(String property, Duration value) {
    if (value.isNegative()) {
      throw new IllegalArgumentException(property + " must not be negative (was " + value + ")");
    }
    if (value.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          property + " must be at most " + Integer.MAX_VALUE + " ms (was " + value + ")");
    }
  }

  private static void requirePositive(String property, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(property + " must be positive (was " + value + ")");
    }
  }

  private static void requireBatch(String property, int value, int max) {
    if (value < 1 || value > max) {
      throw new IllegalArgumentException(
          property + " must be 1 to " + max + " (was " + value + ")");
    }
  }
}
