package io.todokit.spring.boot.autoconfigure;

import io.todokit.schema.SchemaException;
import io.todokit.schema.SchemaInfo;
import io.todokit.schema.SchemaVersion;
import io.todokit.schema.TodoSchema;
import io.todokit.spring.boot.autoconfigure.TodoProperties.Migration;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Brings todokit's schema to the state {@code todokit.migration} asks for when the application
 * starts, before any bean that uses the database: the {@code TodoDb} bean depends on it, and Spring
 * Boot's database-initialization ordering makes {@code JdbcTemplate}, jOOQ's {@code DSLContext} and
 * the application's own Flyway migrations wait for it as well (see {@code
 * todokit.migration-order}).
 *
 * <p>todokit's migrations live in their own classpath location and their own history table in their
 * own schema, so they never meet the application's Flyway migrations.
 *
 * <p>Thread-safe; it does its work once, when Spring initializes it.
 */
public final class TodoMigrationInitializer implements InitializingBean {

  private static final Logger log = LoggerFactory.getLogger(TodoMigrationInitializer.class);

  private final DataSource dataSource;
  private final TodoSchema schema;
  private final Migration migration;

  /**
   * An initializer for one database.
   *
   * @param dataSource the application's database
   * @param schema todokit's schema in it
   * @param migration what to do at startup
   */
  public TodoMigrationInitializer(DataSource dataSource, TodoSchema schema, Migration migration) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.schema = Objects.requireNonNull(schema, "schema");
    this.migration = Objects.requireNonNull(migration, "migration");
  }

  /**
   * Migrates or validates the schema, as configured.
   *
   * @throws SchemaException when a migration fails
   * @throws IllegalStateException with {@code validate}, when the schema is behind (the message
   *     says the version found, the one needed and what to run) or cannot be read
   */
  @Override
  public void afterPropertiesSet() {
    switch (migration) {
      case MIGRATE -> {
        SchemaInfo info = schema.migrate(dataSource);
        log.info(
            "todokit: schema \"{}\" is at version {} ({})",
            schema.schemaName(),
            info.currentVersion(),
            info.describe());
      }
      case VALIDATE -> {
        SchemaVersion version = validate();
        log.info("todokit: todokit.migration=validate: {}", version.describe());
      }
      case NONE ->
          log.info(
              "todokit: todokit.migration=none, schema \"{}\" left as it is", schema.schemaName());
    }
  }

  /** What the initializer was asked to do. */
  public Migration migration() {
    return migration;
  }

  private SchemaVersion validate() {
    try (Connection connection = dataSource.getConnection()) {
      return schema.requireMigrated(connection);
    } catch (SchemaException e) {
      throw new IllegalStateException(
          "todokit.migration=validate: "
              + e.getMessage()
              + " (or set todokit.migration=migrate to migrate at startup)",
          e);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "todokit.migration=validate: could not connect to check the schema version: "
              + e.getMessage(),
          e);
    }
  }
}
