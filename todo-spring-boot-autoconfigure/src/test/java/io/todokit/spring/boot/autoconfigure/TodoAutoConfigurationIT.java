package io.todokit.spring.boot.autoconfigure;

import static io.todokit.spring.boot.autoconfigure.Contexts.on;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.dao.TodoDb;
import io.todokit.dao.UnavailableException;
import io.todokit.dao.tags.NewTag;
import io.todokit.dao.users.NewUser;
import io.todokit.dao.users.User;
import io.todokit.schema.SchemaException;
import io.todokit.schema.SchemaState;
import io.todokit.schema.TodoSchema;
import io.todokit.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The TodoDb bean, the migration modes and the settings, each on a fresh PostgreSQL database. */
class TodoAutoConfigurationIT {

  private TestDatabase database;
  private ApplicationContextRunner runner;

  @BeforeEach
  void emptyDatabase() {
    database = TestDatabase.empty();
    runner = on(Contexts.runner(), database);
  }

  @AfterEach
  void dropDatabase() {
    database.close();
  }

  @Test
  void withoutADataSourceThereIsNoTodoDb() {
    new ApplicationContextRunner()
        .withConfiguration(Contexts.TODOKIT)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(TodoDb.class);
              assertThat(context).doesNotHaveBean(TodoMigrationInitializer.class);
            });
  }

  @Test
  void anEmptyDatabaseIsMigratedAtStartupIntoTheTodokitSchema() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasSingleBean(TodoDb.class);
          assertThat(context.getBean(TodoSchema.class).schemaName()).isEqualTo("todokit");
          assertThat(TodoSchema.standard().info(database.dataSource()).state())
              .isEqualTo(SchemaState.CURRENT);
          // todokit's tables and history live in their own schema, not in public.
          assertThat(tablesIn("todokit")).contains("tasks", "users", "todokit_schema_history");
          assertThat(tablesIn("public")).isEmpty();

          TodoDb db = context.getBean(TodoDb.class);
          User user = db.users().create(NewUser.of("alice", "alice@example.com", "hash"));
          assertThat(db.tags().create(user.id(), NewTag.named("work")).name()).isEqualTo("work");
        });
  }

  @Test
  void todokitSchemaPutsTheTablesInThatSchema() {
    runner
        .withPropertyValues("todokit.schema=chores")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(tablesIn("chores")).contains("tasks", "todokit_schema_history");
              assertThat(tablesIn("todokit")).isEmpty();
              assertThat(context.getBean(TodoDb.class).schema().schemaName()).isEqualTo("chores");
            });
  }

  @Test
  void aTodoDbOfTheApplicationsOwnWins() {
    try (TestDatabase migrated = TestDatabase.migrated()) {
      TodoDb own = TodoDb.create(migrated.dataSource());
      runner
          .withBean("ownTodoDb", TodoDb.class, () -> own)
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).hasSingleBean(TodoDb.class);
                assertThat(context.getBean(TodoDb.class)).isSameAs(own);
              });
    }
  }

  @Test
  void aClockBeanIsTodokitsNow() {
    Instant fixed = Instant.parse("2031-03-04T05:06:07Z");
    runner
        .withUserConfiguration(FixedClock.class)
        .run(
            context -> {
              User user =
                  context
                      .getBean(TodoDb.class)
                      .users()
                      .create(NewUser.of("bob", "bob@example.com", "hash"));
              assertThat(user.createdAt()).isEqualTo(fixed);
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class FixedClock {
    @Bean
    Clock clock() {
      return Clock.fixed(Instant.parse("2031-03-04T05:06:07Z"), ZoneOffset.UTC);
    }
  }

  @Test
  void validateFailsStartupOnAnEmptyDatabaseAndChangesNothing() {
    runner
        .withPropertyValues("todokit.migration=validate")
        .run(
            context -> {
              assertThat(context).hasFailed();
              Throwable failure = rootOf(context.getStartupFailure(), IllegalStateException.class);
              assertThat(failure).hasCauseInstanceOf(SchemaException.class);
              assertThat(failure)
                  .hasMessageStartingWith(
                      "todokit.migration=validate: todokit schema \"todokit\" has no todokit"
                          + " migrations applied (version 0), but this release needs version "
                          + TodoSchema.latestVersion())
                  .hasMessageEndingWith("(or set todokit.migration=migrate to migrate at startup)");
              assertThat(tablesIn("todokit")).isEmpty();
            });
  }

  @Test
  void validateStartsOnACurrentDatabase() {
    TodoSchema.standard().migrate(database.dataSource());
    runner
        .withPropertyValues("todokit.migration=validate")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasSingleBean(TodoDb.class);
            });
  }

  @Test
  void validateStartsOnADatabaseAheadOfThisRelease() throws SQLException {
    TodoSchema.standard().migrate(database.dataSource());
    int ahead = TodoSchema.latestVersion() + 1;
    execute(
        "INSERT INTO todokit.todokit_schema_history (installed_rank, version, description, type,"
            + " script, checksum, installed_by, execution_time, success) VALUES (1000, '"
            + ahead
            + "', 'from a newer release', 'SQL', 'V"
            + ahead
            + "__newer.sql', 0, 'test', 0, true)");
    runner
        .withPropertyValues("todokit.migration=validate")
        .run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void noneLeavesAnEmptyDatabaseAloneAndTheTodoDbRefusesIt() {
    runner
        .withPropertyValues("todokit.migration=none")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(rootOf(context.getStartupFailure(), SchemaException.class))
                  .hasMessageContaining(
                      "todokit schema \"todokit\" has no todokit migrations applied (version 0)");
              assertThat(tablesIn("todokit")).isEmpty();
            });
  }

  @Test
  void noneStartsOnAMigratedDatabase() {
    TodoSchema.standard().migrate(database.dataSource());
    runner
        .withPropertyValues("todokit.migration=none")
        .run(context -> assertThat(context).hasSingleBean(TodoDb.class));
  }

  @Test
  void theLockTimeoutPropertyBoundsEveryTodokitTransaction() throws SQLException {
    runner
        .withPropertyValues("todokit.lock-timeout=300ms")
        .run(
            context -> {
              TodoDb db = context.getBean(TodoDb.class);
              UUID user = db.users().create(NewUser.of("carol", "c@example.com", "h")).id();
              assertThatThrownBy(
                      () -> whileTagsAreLocked(() -> db.tags().create(user, NewTag.named("x"))))
                  .isInstanceOfSatisfying(
                      UnavailableException.class,
                      e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.sqlState()).isEqualTo("55P03");
                      });
            });
  }

  @Test
  void theStatementTimeoutPropertyBoundsEveryTodokitStatement() throws SQLException {
    runner
        .withPropertyValues("todokit.statement-timeout=300ms", "todokit.lock-timeout=0s")
        .run(
            context -> {
              TodoDb db = context.getBean(TodoDb.class);
              UUID user = db.users().create(NewUser.of("dave", "d@example.com", "h")).id();
              assertThatThrownBy(
                      () -> whileTagsAreLocked(() -> db.tags().create(user, NewTag.named("x"))))
                  .isInstanceOfSatisfying(
                      UnavailableException.class,
                      e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.sqlState()).isEqualTo("57014");
                      });
            });
  }

  @Test
  void aCursorKeyShorterThan16BytesFailsStartupNamingTheProperty() {
    runner
        .withPropertyValues("todokit.cursor-key=short")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessage("todokit.cursor-key must be at least 16 bytes long (was 5)"));
  }

  @Test
  void aCursorKeyIsUsed() {
    runner
        .withPropertyValues("todokit.cursor-key=0123456789abcdef-a-real-secret")
        .run(context -> assertThat(context).hasSingleBean(TodoDb.class));
  }

  @Test
  void badValuesFailStartupNamingTheProperty() {
    assertStartupFails(
        "todokit.statement-timeout=-1s",
        "todokit.statement-timeout must not be negative (was PT-1S)");
    assertStartupFails(
        "todokit.lock-timeout=-5ms", "todokit.lock-timeout must not be negative (was PT-0.005S)");
    assertStartupFails("todokit.schema= ", "todokit.schema must not be blank");
    assertStartupFails(
        "todokit.schema=" + "s".repeat(64), "todokit.schema: " + illegalSchemaName("s".repeat(64)));
    assertStartupFails(
        "todokit.worker.reminders.batch-size=0",
        "todokit.worker.reminders.batch-size must be 1 to 1000 (was 0)");
    assertStartupFails(
        "todokit.worker.templates.batch-size=1001",
        "todokit.worker.templates.batch-size must be 1 to 1000 (was 1001)");
    assertStartupFails(
        "todokit.worker.reminders.interval=0s",
        "todokit.worker.reminders.interval must be positive (was PT0S)");
    assertStartupFails(
        "todokit.worker.stop-timeout=-1s",
        "todokit.worker.stop-timeout must be positive (was PT-1S)");
  }

  @Test
  void anUnknownMigrationModeFailsStartupNamingTheProperty() {
    runner
        .withPropertyValues("todokit.migration=sometimes")
        .run(
            context ->
                assertThat(bindFailure(context.getStartupFailure(), "todokit.migration"))
                    .satisfies(e -> assertThat(e.getProperty().getValue()).isEqualTo("sometimes")));
  }

  private static String illegalSchemaName(String name) {
    try {
      TodoSchema.in(name);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    throw new AssertionError("TodoSchema.in accepted " + name);
  }

  private void assertStartupFails(String property, String message) {
    runner
        .withPropertyValues(property)
        .run(context -> assertThat(context).getFailure().rootCause().hasMessage(message));
  }

  /** Runs {@code work} while another session holds todokit.tags in ACCESS EXCLUSIVE mode. */
  private void whileTagsAreLocked(Runnable work) throws SQLException {
    try (Connection other = database.dataSource().getConnection();
        Statement statement = other.createStatement()) {
      other.setAutoCommit(false);
      statement.execute("LOCK TABLE todokit.tags IN ACCESS EXCLUSIVE MODE");
      try {
        work.run();
      } finally {
        other.rollback();
      }
    }
  }

  private java.util.List<String> tablesIn(String schema) throws SQLException {
    DataSource dataSource = database.dataSource();
    java.util.List<String> tables = new java.util.ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        var statement =
            connection.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                    + " ORDER BY table_name")) {
      statement.setString(1, schema);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
    }
    return tables;
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** The binding failure of one property in the failure's cause chain. */
  static BindException bindFailure(Throwable failure, String property) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof BindException bind && bind.getName().toString().equals(property)) {
        return bind;
      }
    }
    throw new AssertionError("no binding failure of " + property + " in " + failure, failure);
  }

  static Throwable rootOf(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return cause;
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in " + failure, failure);
  }
}
