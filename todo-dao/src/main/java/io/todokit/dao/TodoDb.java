package io.todokit.dao;

import io.todokit.dao.conversations.ConversationDao;
import io.todokit.dao.internal.CursorCodec;
import io.todokit.dao.internal.DaoAccess;
import io.todokit.dao.internal.DaoContext;
import io.todokit.dao.internal.DaoContext.Timeouts;
import io.todokit.dao.internal.SqlErrors;
import io.todokit.dao.portability.Portability;
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
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.conf.SettingsTools;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

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
  private final TodoSchema schema;
  private final TaskDao tasks;
  private final TagDao tags;
  private final ReminderDao reminders;
  private final RecurringTaskDao recurring;
  private final ConversationDao conversations;
  private final UserDao users;
  private final Portability portability;

  private TodoDb(DaoContext context, TodoSchema schema) {
    this.context = context;
    this.schema = schema;
    this.tasks = DaoAccess.create(TaskDao.class, context);
    this.tags = DaoAccess.create(TagDao.class, context);
    this.reminders = DaoAccess.create(ReminderDao.class, context);
    this.recurring = DaoAccess.create(RecurringTaskDao.class, context);
    this.conversations = DaoAccess.create(ConversationDao.class, context);
    this.users = DaoAccess.create(UserDao.class, context);
    this.portability = DaoAccess.create(Portability.class, context);
  }

  /**
   * A TodoDb on a data source (ideally a connection pool such as HikariCP), with todokit's tables
   * in the schema {@value TodoSchema#DEFAULT_SCHEMA}, using the system clock.
   *
   * @param dataSource the database, migrated with {@code TodoSchema.standard().migrate}
   * @return the TodoDb
   * @throws SchemaException when the database is not migrated to the version this release needs
   *     (the message says the version found, the version needed and how to migrate)
   * @throws UnavailableException when the database cannot be reached to check it
   */
  public static TodoDb create(DataSource dataSource) {
    return create(dataSource, TodoSchema.standard());
  }

  /**
   * A TodoDb on a data source whose "now" comes from {@code clock} (for tests, or to pin time in a
   * job), with todokit's tables in the schema {@value TodoSchema#DEFAULT_SCHEMA}.
   *
   * @param dataSource the database, migrated with {@code TodoSchema.standard().migrate}
   * @param clock the clock
   * @return the TodoDb
   * @throws SchemaException when the database is not migrated to the version this release needs
   * @throws UnavailableException when the database cannot be reached to check it
   */
  public static TodoDb create(DataSource dataSource, Clock clock) {
    return create(dataSource, TodoSchema.standard()).withClock(clock);
  }

  /**
   * A TodoDb on a data source with todokit's tables in the given schema, using the system clock.
   * Every statement names that schema; the connections' own {@code search_path} (the service's) is
   * never changed.
   *
   * @param dataSource the database, migrated with {@code schema.migrate}
   * @param schema where todokit's tables are, e.g. {@code TodoSchema.in("public")}
   * @return the TodoDb
   * @throws SchemaException when that schema is not migrated to the version this release needs
   * @throws UnavailableException when the database cannot be reached to check it
   */
  public static TodoDb create(DataSource dataSource, TodoSchema schema) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(schema, "schema");
    DSLContext dsl =
        DSL.using(
            dataSource,
            SQLDialect.POSTGRES,
            settings(new Settings().withExecuteLogging(false), schema, Timeouts.DEFAULT));
    requireMigrated(dsl, schema);
    return new TodoDb(
        DaoContext.of(
            dsl,
            schema.schemaName(),
            Clock.systemUTC(),
            Timeouts.DEFAULT,
            CursorCodec.defaultKey(),
            true),
        schema);
  }

  /**
   * A TodoDb on a jOOQ context you configured yourself (for example Spring Boot's), with todokit's
   * tables in the schema {@value TodoSchema#DEFAULT_SCHEMA}, using the system clock.
   *
   * @param dsl the jOOQ context; its dialect must be a PostgreSQL one
   * @return the TodoDb
   * @throws SchemaException when the database is not migrated to the version this release needs
   * @throws UnavailableException when the database cannot be reached to check it
   */
  public static TodoDb create(DSLContext dsl) {
    return create(dsl, TodoSchema.standard());
  }

  /**
   * A TodoDb whose "now" comes from {@code clock} (for tests, or to pin time in a job), with
   * todokit's tables in the schema {@value TodoSchema#DEFAULT_SCHEMA}.
   *
   * @param dsl the jOOQ context; its dialect must be a PostgreSQL one
   * @param clock the clock
   * @return the TodoDb
   * @throws SchemaException when the database is not migrated to the version this release needs
   * @throws UnavailableException when the database cannot be reached to check it
   */
  public static TodoDb create(DSLContext dsl, Clock clock) {
    return create(dsl, TodoSchema.standard()).withClock(clock);
  }

  /**
   * A TodoDb on a jOOQ context you configured yourself, with todokit's tables in the given schema.
   * todokit runs on a copy of the context's configuration whose settings name that schema in every
   * statement; the context itself is not changed.
   *
   * @param dsl the jOOQ context; its dialect must be a PostgreSQL one
   * @param schema where todokit's tables are, e.g. {@code TodoSchema.in("public")}
   * @return the TodoDb
   * @throws SchemaException when that schema is not migrated to the version this release needs
   * @throws UnavailableException when the database cannot be reached to check it
   */
  public static TodoDb create(DSLContext dsl, TodoSchema schema) {
    Objects.requireNonNull(dsl, "dsl");
    Objects.requireNonNull(schema, "schema");
    if (dsl.dialect().family() != SQLDialect.POSTGRES) {
      throw new IllegalArgumentException(
          "todokit needs a PostgreSQL DSLContext, not " + dsl.dialect());
    }
    DSLContext bounded = derive(dsl, schema, Timeouts.DEFAULT);
    requireMigrated(bounded, schema);
    return new TodoDb(
        DaoContext.of(
            bounded,
            schema.schemaName(),
            Clock.systemUTC(),
            Timeouts.DEFAULT,
            CursorCodec.defaultKey(),
            false),
        schema);
  }

  /**
   * Where todokit's tables are.
   *
   * @return the schema every statement of this TodoDb names
   */
  public TodoSchema schema() {
    return schema;
  }

  /**
   * The same database with another clock.
   *
   * @param clock the clock
   * @return a TodoDb sharing this one's connections
   */
  public TodoDb withClock(Clock clock) {
    return new TodoDb(context.withClock(Objects.requireNonNull(clock, "clock")), schema);
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
    DSLContext bounded = derive(context.dsl(), schema, timeouts);
    return new TodoDb(context.withTimeouts(timeouts).withDsl(bounded), schema);
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
    return new TodoDb(context.withCursors(CursorCodec.withKey(key)), schema);
  }

  /**
   * The same database, told whether its tables are distributed on {@code user_id} (Citus,
   * docs/distributed.md). When they are, no statement locks rows of more than one user: the
   * workers' claims ({@code reminders().claim}, {@code recurring().materializeDue}) read their
   * candidates unlocked and then lock them user by user, one statement per user in the batch. On
   * one server a claim locks its whole batch in one statement, which is several times faster. By
   * default this is detected once, with the first claim: distributed when the {@code citus}
   * extension is installed.
   *
   * @param distributed true for a distributed database, false for a single server
   * @return a TodoDb sharing this one's connections
   */
  public TodoDb withDistributed(boolean distributed) {
    return new TodoDb(context.withDistributed(distributed), schema);
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
   * A user's data in and out: export one user's or every user's rows as newline-delimited JSON,
   * import such a file through COPY (see docs/portability.md).
   */
  public Portability portability() {
    return portability;
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
  public <T extends @Nullable Object> T transactionResult(Function<TodoDb, T> work) {
    return transactionResult(TransactionOptions.DEFAULT, work);
  }

  /**
   * Runs several DAO calls in one transaction, as {@link #transactionResult(Function)}, with a
   * savepoint per call or without ({@link TransactionOptions}).
   *
   * <pre>{@code
   * db.transaction(TransactionOptions.withoutSavepoints(), tx -> {
   *   for (NewTask task : tasks) {
   *     tx.tasks().create(userId, task);
   *   }
   * });
   * }</pre>
   *
   * @param options savepoints or not
   * @param work the calls, made on the TodoDb passed to it (not on this one)
   * @param <T> the result type
   * @return what {@code work} returned
   * @throws IllegalStateException without savepoints, when a call inside failed and {@code work}
   *     caught the failure and returned (the transaction is rolled back)
   */
  public <T extends @Nullable Object> T transactionResult(
      TransactionOptions options, Function<TodoDb, T> work) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(work, "work");
    try {
      return context.transaction(options.savepoints(), tx -> work.apply(new TodoDb(tx, schema)));
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
    transaction(TransactionOptions.DEFAULT, work);
  }

  /**
   * Runs several DAO calls in one transaction, with a savepoint per call or without ({@link
   * TransactionOptions}).
   *
   * @param options savepoints or not
   * @param work the calls, made on the TodoDb passed to it (not on this one)
   * @throws IllegalStateException without savepoints, when a call inside failed and {@code work}
   *     caught the failure (the transaction is rolled back)
   */
  public void transaction(TransactionOptions options, Consumer<TodoDb> work) {
    Objects.requireNonNull(work, "work");
    transactionResult(
        options,
        tx -> {
          work.accept(tx);
          return null;
        });
  }

  /**
   * One cheap look at the schema version: an unmigrated or partly migrated database fails here,
   * with the fix, instead of at the first call with "relation does not exist".
   */
  private static void requireMigrated(DSLContext dsl, TodoSchema schema) {
    try {
      dsl.connection(schema::requireMigrated);
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
   * The same context on a copy of its settings (never the caller's): JDBC's query timeout, and
   * todokit's tables rendered in {@code schema}.
   */
  private static DSLContext derive(DSLContext dsl, TodoSchema schema, Timeouts timeouts) {
    Settings settings = settings(SettingsTools.clone(dsl.settings()), schema, timeouts);
    return DSL.using(dsl.configuration().derive(settings));
  }

  /**
   * todokit's settings on top of {@code base}: the generated classes name the schema {@value
   * TodoSchema#DEFAULT_SCHEMA}, which every statement renders, quoted, as the configured one. A
   * mapping of the caller's own is replaced: todokit's statements touch only todokit's tables.
   */
  private static Settings settings(Settings base, TodoSchema schema, Timeouts timeouts) {
    return base.withRenderSchema(true)
        .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED)
        .withRenderMapping(
            new RenderMapping()
                .withSchemata(
                    new MappedSchema()
                        .withInput(TodoSchema.DEFAULT_SCHEMA)
                        .withOutput(schema.schemaName())))
        .withQueryTimeout(timeouts.statementSeconds());
  }
}
