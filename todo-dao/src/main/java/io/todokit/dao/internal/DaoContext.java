package io.todokit.dao.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.todokit.dao.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * What every DAO needs: the {@link DSLContext} (bound to a transaction inside {@code
 * TodoDb.transaction}), the clock, and JSON mapping. Immutable and thread-safe.
 */
public final class DaoContext {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DSLContext dsl;
  private final Clock clock;
  private final boolean ownsTransactions;

  /**
   * Creates a context.
   *
   * @param dsl the jOOQ context to run statements with
   * @param clock the clock that says what "now" is
   */
  public DaoContext(DSLContext dsl, Clock clock) {
    this(dsl, clock, false);
  }

  /**
   * Creates a context.
   *
   * @param dsl the jOOQ context to run statements with
   * @param clock the clock that says what "now" is
   * @param ownsTransactions true when todokit made {@code dsl} on a plain data source, so that a
   *     write outside {@code TodoDb.transaction} may run its own JDBC transaction directly; false
   *     for a framework's context (its transaction provider decides) and inside a transaction
   */
  public DaoContext(DSLContext dsl, Clock clock, boolean ownsTransactions) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ownsTransactions = ownsTransactions;
  }

  /** The same context with another clock. */
  public DaoContext withClock(Clock other) {
    return new DaoContext(dsl, other, ownsTransactions);
  }

  /** The same clock with statements bound to another jOOQ context (a transaction's). */
  public DaoContext withDsl(DSLContext other) {
    return new DaoContext(other, clock, false);
  }

  /** The jOOQ context. */
  public DSLContext dsl() {
    return dsl;
  }

  /** The clock. */
  public Clock clock() {
    return clock;
  }

  /** The clock's instant, truncated to PostgreSQL's microsecond precision. */
  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** A new time-ordered id. */
  public UUID newId() {
    return Ids.uuidV7(clock.instant());
  }

  /** The shared JSON mapper (thread-safe once configured). */
  public ObjectMapper json() {
    return JSON;
  }

  /**
   * Runs a read: one statement or several that need no transaction of their own.
   *
   * @param work the statements
   * @param id the id the work is about, for error messages; may be null
   * @param <T> the result type
   * @return the result
   */
  public <T> T read(Function<DSLContext, T> work, @Nullable Object id) {
    try {
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
        read(
            dsl -> dsl.deleteFrom(table).where(userField.eq(userId), idField.eq(id)).execute(), id);
    if (deleted == 0) {
      throw new NotFoundException(entity, id);
    }
  }

  /**
   * Runs a write in one transaction (a savepoint when a transaction is already open), so that
   * nothing is written when it fails.
   *
   * @param work the statements; they must use the DSLContext passed to them
   * @param id the id the work is about, for error messages; may be null
   * @param <T> the result type
   * @return the result
   */
  public <T> T write(Function<DSLContext, T> work, @Nullable Object id) {
    try {
      if (ownsTransactions) {
        return ownTransaction(work);
      }
      return dsl.transactionResult(configuration -> work.apply(configuration.dsl()));
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e, id);
    }
  }

  /**
   * One JDBC transaction on one pooled connection. jOOQ's default transaction provider also sets a
   * savepoint in a top-level transaction and releases it before the commit: two round trips that a
   * single DAO call does not need (nested calls inside {@code TodoDb.transaction} still get
   * savepoints from it).
   */
  private <T> T ownTransaction(Function<DSLContext, T> work) {
    return dsl.connectionResult(
        connection -> {
          boolean autoCommit = connection.getAutoCommit();
          if (autoCommit) {
            connection.setAutoCommit(false);
          }
          try {
            T result = work.apply(DSL.using(connection, dsl.dialect(), dsl.settings()));
            connection.commit();
            return result;
          } catch (RuntimeException | Error e) {
            connection.rollback();
            throw e;
          } finally {
            if (autoCommit) {
              connection.setAutoCommit(true);
            }
          }
        });
  }
}
