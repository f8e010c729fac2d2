package io.todokit.dao;

import io.todokit.dao.conversations.ConversationDao;
import io.todokit.dao.internal.CursorCodec;
import io.todokit.dao.internal.DaoContext;
import io.todokit.dao.internal.DaoContext.Timeouts;
import io.todokit.dao.internal.SqlErrors;
import io.todokit.dao.recurring.RecurringTaskDao;
import io.todokit.dao.reminders.ReminderDao;
import io.todokit.dao.tags.TagDao;
import io.todokit.dao.tasks.TaskDao;
import io.todokit.dao.users.UserDao;
import io.todokit.schema.SchemaException;
import io.todokit.schema.TodoSchema;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.conf.SettingsTools;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * todokit's entry point: the DAOs for tasks, tags, reminders, recurring templates, conversations
 * and users on one PostgreSQL database migrated with {@code TodoSchema}.
 *
 * <pre>{@code
 * TodoDb db = TodoDb.create(dataSource);
 * Task task = db.tasks().create(userId, NewTask.titled("Pay rent").withDueAt(dueAt));
 * List<Task> overdue = db.tasks().overdue(userId, Instant.now());
 * }</pre>
 *
 * <p>Every DAO call takes the acting user's id, runs as one transaction and sees only that user's
 * rows. {@link #transaction} runs several calls in one transaction. Instances are immutable and
 * thread-safe; create one per data source and share it.
 */
public final class TodoDb {

  private final DaoContext context;
  private final TaskDao tasks;
  private final TagDao tags;
  private final ReminderDao reminders;
  private final RecurringTaskDao recurring;
  private final ConversationDao conversations;
  private final UserDao users;

  private TodoDb(DaoContext context) {
    this.context = context;
    this.tasks = new TaskDao(context);
    this.tags = new TagDao(context);
    this.reminders = new ReminderDao(context);
    this.recurring = new RecurringTaskDao(context);
    this.conversations = new ConversationDao(context);
    this.users = new UserDao(context);
  }

  /**
   * A TodoDb on a data source (ideally a connection pool such as HikariCP), using the system clock.
   *
   * @param dataSource the database, migrated with {@code TodoSchema.migrate}
   * @return the TodoDb
   * @throws SchemaException when the database is not migrated to the version this release needs
   *     (the message says the version found, the version needed and how to migrate)
   * @throws UnavailableException when the database cannot be reached to check it
   */
  public static TodoDb create(DataSource dataSource) {
    return create(dataSource, Clock.systemUTC());
  }

  /**
   * A TodoDb on a data source whose "now" comes from {@code clock} (for tests, or to pin time in a
   * job).
   *
   * @param dataSource the database, migrated with {@code TodoSchema.migrate}
   * @param clock the clock
   * @return the TodoDb
   * @throws SchemaException when the database is not migrated to the version this release needs
   * @throws UnavailableException when the database cannot be reached to check it
   */
  public static TodoDb create(DataSource dataSource, Clock clock) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(clock, "clock");
    DSLContext dsl = DSL.using(dataSource, SQLDialect.POSTGRES, settings(Timeouts.DEFAULT));
    requireMigrated(dsl);
    return new TodoDb(DaoContext.of(dsl, clock, Timeouts.DEFAULT, CursorCodec.defaultKey(), true));
  }

  /**
   * A TodoDb on a jOOQ context you configured yourself (for example Spring Boot's), using the
   * system clock.
   *
   * @param dsl the jOOQ context; its dialect must be a PostgreSQL one
   * @return the TodoDb
   * @throws SchemaException when the database is not migrated to the version this release needs
   * @throws UnavailableException when the database cannot be reached to check it
   */
  public static TodoDb create(DSLContext dsl) {
    return create(dsl, Clock.systemUTC());
  }

  /**
   * A TodoDb whose "now" comes from {@code clock} (for tests, or to pin time in a job).
   *
   * @param dsl the jOOQ context; its dialect must be a PostgreSQL one
   * @param clock the clock
   * @return the TodoDb
   * @throws SchemaException when the database is not migrated to the version this release needs
   * @throws UnavailableException when the database cannot be reached to check it
   */
  public static TodoDb create(DSLContext dsl, Clock clock) {
    Objects.requireNonNull(dsl, "dsl");
    Objects.requireNonNull(clock, "clock");
    if (dsl.dialect().family() != SQLDialect.POSTGRES) {
      throw new IllegalArgumentException(
          "todokit needs a PostgreSQL DSLContext, not " + dsl.dialect());
    }
    DSLContext bounded = withQueryTimeout(dsl, Timeouts.DEFAULT);
    requireMigrated(bounded);
    return new TodoDb(
        DaoContext.of(bounded, clock, Timeouts.DEFAULT, CursorCodec.defaultKey(), false));
  }

  /**
   * The same database with another clock.
   *
   * @param clock the clock
   * @return a TodoDb sharing this one's connections
   */
  public TodoDb withClock(Clock clock) {
    return new TodoDb(context.withClock(Objects.requireNonNull(clock, "clock")));
  }

  /**
   * The same database with other timeouts for every transaction and statement: {@code
   * statement_timeout} and {@code lock_timeout} set with {@code SET LOCAL} at the start of each
   * transaction, and the statement timeout also as JDBC's query timeout (rounded up to seconds) for
   * reads outside a transaction. The defaults are 30 seconds for a statement and 5 seconds for a
   * lock wait; {@link Duration#ZERO} leaves the server's setting in force. A call that runs into
   * either throws {@link UnavailableException} with {@code retryable() == true}.
   *
   * @param statementTimeout how long one statement may run
   * @param lockTimeout how long a statement may wait for a row or table lock
   * @return a TodoDb sharing this one's connections
   * @throws IllegalArgumentException for a negative timeout or one over {@code Integer.MAX_VALUE}
   *     milliseconds
   */
  public TodoDb withTimeouts(Duration statementTimeout, Duration lockTimeout) {
    Timeouts timeouts = new Timeouts(statementTimeout, lockTimeout);
    DSLContext bounded = withQueryTimeout(context.dsl(), timeouts);
    return new TodoDb(context.withTimeouts(timeouts).withDsl(bounded));
  }

  /**
   * The same database sealing its paging cursors with a key of the service's own (an HMAC-SHA256
   * key of at least 16 bytes, the same on every replica), so that cursors cannot be forged. With
   * the default key cursors are tamper-evident and bound to the user and the list, but a forger who
   * reads todokit's source could make one; either way a cursor only ever positions a page within
   * the acting user's own rows.
   *
   * @param key the secret
   * @return a TodoDb sharing this one's connections
   * @throws IllegalArgumentException when the key is shorter than 16 bytes
   */
  public TodoDb withCursorKey(byte[] key) {
    Objects.requireNonNull(key, "key");
    return new TodoDb(context.withCursors(CursorCodec.withKey(key)));
  }

  /** Tasks: create, update, complete, and the overdue / due today / by tag queries. */
  public TaskDao tasks() {
    return tasks;
  }

  /** Per-user tags and the tags of tasks. */
  public TagDao tags() {
    return tags;
  }

  /** Reminders for the workers that send them: the window, and claiming each reminder once. */
  public ReminderDao reminders() {
    return reminders;
  }

  /** Recurring-task templates and their materialization into tasks. */
  public RecurringTaskDao recurring() {
    return recurring;
  }

  /** Chatbot conversations and their messages. */
  public ConversationDao conversations() {
    return conversations;
  }

  /** Users. */
  public UserDao users() {
    return users;
  }

  /**
   * Runs several DAO calls in one transaction: all of them are written, or none.
   *
   * <pre>{@code
   * Task task = db.transactionResult(tx -> {
   *   Tag tag = tx.tags().create(userId, NewTag.named("errands"));
   *   return tx.tasks().create(userId, NewTask.titled("Buy milk").withTagIds(List.of(tag.id())));
   * });
   * }</pre>
   *
   * @param work the calls, made on the TodoDb passed to it (not on this one)
   * @param <T> the result type
   * @return what {@code work} returned
   */
  public <T> T transactionResult(Function<TodoDb, T> work) {
    Objects.requireNonNull(work, "work");
    try {
      return context.transaction(tx -> work.apply(new TodoDb(tx)));
    } catch (DataAccessException e) {
      // jOOQ's commit or rollback failed, or a statement outside the DAOs' own error handling did
      throw SqlErrors.translate(e, null);
    }
  }

  /**
   * Runs several DAO calls in one transaction: all of them are written, or none.
   *
   * @param work the calls, made on the TodoDb passed to it (not on this one)
   */
  public void transaction(Consumer<TodoDb> work) {
    Objects.requireNonNull(work, "work");
    transactionResult(
        tx -> {
          work.accept(tx);
          return null;
        });
  }

  /**
   * One cheap look at the schema version: an unmigrated or partly migrated database fails here,
   * with the fix, instead of at the first call with "relation does not exist".
   */
  private static void requireMigrated(DSLContext dsl) {
    try {
      dsl.connection(TodoSchema::requireMigrated);
    } catch (SchemaException e) {
      if (e.getCause() == null) {
        throw e;
      }
      throw SqlErrors.translate(e, null);
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e, null);
    }
  }

  /**
   * The same context with JDBC's query timeout set, on a copy of its settings (never the caller's).
   */
  private static DSLContext withQueryTimeout(DSLContext dsl, Timeouts timeouts) {
    Settings settings =
        SettingsTools.clone(dsl.settings()).withQueryTimeout(timeouts.statementSeconds());
    return DSL.using(dsl.configuration().derive(settings));
  }

  private static Settings settings(Timeouts timeouts) {
    return new Settings()
        .withExecuteLogging(false)
        .withRenderSchema(false)
        .withQueryTimeout(timeouts.statementSeconds());
  }
}
