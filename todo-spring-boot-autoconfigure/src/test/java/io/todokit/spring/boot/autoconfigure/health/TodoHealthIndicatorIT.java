package io.todokit.spring.boot.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.schema.TodoSchema;
import io.todokit.spring.boot.autoconfigure.TodoAutoConfiguration;
import io.todokit.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The {@code todokit} health contributor: the schema version, UP or DOWN. */
class TodoHealthIndicatorIT {

  @Test
  void aCurrentSchemaIsUpWithItsVersion() {
    try (TestDatabase database = TestDatabase.migrated()) {
      Health health =
          new TodoHealthIndicator(database.dataSource(), TodoSchema.standard()).health();

      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails())
          .isEqualTo(
              Map.of(
                  "schema",
                  "todokit",
                  "version",
                  TodoSchema.latestVersion(),
                  "needed",
                  TodoSchema.latestVersion(),
                  "state",
                  "CURRENT"));
    }
  }

  @Test
  void aSchemaBehindIsDownSayingHowToMigrate() {
    try (TestDatabase database = TestDatabase.empty()) {
      Health health =
          new TodoHealthIndicator(database.dataSource(), TodoSchema.standard()).health();

      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails())
          .containsEntry("schema", "todokit")
          .containsEntry("version", 0)
          .containsEntry("needed", TodoSchema.latestVersion())
          .containsEntry("state", "BEHIND");
      assertThat((String) health.getDetails().get("reason"))
          .startsWith("todokit schema \"todokit\" has no todokit migrations applied (version 0)");
    }
  }

  @Test
  void anUnreachableDatabaseIsDownWithTheError() {
    PGSimpleDataSource nowhere = new PGSimpleDataSource();
    nowhere.setUrl("jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=1");

    Health health = new TodoHealthIndicator(nowhere, TodoSchema.standard()).health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat((String) health.getDetails().get("error")).contains("PSQLException");
  }

  @Test
  void theContributorIsABeanNamedTodokitHealthIndicatorThatCanBeTurnedOff() {
    try (TestDatabase database = TestDatabase.empty()) {
      ApplicationContextRunner runner =
          new ApplicationContextRunner()
              .withConfiguration(
                  AutoConfigurations.of(
                      DataSourceAutoConfiguration.class,
                      TodoAutoConfiguration.class,
                      TodoHealthAutoConfiguration.class))
              .withPropertyValues(
                  "spring.datasource.url=" + database.jdbcUrl(),
                  "spring.datasource.username=" + database.username(),
                  "spring.datasource.password=" + database.password());

      runner.run(
          context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasBean("todokitHealthIndicator");
            assertThat(context.getBean(TodoHealthIndicator.class).health().getStatus())
                .isEqualTo(Status.UP);
          });
      runner
          .withPropertyValues("management.health.todokit.enabled=false")
          .run(context -> assertThat(context).doesNotHaveBean(TodoHealthIndicator.class));
    }
  }
}
