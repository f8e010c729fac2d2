package io.todokit.examples.worker;

import io.todokit.dao.recurring.RecurringTaskDao;
import io.todokit.dao.reminders.ClaimRequest;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * How a {@link SchedulerWorker} runs. Immutable and thread-safe.
 *
 * <table>
 *   <caption>Settings read by {@link #fromEnvironment()}; a system property beats the variable
 *   </caption>
 *   <tr><th>System property</th><th>Environment variable</th><th>Default</th></tr>
 *   <tr><td>{@code todo.worker.interval}</td><td>{@code TODO_WORKER_INTERVAL}</td>
 *       <td>{@code PT5S}</td></tr>
 *   <tr><td>{@code todo.worker.reminder-batch}</td><td>{@code TODO_WORKER_REMINDER_BATCH}</td>
 *       <td>100</td></tr>
 *   <tr><td>{@code todo.worker.template-batch}</td><td>{@code TODO_WORKER_TEMPLATE_BATCH}</td>
 *       <td>50</td></tr>
 *   <tr><td>{@code todo.worker.stop-timeout}</td><td>{@code TODO_WORKER_STOP_TIMEOUT}</td>
 *       <td>{@code PT30S}</td></tr>
 *   <tr><td>{@code todo.worker.lease}</td><td>{@code TODO_WORKER_LEASE}</td>
 *       <td>{@code PT30S}</td></tr>
 *   <tr><td>{@code todo.worker.max-lateness}</td><td>{@code TODO_WORKER_MAX_LATENESS}</td>
 *       <td>{@code PT24H}</td></tr>
 * </table>
 *
 * @param interval the pause between the end of one cycle and the start of the next
 * @param reminderBatch how many reminders one {@code claim} call takes, 1 to {@value
 *     ClaimRequest#MAX_LIMIT}
 * @param templateBatch how many templates one {@code materializeDue} call claims, 1 to {@value
 *     RecurringTaskDao#MAX_TEMPLATES_PER_CALL}
 * @param stopTimeout how long {@link SchedulerWorker#stop()} waits for the running cycle
 * @param lease how long a claimed reminder stays this worker's before another may take it (the
 *     worker extends it while a send runs)
 * @param maxLateness a reminder claimed later than this after its time is marked missed, not sent
 */
public record WorkerSettings(
    Duration interval,
    int reminderBatch,
    int templateBatch,
    Duration stopTimeout,
    Duration lease,
    Duration maxLateness) {

  /**
   * The defaults: every 5 seconds, 100 reminders and 50 templates a batch, 30 s to stop, a 30 s
   * lease, 24 h lateness.
   */
  public static final WorkerSettings DEFAULTS =
      new WorkerSettings(
          Duration.ofSeconds(5),
          100,
          50,
          Duration.ofSeconds(30),
          Duration.ofSeconds(30),
          Duration.ofHours(24));

  /** Settings with the default lease and lateness. */
  public WorkerSettings(
      Duration interval, int reminderBatch, int templateBatch, Duration stopTimeout) {
    this(
        interval,
        reminderBatch,
        templateBatch,
        stopTimeout,
        Duration.ofSeconds(30),
        Duration.ofHours(24));
  }

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException naming the bad value
   */
  public WorkerSettings {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(stopTimeout, "stopTimeout");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, was " + interval);
    }
    if (stopTimeout.isNegative()) {
      throw new IllegalArgumentException("stopTimeout must not be negative, was " + stopTimeout);
    }
    if (reminderBatch < 1 || reminderBatch > ClaimRequest.MAX_LIMIT) {
      throw new IllegalArgumentException(
          "reminderBatch must be 1 to " + ClaimRequest.MAX_LIMIT + ", was " + reminderBatch);
    }
    // Checked again (as a ValidationException) by DeliveryPolicy; here with the setting's name.
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(maxLateness, "maxLateness");
    if (lease.isNegative() || lease.isZero() || lease.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("lease must be positive and at most a day, was " + lease);
    }
    if (maxLateness.isNegative() || maxLateness.isZero()) {
      throw new IllegalArgumentException("maxLateness must be positive, was " + maxLateness);
    }
    if (templateBatch < 1 || templateBatch > RecurringTaskDao.MAX_TEMPLATES_PER_CALL) {
      throw new IllegalArgumentException(
          "templateBatch must be 1 to "
              + RecurringTaskDao.MAX_TEMPLATES_PER_CALL
              + ", was "
              + templateBatch);
    }
  }

  /**
   * The settings of this JVM's environment variables and system properties.
   *
   * @return the settings
   * @throws IllegalArgumentException naming a bad value
   */
  public static WorkerSettings fromEnvironment() {
    return of(System.getenv(), System.getProperties());
  }

  /**
   * The settings of the given environment variables and system properties.
   *
   * @param env environment variables, such as {@link System#getenv()}
   * @param properties system properties, such as {@link System#getProperties()}
   * @return the settings
   * @throws IllegalArgumentException naming a bad value
   */
  public static WorkerSettings of(Map<String, String> env, Properties properties) {
    return new WorkerSettings(
        duration(value(env, properties, "interval"), DEFAULTS.interval, "interval"),
        integer(value(env, properties, "reminder-batch"), DEFAULTS.reminderBatch, "reminder-batch"),
        integer(value(env, properties, "template-batch"), DEFAULTS.templateBatch, "template-batch"),
        duration(value(env, properties, "stop-timeout"), DEFAULTS.stopTimeout, "stop-timeout"),
        duration(value(env, properties, "lease"), DEFAULTS.lease, "lease"),
        duration(value(env, properties, "max-lateness"), DEFAULTS.maxLateness, "max-lateness"));
  }

  private static String value(Map<String, String> env, Properties properties, String name) {
    String property = properties.getProperty("todo.worker." + name);
    if (property != null && !property.isBlank()) {
      return property.strip();
    }
    String variable =
        env.get("TODO_WORKER_" + name.replace('-', '_').toUpperCase(java.util.Locale.ROOT));
    return variable == null ? "" : variable.strip();
  }

  private static Duration duration(String text, Duration fallback, String name) {
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "todo.worker." + name + " must be an ISO-8601 duration such as PT5S, was " + text, e);
    }
  }

  private static int integer(String text, int fallback, String name) {
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "todo.worker." + name + " must be a whole number, was " + text, e);
    }
  }
}
