package io.todokit.dao.internal;

import io.todokit.dao.NotFoundException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * What every DAO needs: the {@link DSLContext} (bound to a transaction inside {@code
 * TodoDb.transaction}), the clock, the timeouts, and the cursor codec. Every DAO statement runs
 * through {@link #read} or {@link #write}, which bound it in time, keep an open transaction usable
 * after a failure and translate every error. Immutable and thread-safe.
 */
public final class DaoContext {

  private final DSLContext dsl;
  private final String schemaName;
  private final Clock clock;
  private final Timeouts timeouts;
  private final CursorCodec cursors;
  private final TransactionGuard guard;
  private final boolean ownsTransactions;
  private final boolean inTransaction;
  private final Sharding sharding;

  /** Inside a transaction without savepoints: whether one of its calls failed; else null. */
  private final @Nullable Poison poison;

  private DaoContext(
      DSLContext dsl,
      String schemaName,
      Clock clock,
      Timeouts timeouts,
      CursorCodec cursors,
      TransactionGuard guard,
      boolean ownsTransactions,
      boolean inTransaction,
      @Nullable Poison poison,
      Sharding sharding) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.schemaName = Objects.requireNonNull(schemaName, "schemaName");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    this.cursors = Objects.requireNonNull(cursors, "cursors");
    this.guard = guard;
    this.ownsTransactions = ownsTransactions;
    this.inTransaction = inTransaction;
    this.poison = poison;
    this.sharding = Objects.requireNonNull(sharding, "sharding");
  }

  /**
   * A context outside any transaction.
   *
   * @param dsl the jOOQ context to run statements with, rendering todokit's tables in {@code
   *     schemaName}
   * @param schemaName the PostgreSQL schema of todokit's tables and functions
   * @param clock the clock that says what "now" is
   * @param timeouts the statement and lock timeouts of every transaction
   * @param cursors the codec of paging cursors
   * @param ownsTransactions true when todokit made {@code dsl} on a plain data source, so that a
   *     write may run its own JDBC transaction directly; false for a framework's context (its
   *     transaction provider decides)
   * @return the context
   */
  public static DaoContext of(
      DSLContext dsl,
      String schemaName,
      Clock clock,
      Timeouts timeouts,
      CursorCodec cursors,
      boolean ownsTransactions) {
    return new DaoContext(
        dsl,
        schemaName,
        clock,
        timeouts,
        cursors,
        new TransactionGuard(),
        ownsTransactions,
        false,
        null,
        Sharding.detect());
  }

  /** The same context with another clock. */
  public DaoContext withClock(Clock other) {
    return new DaoContext(
        dsl,
        schemaName,
        other,
        timeouts,
        cursors,
        guard,
        ownsTransactions,
        inTransaction,
        poison,
        sharding);
  }

  /** The same context with other timeouts. */
  public DaoContext withTimeouts(Timeouts other) {
    return new DaoContext(
        dsl,
        schemaName,
        clock,
        other,
        cursors,
        guard,
        ownsTransactions,
        inTransaction,
        poison,
        sharding);
  }

  /** The same context running its statements on another jOOQ context (same transaction state). */
  public DaoContext withDsl(DSLContext other) {
    return new DaoContext(
        other,
        schemaName,
        clock,
        timeouts,
        cursors,
        guard,
        ownsTransactions,
        inTransaction,
        poison,
        sharding);
  }

  /** The same context with another cursor codec. */
  public DaoContext withCursors(CursorCodec other) {
    return new DaoContext(
        dsl,
        schemaName,
        clock,
        timeouts,
        other,
        guard,
        ownsTransactions,
        inTransaction,
        poison,
        sharding);
  }

  /** The same context, told whether the database is distributed on {@code user_id}. */
  public DaoContext withDistributed(boolean distributed) {
    return new DaoContext(
        dsl,
        schemaName,
        clock,
        timeouts,
        cursors,
        guard,
        ownsTransactions,
        inTransaction,
        poison,
        Sharding.declared(distributed));
  }

  /**
   * Whether the database is distributed on {@code user_id} (Citus), so that no statement may lock
   * rows of more than one user: as declared with {@code TodoDb.withDistributed}, else detected once
   * (whether the {@code citus} extension is installed) with the first call that asks.
   *
   * @param on the context to run the detection on, inside the caller's transaction
   */
  public boolean distributed(DSLContext on) {
    return sharding.distributed(on);
  }

  /** The jOOQ context. */
  public DSLContext dsl() {
    return dsl;
  }

  /**
   * The name of one of todokit's SQL functions in its schema, for plain-SQL templates (jOOQ's
   * schema mapping covers the generated tables, not names written by hand).
   */
  public Name function(String name) {
    return DSL.name(schemaName, name);
  }

  /** The timeouts. */
  public Timeouts timeouts() {
    return timeouts;
  }

  /** The codec of paging cursors. */
  public CursorCodec cursors() {
    return cursors;
  }

  /** The clock's instant, truncated to PostgreSQL's microsecond precision. */
  public Instant now() {
    return Check.instant("now", clock.instant()).truncatedTo(ChronoUnit.MICROS);
  }

  /** A new time-ordered id. */
  public UUID newId() {
    return Ids.uuidV7(clock.instant());
  }

  /**
   * Runs {@code work} as one transaction whose DAO calls are made on the context passed to it: the
   * body of {@code TodoDb.transaction}. Its statements are bounded by the timeouts, and calls on
   * this (outer) context fail on this thread while it runs.
   *
   * @param work the calls
   * @param <T> the result type
   * @return what {@code work} returned
   */
  public <T> T transaction(Function<DaoContext, T> work) {
    return transaction(true, work);
  }

  /**
   * Runs {@code work} as one transaction, as {@link #transaction(Function)}, with or without a
   * savepoint per call. Without savepoints a call that fails marks the transaction as failed: every
   * later call in it throws {@link IllegalStateException}, and so does the end of the transaction,
   * which rolls it back, even when {@code work} caught the failure and returned.
   *
   * @param savepoints true for a savepoint per call (a caught failure leaves the transaction
   *     usable)
   * @param work the calls
   * @param <T> the result type
   * @return what {@code work} returned
   * @throws IllegalStateException without savepoints, when a call inside failed and {@code work}
   *     returned all the same (the transaction is rolled back)
   */
  public <T> T transaction(boolean savepoints, Function<DaoContext, T> work) {
    guard.requireNoOpenTransaction();
    guard.enter();
    try {
      return dsl.transactionResult(
          configuration -> {
            DSLContext tx = configuration.dsl();
            applyTimeouts(tx);
            Poison failed = savepoints ? null : new Poison();
            T result =
                work.apply(
                    new DaoContext(
                        tx,
                        schemaName,
                        clock,
                        timeouts,
                        cursors,
                        guard,
                        false,
                        true,
                        failed,
                        sharding));
            if (failed != null && failed.cause != null) {
              throw failed.rollback();
            }
            return result;
          });
    } finally {
      guard.exit();
    }
  }

  /**
   * Runs a read: one statement or several that need no transaction of their own. Inside a
   * transaction it runs under a savepoint, so that a failed read leaves the transaction usable
   * (without savepoints, a read the database failed marks the transaction as failed).
   *
   * @param work the statements
   * @param id the id the work is about, for error messages; may be null
   * @param <T> the result type
   * @return the result
   */
  public <T extends @Nullable Object> T read(Function<DSLContext, T> work, @Nullable Object id) {
    if (!inTransaction) {
      guard.requireNoOpenTransaction();
    }
    if (poison != null) {
      poison.check();
      try {
        return work.apply(dsl);
      } catch (RuntimeException e) {
        RuntimeException translated = SqlErrors.translate(e, id);
        if (fromDatabase(e)) {
          // PostgreSQL aborted the transaction; a read that failed in Java wrote nothing
          poison.fail(translated);
        }
        throw translated;
      }
    }
    try {
      if (inTransaction) {
        return dsl.transactionResult(configuration -> work.apply(configuration.dsl()));
      }
      return work.apply(dsl);
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e, id);
    }
  }

  /**
   * Deletes one row of the acting user, in one statement (atomic without a transaction of its own).
   *
   * @param table the table
   * @param userField its {@code user_id} column
   * @param idField its {@code id} column
   * @param userId the acting user
   * @param id the row's id
   * @param entity what the row is, for the not-found error, e.g. {@code task}
   * @throws NotFoundException when the user has no such row
   */
  public void deleteOwned(
      Table<?> table,
      Field<UUID> userField,
      Field<UUID> idField,
      UUID userId,
      UUID id,
      String entity) {
    int deleted =
        write(
            dsl -> dsl.deleteFrom(table).where(userField.eq(userId), idField.eq(id)).execute(), id);
    if (deleted == 0) {
      throw new NotFoundException(entity, id);
    }
  }

  /**
   * Runs a write in one transaction (a savepoint when a transaction is already open), so that
   * nothing is written when it fails; its statements are bounded by the timeouts. In a transaction
   * without savepoints it runs as it is, and a failure marks the transaction as failed.
   *
   * @param work the statements; they must use the DSLContext passed to them
   * @param id the id the work is about, for error messages; may be null
   * @param <T> the result type
   * @return the result
   */
  public <T extends @Nullable Object> T write(Function<DSLContext, T> work, @Nullable Object id) {
    if (!inTransaction) {
      guard.requireNoOpenTransaction();
    }
    if (poison != null) {
      poison.check();
      try {
        return work.apply(dsl);
      } catch (RuntimeException e) {
        // a statement may have been written before the failure: the transaction must not commit
        RuntimeException translated = SqlErrors.translate(e, id);
        poison.fail(translated);
        throw translated;
      }
    }
    try {
      if (ownsTransactions) {
        return ownTransaction(work);
      }
      if (inTransaction) {
        return dsl.transactionResult(configuration -> work.apply(configuration.dsl()));
      }
      return dsl.transactionResult(
          configuration -> {
            applyTimeouts(configuration.dsl());
            return work.apply(configuration.dsl());
          });
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e, id);
    }
  }

  /**
   * One JDBC transaction on one pooled connection. jOOQ's default transaction provider also sets a
   * savepoint in a top-level transaction and releases it before the commit: two round trips that a
   * single DAO call does not need. When the work fails, its error is the one thrown; a failing
   * rollback or reset (the pool may already have closed a broken connection) is kept as suppressed.
   */
  private <T> T ownTransaction(Function<DSLContext, T> work) {
    return dsl.connectionResult(
        connection -> {
          boolean autoCommit = connection.getAutoCommit();
          if (autoCommit) {
            connection.setAutoCommit(false);
          }
          Throwable failure = null;
          try {
            DSLContext tx = DSL.using(connection, dsl.dialect(), dsl.settings());
            applyTimeouts(tx);
            T result = work.apply(tx);
            connection.commit();
            return result;
          } catch (RuntimeException | Error | SQLException e) {
            failure = e;
            try {
              connection.rollback();
            } catch (SQLException | RuntimeException cleanup) {
              e.addSuppressed(cleanup);
            }
            throw e;
          } finally {
            if (autoCommit) {
              try {
                connection.setAutoCommit(true);
              } catch (SQLException | RuntimeException cleanup) {
                if (failure == null) {
                  throw cleanup;
                }
                failure.addSuppressed(cleanup);
              }
            }
          }
        });
  }

  /**
   * Bounds the open transaction: {@code SET LOCAL statement_timeout, lock_timeout} in one round
   * trip. Plain SQL: set_config is how a bind value can set a setting (SET takes no parameters).
   */
  private void applyTimeouts(DSLContext tx) {
    if (timeouts.isNone()) {
      return;
    }
    tx.execute(
        "select set_config('statement_timeout', ?, true), set_config('lock_timeout', ?, true)",
        Long.toString(timeouts.statement().toMillis()),
        Long.toString(timeouts.lock().toMillis()));
  }

  /** True when the error came from a statement (PostgreSQL aborts the transaction then). */
  private static boolean fromDatabase(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof DataAccessException || t instanceof SQLException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /**
   * The failure state of one transaction without savepoints, used by its thread only: the first
   * call that failed. Not thread-safe (a transaction belongs to one thread).
   */
  private static final class Poison {

    private @Nullable RuntimeException cause;

    void fail(RuntimeException failure) {
      if (cause == null) {
        cause = failure;
      }
    }

    void check() {
      if (cause != null) {
        throw rollback();
      }
    }

    IllegalStateException rollback() {
      return new IllegalStateException(
          "an earlier call in this transaction failed and the transaction runs without savepoints"
              + " (TransactionOptions.withoutSavepoints()): it can only roll back; the failure was: "
              + cause,
          cause);
    }
  }

  /**
   * The statement and lock timeouts of every todokit transaction; {@link Duration#ZERO} leaves the
   * server's setting in force.
   *
   * @param statement how long one statement may run ({@code statement_timeout})
   * @param lock how long a statement may wait for a lock ({@code lock_timeout})
   */
  public record Timeouts(Duration statement, Duration lock) {

    /** The defaults: statements 30 s, locks 5 s. */
    public static final Timeouts DEFAULT =
        new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(5));

    /** Checks both: zero or positive, at most {@code Integer.MAX_VALUE} milliseconds. */
    public Timeouts {
      check("statementTimeout", statement);
      check("lockTimeout", lock);
    }

    boolean isNone() {
      return statement.isZero() && lock.isZero();
    }

    /** The statement timeout in whole seconds, rounded up, for JDBC's client-side query timeout. */
    public int statementSeconds() {
      long millis = statement.toMillis();
      return (int) ((millis + 999) / 1000);
    }

    private static void check(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            name + " must be zero (no limit) or up to " + Integer.MAX_VALUE + " ms, was " + value);
      }
    }
  }
}
