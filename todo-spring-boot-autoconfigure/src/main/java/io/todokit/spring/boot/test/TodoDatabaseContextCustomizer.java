package io.todokit.spring.boot.test;

import io.todokit.testing.TestDatabase;
import java.util.Map;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Provisions one {@link TestDatabase} per application context and puts it first among the context's
 * property sources as {@code spring.datasource.url}, {@code .username} and {@code .password}; drops
 * it when the context closes. Two customizers are equal when they ask for the same kind of
 * database, so Spring's context cache works as usual.
 */
final class TodoDatabaseContextCustomizer implements ContextCustomizer {

  static final String PROPERTY_SOURCE = "todokitTestDatabase";

  static final String BEAN_NAME = "todokitTestDatabase";

  private final boolean migrated;

  TodoDatabaseContextCustomizer(boolean migrated) {
    this.migrated = migrated;
  }

  @Override
  public void customizeContext(
      ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
    TestDatabase database = migrated ? TestDatabase.migrated() : TestDatabase.empty();
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                PROPERTY_SOURCE,
                Map.of(
                    "spring.datasource.url", database.jdbcUrl(),
                    "spring.datasource.username", database.username(),
                    "spring.datasource.password", database.password())));
    Dropper dropper = new Dropper(database);
    ConfigurableListableBeanFactory beans = context.getBeanFactory();
    beans.registerSingleton(BEAN_NAME, dropper);
    if (beans instanceof DefaultSingletonBeanRegistry registry) {
      // A registered singleton gets no destruction callback of its own. As a disposable bean
      // registered before every other, it is destroyed after them all: the pool closes first.
      registry.registerDisposableBean(BEAN_NAME, dropper);
    } else {
      context.addApplicationListener(
          (ApplicationListener<ContextClosedEvent>) event -> dropper.destroy());
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TodoDatabaseContextCustomizer customizer
        && customizer.migrated == migrated;
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(migrated) + TodoDatabaseContextCustomizer.class.hashCode();
  }

  /** Drops the database when the context closes. */
  record Dropper(TestDatabase database) implements DisposableBean {
    @Override
    public void destroy() {
      database.close();
    }
  }
}
