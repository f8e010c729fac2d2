package io.todokit.dao.reminders;

import io.todokit.dao.TodoDb;
import io.todokit.dao.TodoException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers reminders: claims due firings, hands each to a {@link ReminderSender} on a bounded pool
 * of sender threads, acknowledges the sent ones and nacks the others (retry with backoff), and
 * extends the leases of sends that are still running. At least once: a worker killed mid-batch
 * loses nothing (its leases expire and another claim takes the firings).
 *
 * <p>Run it by itself ({@link #start}: a polling thread, woken early by {@code LISTEN
 * todokit_reminders} when {@link Builder#listen} gives it a data source for one dedicated
 * connection; leave that off behind a transaction pooler, where LISTEN does not work), or call
 * {@link #runBatch} from a scheduler of your own. {@link #close} stops claiming, waits for the
 * sends in flight up to the stop timeout, and leaves anything unfinished to its lease.
 *
 * <p>Thread-safe; one instance per process is enough (raise {@link Builder#senders} instead).
 */
public final class ReminderWorker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReminderWorker.class);

  private final ReminderDao reminders;
  private final ReminderSender sender;
  private final ClaimRequest request;
  private final Duration pollInterval;
  private final Duration stopTimeout;
  private final @Nullable DataSource listen;
  private final ExecutorService senders;
  private final ScheduledExecutorService extender;
  private final Semaphore wake = new Semaphore(0);
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final List<Thread> threads = new ArrayList<>();

  private ReminderWorker(Builder builder) {
    this.reminders = builder.db.reminders().withPolicy(builder.policy);
    this.sender = builder.sender;
    this.request = builder.request;
    this.pollInterval = builder.pollInterval;
    this.stopTimeout = builder.stopTimeout;
    this.listen = builder.listen;
    this.senders =
        Executors.newFixedThreadPool(
            builder.senders, Thread.ofPlatform().name("todokit-reminder-sender-", 0).factory());
    this.extender =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("todokit-reminder-leases").daemon().factory());
  }

  /**
   * A builder for a worker on {@code db} (its clock is the worker's clock) that sends with {@code
   * sender}.
   *
   * @param db the database
   * @param sender the callback
   * @return the builder, with defaults: batches of 100, all users, the default policy, 4 sender
   *     threads, a 1 s poll interval, a 10 s stop timeout, no LISTEN
   */
  public static Builder builder(TodoDb db, ReminderSender sender) {
    return new Builder(db, sender);
  }

  /**
   * Claims one batch, sends it and settles every claim before returning.
   *
   * @return what the batch did
   * @throws TodoException when the claim fails (nothing was claimed) — sends that fail are nacked,
   *     never thrown
   */
  public BatchResult runBatch() {
    List<ReminderClaim> claims = reminders.claim(request);
    if (claims.isEmpty()) {
      return new BatchResult(0, 0, 0, 0, 0, false);
    }
    List<Future<@Nullable Exception>> sends = new ArrayList<>(claims.size());
    for (ReminderClaim claim : claims) {
      sends.add(
          senders.submit(
              () -> {
                try {
                  sender.send(claim);
                  return null;
                } catch (Exception e) {
                  return e;
                }
              }));
    }
    // Slow sends keep their leases: every third of the lease, extend those still running.
    long period = Math.max(1, reminders.policy().lease().toMillis() / 3);
    ScheduledFuture<?> renewal =
        extender.scheduleAtFixedRate(
            () -> {
              for (int i = 0; i < claims.size(); i++) {
                if (!sends.get(i).isDone()) {
                  try {
                    reminders.extend(claims.get(i).lease());
                  } catch (TodoException e) {
                    LOG.debug("todokit: lease extension failed, the lease may run out", e);
                  }
                }
              }
            },
            period,
            period,
            TimeUnit.MILLISECONDS);
    int delivered = 0;
    int retried = 0;
    int deadLettered = 0;
    int lost = 0;
    List<LeaseToken> sent = new ArrayList<>(claims.size());
    try {
      for (int i = 0; i < claims.size(); i++) {
        ReminderClaim claim = claims.get(i);
        Exception failure;
        try {
          failure = sends.get(i).get();
        } catch (InterruptedException e) {
          // Shutting down hard: the sent ones are acked below, the rest left to their leases.
          Thread.currentThread().interrupt();
          break;
        } catch (java.util.concurrent.ExecutionException e) {
          failure = new IllegalStateException(e.getCause());
        }
        if (failure == null) {
          sent.add(claim.lease());
          continue;
        }
        switch (reminders.nack(claim.lease(), describe(failure))) {
          case DONE -> retried++;
          case DEAD_LETTERED -> deadLettered++;
          case LEASE_LOST -> lost++;
        }
      }
    } finally {
      renewal.cancel(false);
    }
    // One statement acknowledges every sent firing of the batch.
    int acked = reminders.ackAll(sent).size();
    delivered = acked;
    lost += sent.size() - acked;
    return new BatchResult(
        claims.size(), delivered, retried, deadLettered, lost, claims.size() == request.limit());
  }

  /**
   * Starts the polling thread (and the listening one, if configured). The poll runs batches while
   * they come back full, logs one line per batch, then waits for the poll interval or a
   * notification.
   *
   * @return this worker
   */
  public synchronized ReminderWorker start() {
    if (!threads.isEmpty()) {
      throw new IllegalStateException("already started");
    }
    threads.add(Thread.ofPlatform().name("todokit-reminder-poll").start(this::poll));
    if (listen != null) {
      DataSource source = listen;
      threads.add(
          Thread.ofPlatform().name("todokit-reminder-listen").daemon().start(() -> listen(source)));
    }
    return this;
  }

  /** Wakes the polling thread now (as a notification does). */
  public void wakeUp() {
    wake.release();
  }

  private void poll() {
    while (!stopping.get()) {
      try {
        BatchResult result;
        do {
          result = runBatch();
          if (result.claimed() > 0) {
            LOG.info("todokit: reminders: {}", result.describe());
          }
        } while (result.full() && !stopping.get());
      } catch (TodoException e) {
        LOG.warn("todokit: reminder claim failed, trying again in {}", pollInterval, e);
      } catch (RuntimeException e) {
        LOG.error("todokit: reminder batch failed, trying again in {}", pollInterval, e);
      }
      try {
        if (wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void listen(DataSource source) {
    while (!stopping.get()) {
      try (Connection connection = source.getConnection();
          Statement statement = connection.createStatement()) {
        connection.setAutoCommit(true);
        statement.execute("LISTEN " + ReminderDao.CHANNEL);
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (!stopping.get()) {
          var notifications = pg.getNotifications(1000);
          if (notifications != null && notifications.length > 0) {
            wakeUp();
          }
        }
      } catch (SQLException e) {
        if (stopping.get()) {
          return;
        }
        LOG.warn("todokit: reminder LISTEN connection lost, polling only until it is back", e);
        try {
          Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  /**
   * Stops claiming, waits for the batch in flight up to the stop timeout, and stops the threads;
   * firings not settled by then are left to their leases.
   */
  @Override
  public void close() {
    stopping.set(true);
    wake.release();
    List<Thread> started;
    synchronized (this) {
      started = List.copyOf(threads);
    }
    long deadline = System.nanoTime() + stopTimeout.toNanos();
    for (Thread thread : started) {
      try {
        thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    senders.shutdownNow();
    extender.shutdownNow();
    for (Thread thread : started) {
      thread.interrupt();
    }
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    String text = e.getClass().getName() + (message == null ? "" : ": " + message);
    return text.isBlank() ? "send failed" : text;
  }

  /** Builds a {@link ReminderWorker}; not thread-safe. */
  public static final class Builder {
    private final TodoDb db;
    private final ReminderSender sender;
    private ClaimRequest request = ClaimRequest.of(100);
    private DeliveryPolicy policy = DeliveryPolicy.defaults();
    private int senders = 4;
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration stopTimeout = Duration.ofSeconds(10);
    private @Nullable DataSource listen;

    private Builder(TodoDb db, ReminderSender sender) {
      this.db = Objects.requireNonNull(db, "db");
      this.sender = Objects.requireNonNull(sender, "sender");
    }

    /** What one claim takes (batch size and bucket). */
    public Builder claims(ClaimRequest request) {
      this.request = Objects.requireNonNull(request, "request");
      return this;
    }

    /** The delivery policy: lease, lateness, attempts, backoff. */
    public Builder policy(DeliveryPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** How many sends run at once, 1 to 256. */
    public Builder senders(int senders) {
      if (senders < 1 || senders > 256) {
        throw new IllegalArgumentException("senders must be 1 to 256, was " + senders);
      }
      this.senders = senders;
      return this;
    }

    /** The pause between polls when nothing is due (the safety net under notifications). */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = positive("pollInterval", pollInterval);
      return this;
    }

    /** How long {@link ReminderWorker#close} waits for the batch in flight. */
    public Builder stopTimeout(Duration stopTimeout) {
      this.stopTimeout = positive("stopTimeout", stopTimeout);
      return this;
    }

    /**
     * LISTEN on a dedicated connection from this data source, to wake up as soon as a reminder
     * becomes due; null (the default) polls only. Not behind a transaction pooler.
     */
    public Builder listen(@Nullable DataSource dataSource) {
      this.listen = dataSource;
      return this;
    }

    /** The worker, not yet started. */
    public ReminderWorker build() {
      return new ReminderWorker(this);
    }

    private static Duration positive(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
      return value;
    }
  }
}
