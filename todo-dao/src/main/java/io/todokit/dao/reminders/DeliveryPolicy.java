package io.todokit.dao.reminders;

import io.todokit.dao.ValidationException;
import java.time.Duration;
import java.util.Objects;

/**
 * How reminders are delivered: the lease a claim takes, how late a firing may still be sent, how
 * many attempts it gets, and the backoff between them. The one place for these settings: {@code
 * TodoDb.reminders().withPolicy(policy)}. Immutable and thread-safe; validated when built.
 *
 * <p>After failed attempt {@code n} (counted from 1) the next one is due {@code min(maxBackoff,
 * initialBackoff × 2^(n-1))} later, shortened by a random fraction of up to {@code jitter} (so that
 * firings that failed together do not come back together). After attempt {@code maxAttempts} fails
 * (or its lease expires) the firing is failed, the dead letter.
 *
 * @param lease how long a claim holds a firing before another claim may take it: longer than a send
 *     takes (or extend it), short enough that a crashed worker's firings come back soon
 * @param maxLateness a firing claimed more than this after its fire instant is marked missed
 *     instead of being sent (a reminder a day late is noise)
 * @param maxAttempts attempts per firing, 1 to 100
 * @param initialBackoff the wait after the first failed attempt
 * @param maxBackoff the longest wait between attempts
 * @param jitter the largest fraction taken off a wait at random, 0 to 1
 */
public record DeliveryPolicy(
    Duration lease,
    Duration maxLateness,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    double jitter) {

  /** The longest lease or backoff: one day. */
  public static final Duration MAX_DURATION = Duration.ofDays(1);

  private static final DeliveryPolicy DEFAULTS =
      new DeliveryPolicy(
          Duration.ofSeconds(30),
          Duration.ofHours(24),
          8,
          Duration.ofSeconds(10),
          Duration.ofMinutes(30),
          0.2);

  /** Checks every setting. */
  public DeliveryPolicy {
    positive("lease", lease, MAX_DURATION);
    positive("max_lateness", maxLateness, Duration.ofDays(3660));
    if (maxAttempts < 1 || maxAttempts > 100) {
      throw new ValidationException("max_attempts", "must be 1 to 100 (was " + maxAttempts + ")");
    }
    positive("initial_backoff", initialBackoff, MAX_DURATION);
    positive("max_backoff", maxBackoff, MAX_DURATION);
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new ValidationException(
          "max_backoff", "must not be shorter than initial_backoff (" + initialBackoff + ")");
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new ValidationException("jitter", "must be 0 to 1 (was " + jitter + ")");
    }
  }

  /**
   * The defaults: a 30 s lease, 24 h lateness, 8 attempts, backoff from 10 s doubling up to 30 min,
   * 20 % jitter.
   */
  public static DeliveryPolicy defaults() {
    return DEFAULTS;
  }

  /** This policy with another lease. */
  public DeliveryPolicy withLease(Duration lease) {
    return new DeliveryPolicy(lease, maxLateness, maxAttempts, initialBackoff, maxBackoff, jitter);
  }

  /** This policy with another lateness limit. */
  public DeliveryPolicy withMaxLateness(Duration maxLateness) {
    return new DeliveryPolicy(lease, maxLateness, maxAttempts, initialBackoff, maxBackoff, jitter);
  }

  /** This policy with another number of attempts. */
  public DeliveryPolicy withMaxAttempts(int maxAttempts) {
    return new DeliveryPolicy(lease, maxLateness, maxAttempts, initialBackoff, maxBackoff, jitter);
  }

  /** This policy with another backoff. */
  public DeliveryPolicy withBackoff(Duration initialBackoff, Duration maxBackoff, double jitter) {
    return new DeliveryPolicy(lease, maxLateness, maxAttempts, initialBackoff, maxBackoff, jitter);
  }

  /**
   * The wait after failed attempt {@code attempt} before jitter.
   *
   * @param attempt the attempt that failed, from 1
   * @return the wait
   */
  public Duration backoff(int attempt) {
    int doublings = Math.min(Math.max(attempt - 1, 0), 40);
    Duration wait = initialBackoff.multipliedBy(1L << Math.min(doublings, 20));
    return doublings > 20 || wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }

  private static void positive(String field, Duration value, Duration max) {
    Objects.requireNonNull(value, field);
    if (value.isNegative() || value.isZero() || value.compareTo(max) > 0) {
      throw new ValidationException(
          field, "must be positive and at most " + max + ", was " + value);
    }
  }
}
