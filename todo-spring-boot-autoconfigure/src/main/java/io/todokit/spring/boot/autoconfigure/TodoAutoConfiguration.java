package io.todokit.spring.boot.autoconfigure;

import io.todokit.dao.TodoDb;
import io.todokit.schema.TodoSchema;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configures todokit on the application's {@link DataSource}: a {@link TodoSchema} for {@code
 * todokit.schema}, a {@link TodoMigrationInitializer} that migrates or validates it at startup
 * ({@code todokit.migration}), and one {@link TodoDb}, made from Spring Boot's jOOQ {@link
 * DSLContext} when there is one (so todokit joins Spring's transactions) and from the data source
 * otherwise, with the application's {@link Clock} bean if it has one, the timeouts of {@code
 * todokit.statement-timeout} and {@code todokit.lock-timeout}, and {@code todokit.cursor-key}.
 *
 * <p>Every bean backs off when the application defines its own.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration"
    })
@ConditionalOnClass({TodoDb.class, DataSource.class})
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(TodoProperties.class)
public final class TodoAutoConfiguration {

  private static final Logger log = LoggerFactory.getLogger(TodoAutoConfiguration.class);

  TodoAutoConfiguration() {}

  /**
   * Spring Boot's database-initialization ordering, so that beans which use the database wait for
   * todokit's migrations even in an application without Boot's Flyway or jOOQ support.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name =
          "org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer")
  @Import(DatabaseInitializationDependencyConfigurer.class)
  static final class InitializationOrdering {}

  /**
   * todokit's schema, {@code todokit.schema}.
   *
   * @param properties todokit's settings
   * @return the schema
   */
  @Bean
  @ConditionalOnMissingBean
  TodoSchema todoSchema(TodoProperties properties) {
    return TodoSchema.in(properties.schema());
  }

  /**
   * Migrates or validates todokit's schema at startup, as {@code todokit.migration} says.
   *
   * @param dataSource the application's database
   * @param schema todokit's schema
   * @param properties todokit's settings
   * @return the initializer
   */
  @Bean
  @ConditionalOnMissingBean
  TodoMigrationInitializer todokitMigrationInitializer(
      DataSource dataSource, TodoSchema schema, TodoProperties properties) {
    return new TodoMigrationInitializer(dataSource, schema, properties.migration());
  }

  /**
   * The TodoDb.
   *
   * @param migration makes todokit's migrations run before the TodoDb checks the schema version
   * @param dataSource the application's database
   * @param dsl Spring Boot's jOOQ context, if any
   * @param clock the application's clock, if any
   * @param schema todokit's schema
   * @param properties todokit's settings
   * @return the TodoDb, shared by the whole application
   */
  @Bean
  @ConditionalOnMissingBean
  TodoDb todoDb(
      TodoMigrationInitializer migration,
      DataSource dataSource,
      ObjectProvider<DSLContext> dsl,
      ObjectProvider<Clock> clock,
      TodoSchema schema,
      TodoProperties properties) {
    DSLContext bootDsl = dsl.getIfUnique();
    TodoDb db =
        bootDsl != null ? TodoDb.create(bootDsl, schema) : TodoDb.create(dataSource, schema);
    Clock applicationClock = clock.getIfUnique();
    if (applicationClock != null) {
      db = db.withClock(applicationClock);
    }
    db = db.withTimeouts(properties.statementTimeout(), properties.lockTimeout());
    String cursorKey = properties.cursorKey();
    if (cursorKey != null) {
      db = db.withCursorKey(cursorKey.getBytes(StandardCharsets.UTF_8));
    } else {
      log.warn(
          "todokit: no todokit.cursor-key set: paging cursors are sealed with the library's"
              + " default key (tamper-evident, but forgeable by whoever reads todokit's source);"
              + " set a secret of at least 16 bytes in production");
    }
    log.info(
        "todokit: TodoDb on {} in schema \"{}\", statement timeout {}, lock timeout {}",
        bootDsl != null ? "Spring Boot's jOOQ DSLContext" : "the DataSource",
        schema.schemaName(),
        properties.statementTimeout(),
        properties.lockTimeout());
    return db;
  }
}
