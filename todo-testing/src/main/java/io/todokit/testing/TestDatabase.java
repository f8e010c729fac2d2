package io.todokit.testing;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A fresh database on the {@linkplain PostgresProvisioner#shared() shared server}, typically one
 * per test class, dropped by {@link #close()}.
 *
 * <p>Migrated databases are copies ({@code CREATE DATABASE … TEMPLATE …}) of a template that this
 * JVM migrates once per set of migrations, so each costs a file copy, not a migration. Thread-safe.
 */
public final class TestDatabase implements AutoCloseable {

  private final PostgresServer server;
  private final String name;
  private final AtomicBoolean closed = new AtomicBoolean();

  private TestDatabase(PostgresServer server, String name) {
    this.server = server;
    this.name = name;
  }

  /**
   * A fresh database with todokit's migrations applied as a service applies them ({@code
   * TodoSchema.standard().migrate}: todokit's tables and history in the schema {@code todokit}).
   *
   * @return the database, which the caller closes
   * @throws IllegalStateException when no server is found, or {@code io.todokit:todo-schema} is not
   *     on the test class path, or the migrations fail
   */
  public static TestDatabase migrated() {
    return migrated(new String[0]);
  }

  /**
   * A fresh database with todokit's migrations applied, then the service's own at these Flyway
   * locations with Flyway's defaults (history {@code flyway_schema_history} in the connection's
   * schema, usually {@code public}), as in a service that runs both.
   *
   * @param serviceLocations Flyway locations of the service's migrations, such as {@code
   *     classpath:db/migration}; none for todokit's alone
   * @return the database, which the caller closes
   * @throws IllegalStateException when no server is found, {@code io.todokit:todo-schema} is not on
   *     the test class path, there are no migrations at the locations, or a migration fails
   */
  public static TestDatabase migrated(String... serviceLocations) {
    Objects.requireNonNull(serviceLocations, "serviceLocations");
    PostgresServer server = PostgresProvisioner.shared();
    return create(server, TestDatabases.template(server, true, List.of(serviceLocations)));
  }

  /**
   * A fresh database with only the migrations at these Flyway locations applied, with Flyway's
   * defaults: for a project's own schema without todokit's.
   *
   * @param flywayLocations Flyway locations such as {@code classpath:db/migration}
   * @return the database, which the caller closes
   * @throws IllegalArgumentException when no location is given
   * @throws IllegalStateException when no server is found, or there are no migrations at the
   *     locations, or they fail
   */
  public static TestDatabase migratedOnly(String... flywayLocations) {
    Objects.requireNonNull(flywayLocations, "flywayLocations");
    if (flywayLocations.length == 0) {
      throw new IllegalArgumentException("at least one Flyway location is needed");
    }
    PostgresServer server = PostgresProvisioner.shared();
    return create(server, TestDatabases.template(server, false, List.of(flywayLocations)));
  }

  /**
   * A fresh database without any migration, for schema and migration tests.
   *
   * @return the database, which the caller closes
   * @throws IllegalStateException when no server is found
   */
  public static TestDatabase empty() {
    return create(PostgresProvisioner.shared(), null);
  }

  private static TestDatabase create(PostgresServer server, @Nullable String template) {
    return new TestDatabase(server, TestDatabases.create(server, template));
  }

  /**
   * The database's name.
   *
   * @return for example {@code todokit_test_5f0c1a2b3c4d}
   */
  public String name() {
    return name;
  }

  /**
   * The database's JDBC URL, without credentials.
   *
   * @return the URL
   */
  public String jdbcUrl() {
    return server.jdbcUrl(name);
  }

  /**
   * The user to connect as.
   *
   * @return the user name
   */
  public String username() {
    return server.username();
  }

  /**
   * The password of {@link #username()}.
   *
   * @return the password, empty when none is needed
   */
  public String password() {
    return server.password();
  }

  /**
   * A non-pooling data source for this database.
   *
   * @return a {@code PGSimpleDataSource}; close every connection it gives
   */
  public DataSource dataSource() {
    return server.dataSource(name);
  }

  /**
   * The server this database is on.
   *
   * @return the shared server
   */
  public PostgresServer server() {
    return server;
  }

  /**
   * Drops the database, ending every session still connected to it; idempotent.
   *
   * @throws IllegalStateException when the server refuses
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      TestDatabases.drop(server, name);
    }
  }

  @Override
  public String toString() {
    return "TestDatabase[" + jdbcUrl() + "]";
  }
}
