package io.todokit.spring.boot.autoconfigure;

import io.todokit.spring.boot.autoconfigure.health.TodoHealthAutoConfiguration;
import io.todokit.spring.boot.autoconfigure.web.TodoProblemDetailsAutoConfiguration;
import io.todokit.spring.boot.autoconfigure.worker.TodoWorkerAutoConfiguration;
import io.todokit.testing.TestDatabase;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.AbstractApplicationContextRunner;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Context runners with todokit's auto-configuration, on a real PostgreSQL database. */
final class Contexts {

  private Contexts() {}

  /** todokit's auto-configurations, as {@code AutoConfiguration.imports} lists them. */
  static final AutoConfigurations TODOKIT =
      AutoConfigurations.of(
          TodoAutoConfiguration.class,
          TodoHealthAutoConfiguration.class,
          TodoProblemDetailsAutoConfiguration.class,
          TodoWorkerAutoConfiguration.class);

  /** Boot's data source and todokit, without a database yet. */
  static ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
        .withConfiguration(TODOKIT);
  }

  /** The runner's {@code spring.datasource.*} pointing at {@code database}. */
  static <R extends AbstractApplicationContextRunner<R, ?, ?>> R on(
      R runner, TestDatabase database) {
    return runner.withPropertyValues(
        "spring.datasource.url=" + database.jdbcUrl(),
        "spring.datasource.username=" + database.username(),
        "spring.datasource.password=" + database.password());
  }
}
