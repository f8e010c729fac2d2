package io.todokit.spring.boot.autoconfigure;

import io.todokit.spring.boot.autoconfigure.TodoProperties.MigrationOrder;
import java.util.Set;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Tells Spring Boot's database-initialization ordering that {@link TodoMigrationInitializer}
 * initializes the database, so that beans that use it ({@code JdbcTemplate}, jOOQ's {@code
 * DSLContext}, JPA) wait for todokit's migrations. Boot orders initializers by their detector's
 * order, and Flyway's detector has order 1: {@link Before} (order 0) runs todokit's migrations
 * ahead of the application's Flyway migrations, {@link After} (order 2) after them. Which of the
 * two claims the bean is {@code todokit.migration-order}. Registered in {@code
 * META-INF/spring.factories}.
 */
final class TodoMigrationDetectors {

  private TodoMigrationDetectors() {}

  static Set<String> detect(ConfigurableListableBeanFactory beanFactory, MigrationOrder wanted) {
    String[] names = beanFactory.getBeanNamesForType(TodoMigrationInitializer.class, false, false);
    if (names.length == 0) {
      return Set.of();
    }
    MigrationOrder order = MigrationOrder.BEFORE_SERVICE;
    if (beanFactory.containsBean("environment")
        && beanFactory.getBean("environment") instanceof ConfigurableEnvironment environment) {
      order =
          Binder.get(environment)
              .bind("todokit.migration-order", MigrationOrder.class)
              .orElse(MigrationOrder.BEFORE_SERVICE);
    }
    return order == wanted ? Set.of(names) : Set.of();
  }

  /** Claims todokit's initializer when it runs before the application's migrations. */
  static final class Before implements DatabaseInitializerDetector {
    @Override
    public Set<String> detect(ConfigurableListableBeanFactory beanFactory) {
      return TodoMigrationDetectors.detect(beanFactory, MigrationOrder.BEFORE_SERVICE);
    }

    @Override
    public int getOrder() {
      return 0;
    }
  }

  /** Claims todokit's initializer when it runs after the application's migrations. */
  static final class After implements DatabaseInitializerDetector {
    @Override
    public Set<String> detect(ConfigurableListableBeanFactory beanFactory) {
      return TodoMigrationDetectors.detect(beanFactory, MigrationOrder.AFTER_SERVICE);
    }

    @Override
    public int getOrder() {
      return 2;
    }
  }
}
