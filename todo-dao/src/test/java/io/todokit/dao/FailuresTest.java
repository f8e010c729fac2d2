package io.todokit.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.todokit.dao.conversations.ContextWindow;
import io.todokit.dao.conversations.MessageRole;
import io.todokit.dao.conversations.NewMessage;
import io.todokit.dao.tags.NewTag;
import io.todokit.dao.tasks.NewTask;
import io.todokit.dao.tasks.Task;
import io.todokit.dao.tasks.TaskPatch;
import io.todokit.dao.tasks.TaskQuery;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.util.PSQLException;

/**
 * Faults of the database reach callers as todokit exceptions: timeouts, killed and lost
 * connections, an exhausted pool; and a transaction stays usable after a failed call, read or
 * write.
 */
class FailuresTest extends DaoTestSupport {

  /** A pool of one connection, whose backend this test can find and kill. */
  private static HikariDataSource poolOfOne(Duration connectionTimeout) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(database.dataSource());
    config.setMaximumPoolSize(1);
    config.setConnectionTimeout(connectionTimeout.toMillis());
    config.setPoolName("todokit-pool-of-one");
    return new HikariDataSource(config);
  }

  /** Runs {@code work} while another session holds {@code lockSql} in an open transaction. */
  private static void whileLocked(String lockSql, Consumer<Connection> work) throws SQLException {
    try (Connection other = sqlSource.getConnection();
        Statement statement = other.createStatement()) {
      other.setAutoCommit(false);
      statement.execute(lockSql);
      try {
        work.accept(other);
      } finally {
        other.rollback();
      }
    }
  }

  private static int backendPid(HikariDataSource pool) throws SQLException {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static void terminate(int pid) {
    try (Connection other = sqlSource.getConnection();
        Statement statement = other.createStatement()) {
      statement.execute("SELECT pg_terminate_backend(" + pid + ")");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aWriteBehindARowLockGivesUpAfterTheLockTimeoutAsARetryableUnavailable() throws Exception {
    UUID user = newUser();
    Task task = db.tasks().create(user, NewTask.titled("Contended"));
    TodoDb impatient = db.withTimeouts(Duration.ofSeconds(30), Duration.ofMillis(300));

    whileLocked(
        "SELECT * FROM tasks WHERE id = '" + task.id() + "' FOR UPDATE",
        other -> {
          long started = System.nanoTime();
          assertThatThrownBy(
                  () ->
                      impatient
                          .tasks()
                          .update(
                              user, task.id(), task.version(), TaskPatch.empty().withTitle("x")))
              .isInstanceOfSatisfying(
                  UnavailableException.class,
                  e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.sqlState()).isEqualTo("55P03");
                  });
          assertThat(Duration.ofNanos(System.nanoTime() - started))
              .isLessThan(Duration.ofSeconds(5));
        });
    assertThat(db.tasks().get(user, task.id()).title()).isEqualTo("Contended");
  }

  @Test
  void aStatementThatRunsTooLongIsCancelledAsARetryableUnavailable() throws Exception {
    UUID user = newUser();
    Task task = db.tasks().create(user, NewTask.titled("Behind a table lock"));
    // No lock timeout: only the statement timeout bounds the wait.
    TodoDb impatient = db.withTimeouts(Duration.ofMillis(400), Duration.ZERO);

    whileLocked(
        "LOCK TABLE tasks IN ACCESS EXCLUSIVE MODE",
        other -> {
          assertThatThrownBy(
                  () ->
                      impatient
                          .tasks()
                          .update(
                              user, task.id(), task.version(), TaskPatch.empty().withTitle("x")))
              .isInstanceOfSatisfying(
                  UnavailableException.class,
                  e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.sqlState()).isEqualTo("57014");
                  });
          // A read outside a transaction is bounded by JDBC's query timeout (whole seconds).
          long started = System.nanoTime();
          assertThatThrownBy(() -> impatient.tasks().get(user, task.id()))
              .isInstanceOfSatisfying(
                  UnavailableException.class, e -> assertThat(e.retryable()).isTrue());
          assertThat(Duration.ofNanos(System.nanoTime() - started))
              .isLessThan(Duration.ofSeconds(5));
        });
  }

  @Test
  void theTimeoutsAreSetForTheTransactionOnlyNeverForThePooledSession() throws Exception {
    UUID user = newUser();
    try (HikariDataSource pool = poolOfOne(Duration.ofSeconds(5))) {
      TodoDb small =
          TodoDb.create(pool).withTimeouts(Duration.ofMillis(1234), Duration.ofMillis(567));
      small.transaction(
          tx -> {
            tx.tags().create(user, NewTag.named("inside"));
          });
      small.tags().create(user, NewTag.named("outside"));
      try (Connection connection = pool.getConnection();
          Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "SELECT current_setting('statement_timeout'), current_setting('lock_timeout')")) {
        rows.next();
        assertThat(rows.getString(1)).isEqualTo("0");
        assertThat(rows.getString(2)).isEqualTo("0");
      }
    }
  }

  @Test
  void negativeTimeoutsAreRefused() {
    assertThatThrownBy(() -> db.withTimeouts(Duration.ofSeconds(-1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("statementTimeout");
    assertThatThrownBy(() -> db.withTimeouts(Duration.ZERO, Duration.ofDays(30)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lockTimeout");
  }

  @Test
  void aKilledConnectionInAWriteReportsTheOriginalErrorNotTheClosedConnection() throws Exception {
    UUID user = newUser();
    try (HikariDataSource pool = poolOfOne(Duration.ofSeconds(5))) {
      TodoDb small = TodoDb.create(pool);
      terminate(backendPid(pool));

      assertThatThrownBy(() -> small.tasks().create(user, NewTask.titled("lost")))
          .isInstanceOfSatisfying(
              UnavailableException.class,
              e -> {
                assertThat(e.retryable()).isTrue();
                assertThat(e.getMessage()).doesNotContain("Connection is closed");
              })
          .hasCauseInstanceOf(org.jooq.exception.DataAccessException.class)
          .rootCause()
          .isInstanceOf(PSQLException.class);
      // The pool replaced the broken connection: the next call works.
      assertThat(small.tasks().create(user, NewTask.titled("kept")).title()).isEqualTo("kept");
    }
  }

  @Test
  void aKilledConnectionInsideATransactionReportsTheOriginalError() throws Exception {
    UUID user = newUser();
    try (HikariDataSource pool = poolOfOne(Duration.ofSeconds(5))) {
      TodoDb small = TodoDb.create(pool);
      int pid = backendPid(pool);

      assertThatThrownBy(
              () ->
                  small.transaction(
                      tx -> {
                        tx.tasks().create(user, NewTask.titled("first"));
                        terminate(pid);
                        tx.tasks().create(user, NewTask.titled("second"));
                      }))
          .isInstanceOfSatisfying(
              UnavailableException.class,
              e -> {
                assertThat(e.retryable()).isTrue();
                assertThat(e.getMessage()).doesNotContain("Connection is closed");
                assertThat(e.sqlState()).isIn("57P01", "08006", "08003");
              });
      assertThat(count("SELECT count(*) FROM tasks WHERE user_id = ?", user)).isZero();
    }
  }

  @Test
  void anExhaustedPoolIsARetryableUnavailable() throws Exception {
    UUID user = newUser();
    try (HikariDataSource pool = poolOfOne(Duration.ofMillis(250))) {
      TodoDb small = TodoDb.create(pool);
      Connection held = pool.getConnection();

      assertThatThrownBy(() -> small.tasks().create(user, NewTask.titled("no connection")))
          .isInstanceOfSatisfying(
              UnavailableException.class, e -> assertThat(e.retryable()).isTrue());
      assertThatThrownBy(() -> small.tasks().overdue(user, java.time.Instant.now()))
          .isInstanceOfSatisfying(
              UnavailableException.class, e -> assertThat(e.retryable()).isTrue());
      assertThat(held.isValid(1)).isTrue();
      held.close();
    }
  }

  @Test
  void anUnexpectedDatabaseErrorIsANonRetryableUnavailableKeepingTheCause() {
    UUID user = newUser();
    Task task = db.tasks().create(user, NewTask.titled("Not for everyone"));
    sql("CREATE ROLE todokit_without_grants");
    // It may see the schema version (so TodoDb.create passes), but not the tasks.
    sql("GRANT USAGE ON SCHEMA todokit TO todokit_without_grants");
    sql("GRANT SELECT ON todokit_schema_history TO todokit_without_grants");
    try {
      PGSimpleDataSource withoutGrants = new PGSimpleDataSource();
      withoutGrants.setUrl(database.jdbcUrl());
      withoutGrants.setUser(database.username());
      withoutGrants.setPassword(database.password());
      withoutGrants.setOptions("-c role=todokit_without_grants");
      TodoDb reader = TodoDb.create(withoutGrants);

      assertThatThrownBy(() -> reader.tasks().get(user, task.id()))
          .isInstanceOfSatisfying(
              UnavailableException.class,
              e -> {
                assertThat(e.retryable()).isFalse();
                assertThat(e.sqlState()).isEqualTo("42501");
                assertThat(e.getMessage()).startsWith("database error 42501: ");
              })
          .rootCause()
          .isInstanceOf(PSQLException.class);
    } finally {
      sql("REVOKE ALL ON todokit_schema_history FROM todokit_without_grants");
      sql("REVOKE ALL ON SCHEMA todokit FROM todokit_without_grants");
      sql("DROP ROLE todokit_without_grants");
    }
  }

  @Test
  void aFailedReadInsideATransactionLeavesItUsable() throws Exception {
    UUID user = newUser();
    UUID conversation = db.conversations().create(user, "Chat").id();
    TodoDb impatient = db.withTimeouts(Duration.ofMillis(800), Duration.ZERO);

    try (Connection other = sqlSource.getConnection();
        Statement statement = other.createStatement()) {
      other.setAutoCommit(false);
      impatient.transaction(
          tx -> {
            tx.tasks().create(user, NewTask.titled("before"));
            assertThatThrownBy(() -> tx.tasks().get(user, UUID.randomUUID()))
                .isInstanceOf(NotFoundException.class);
            try {
              statement.execute("LOCK TABLE messages IN ACCESS EXCLUSIVE MODE");
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
            // The database cancels this read (statement timeout): the transaction must survive.
            assertThatThrownBy(
                    () -> tx.conversations().window(user, conversation, ContextWindow.of(10)))
                .isInstanceOfSatisfying(
                    UnavailableException.class, e -> assertThat(e.sqlState()).isEqualTo("57014"));
            try {
              other.rollback();
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
            tx.tasks().create(user, NewTask.titled("after"));
          });
    }
    assertThat(db.tasks().query(user, TaskQuery.open(), PageRequest.first()).items())
        .extracting(Task::title)
        .containsExactlyInAnyOrder("before", "after");
  }

  @Test
  void callingTheOuterTodoDbInsideItsTransactionFailsAtOnceNamingTx() throws Exception {
    UUID user = newUser();
    try (HikariDataSource pool = poolOfOne(Duration.ofSeconds(30))) {
      TodoDb small = TodoDb.create(pool);
      long started = System.nanoTime();

      assertThatThrownBy(
              () ->
                  small.transaction(
                      tx -> {
                        tx.tasks().create(user, NewTask.titled("in the transaction"));
                        small.tasks().create(user, NewTask.titled("outside by mistake"));
                      }))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("tx.tasks()");
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .as("no wait for a second connection of the pool of one")
          .isLessThan(Duration.ofSeconds(5));
      assertThat(count("SELECT count(*) FROM tasks WHERE user_id = ?", user)).isZero();
      // The guard is per thread and per transaction: after it, the outer TodoDb works again.
      assertThat(small.tasks().create(user, NewTask.titled("later")).title()).isEqualTo("later");
      assertThatThrownBy(
              () ->
                  small.transaction(
                      tx ->
                          small
                              .withClock(java.time.Clock.systemUTC())
                              .tasks()
                              .overdue(user, java.time.Instant.now())))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void anUnknownUserIsNotFoundWithTheUsersIdNotTheNewRowsId() {
    UUID nobody = UUID.randomUUID();

    assertThatThrownBy(() -> db.tasks().create(nobody, NewTask.titled("orphan")))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.entity()).isEqualTo("user");
              assertThat(e.id()).isEqualTo(nobody.toString());
            });
    assertThatThrownBy(() -> db.tags().create(nobody, NewTag.named("orphan")))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.entity()).isEqualTo("user");
              assertThat(e.id()).isEqualTo(nobody.toString());
            });
    assertThatThrownBy(() -> db.conversations().create(nobody, "orphan"))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.entity()).isEqualTo("user");
              assertThat(e.id()).isEqualTo(nobody.toString());
            });
  }

  @Test
  void aTagOfAnotherTaskIsNotFoundWithTheMissingTagsId() {
    UUID user = newUser();
    Task task = db.tasks().create(user, NewTask.titled("Tagged"));
    UUID otherUsersTag = db.tags().create(newUser(), NewTag.named("theirs")).id();

    assertThatThrownBy(() -> db.tags().addTag(user, task.id(), otherUsersTag))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.entity()).isEqualTo("tag");
              assertThat(e.id()).isEqualTo(otherUsersTag.toString());
            });
  }

  @Test
  void aMessageWithNullTextIsAValidationErrorLikeATitle() {
    assertThatThrownBy(() -> new NewMessage(MessageRole.USER, null, null, null))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("content"));
    assertThatThrownBy(() -> NewMessage.user(null))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("content"));
    assertThatThrownBy(() -> new NewMessage(null, "hi", List.of(), null))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("role"));
    assertThatThrownBy(() -> NewMessage.tool(null, "42"))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("tool_call_id"));
    assertThatThrownBy(() -> NewMessage.assistantToolCalls("", null))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("tool_calls"));
  }
}
