package io.todokit.spring.boot.autoconfigure;

import static io.todokit.spring.boot.autoconfigure.Contexts.on;
import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.TodoDb;
import io.todokit.dao.tags.NewTag;
import io.todokit.dao.users.NewUser;
import io.todokit.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * todokit's migrations next to the application's own, run by Spring Boot's Flyway, in one database:
 * both sets apply, each with its own history, in the order {@code todokit.migration-order} says;
 * and a TodoDb on Boot's jOOQ DSLContext joins Spring's transactions.
 */
class MigrationOrderIT {

  private TestDatabase database;
  private ApplicationContextRunner runner;

  @BeforeEach
  void emptyDatabase() {
    database = TestDatabase.empty();
    runner =
        on(Contexts.runner(), database)
            .withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class));
  }

  @AfterEach
  void dropDatabase() {
    database.close();
  }

  @Test
  void byDefaultTodokitMigratesFirstSoTheServicesMigrationsMayReferToItsTables()
      throws SQLException {
    runner
        .withPropertyValues("spring.flyway.locations=classpath:db/service")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              // V1__orders.sql has a foreign key to todokit.users: it could only run afterwards.
              assertThat(count("SELECT count(*) FROM public.flyway_schema_history WHERE success"))
                  .isEqualTo(1);
              assertThat(firstInstalled("public.flyway_schema_history"))
                  .isAfter(firstInstalled("todokit.todokit_schema_history"));

              TodoDb db = context.getBean(TodoDb.class);
              UUID user = db.users().create(NewUser.of("erin", "e@example.com", "h")).id();
              execute("INSERT INTO public.orders (id, user_id) VALUES (1, '" + user + "')");
              assertThat(count("SELECT count(*) FROM public.orders")).isEqualTo(1);
            });
  }

  @Test
  void afterServiceRunsTheServicesMigrationsFirst() throws SQLException {
    runner
        .withPropertyValues(
            "spring.flyway.locations=classpath:db/service-first",
            "todokit.migration-order=after-service")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(count("SELECT count(*) FROM public.audit_log")).isZero();
              assertThat(firstInstalled("todokit.todokit_schema_history"))
                  .isAfter(firstInstalled("public.flyway_schema_history"));
              assertThat(context).hasSingleBean(TodoDb.class);
            });
  }

  @Test
  void afterServiceFailsWhenTheServicesMigrationsNeedTodokitsTables() {
    runner
        .withPropertyValues(
            "spring.flyway.locations=classpath:db/service", "todokit.migration-order=after-service")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("schema \"todokit\" does not exist"));
  }

  @Test
  void onBootsJooqDslContextTheTodoDbJoinsSpringTransactions() {
    runner
        .withConfiguration(
            AutoConfigurations.of(
                DataSourceTransactionManagerAutoConfiguration.class,
                TransactionAutoConfiguration.class,
                JooqAutoConfiguration.class))
        .withPropertyValues("spring.flyway.enabled=false")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              TodoDb db = context.getBean(TodoDb.class);
              UUID user = db.users().create(NewUser.of("frank", "f@example.com", "h")).id();
              TransactionTemplate transactions = context.getBean(TransactionTemplate.class);

              transactions.executeWithoutResult(
                  status -> {
                    db.tags().create(user, NewTag.named("rolled back"));
                    status.setRollbackOnly();
                  });

              assertThat(db.tags().list(user)).isEmpty();
            });
  }

  private java.time.Instant firstInstalled(String historyTable) throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT min(installed_on) FROM " + historyTable + " WHERE version IS NOT NULL")) {
      rows.next();
      Timestamp installed = rows.getTimestamp(1);
      return installed.toInstant();
    }
  }

  private long count(String sql) throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
