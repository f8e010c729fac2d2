package io.todokit.spring.boot.autoconfigure.health;

import io.todokit.schema.SchemaVersion;
import io.todokit.schema.TodoSchema;
import java.sql.Connection;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * todokit's schema as a health contributor named {@code todokit}: UP when the schema is current or
 * ahead of this release (a newer release migrated it during a rolling deploy), DOWN when it is
 * behind or its version cannot be read. Details: {@code schema}, {@code version} (found), {@code
 * needed} and {@code state} ({@code CURRENT}, {@code AHEAD}, {@code BEHIND}).
 *
 * <p>Each check borrows one connection for two small queries. Thread-safe.
 */
public final class TodoHealthIndicator extends AbstractHealthIndicator {

  private final DataSource dataSource;
  private final TodoSchema schema;

  /**
   * An indicator for todokit's schema in a database.
   *
   * @param dataSource the database
   * @param schema todokit's schema in it
   */
  public TodoHealthIndicator(DataSource dataSource, TodoSchema schema) {
    super("todokit health check failed");
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.schema = Objects.requireNonNull(schema, "schema");
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    SchemaVersion version;
    try (Connection connection = dataSource.getConnection()) {
      version = schema.checkVersion(connection);
    }
    switch (version.state()) {
      case CURRENT, AHEAD -> builder.up();
      case BEHIND -> builder.down().withDetail("reason", version.describe());
    }
    builder
        .withDetail("schema", schema.schemaName())
        .withDetail("version", version.found())
        .withDetail("needed", version.needed())
        .withDetail("state", version.state().name());
  }
}
