package io.todokit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.testing.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link TodoSchema#checkVersion}, the check a library makes once when it starts, and {@link
 * TodoSchema#latestVersion}.
 */
class CheckVersionTest {

  private static final String HOW_TO_MIGRATE =
      ": migrate it with TodoSchema.migrate(dataSource) or todo-cli migrate";

  @Test
  void latestVersionIsTheNewestMigrationOnTheClassPath() {
    try (TestDatabase db = TestDatabase.empty()) {
      SchemaInfo info = TodoSchema.info(db.dataSource());

      assertThat(TodoSchema.latestVersion())
          .isEqualTo(info.pending().getLast().version())
          .isEqualTo(SchemaStep.head().version())
          .isEqualTo(12);
      assertThat(info.pending()).extracting(SchemaInfo.Pending::version).doesNotHaveDuplicates();
    }
  }

  @Test
  void anEmptyDatabaseIsBehindAtVersion0InOneQueryWithoutAbortingTheOpenTransaction()
      throws SQLException {
    try (TestDatabase db = TestDatabase.empty();
        Connection connection = db.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      execute(connection, "CREATE TABLE inside_the_transaction (id int)");
      AtomicInteger statements = new AtomicInteger();

      SchemaVersion version = TodoSchema.checkVersion(counting(connection, statements));

      assertThat(version).isEqualTo(new SchemaVersion(0, 12));
      assertThat(version.state()).isEqualTo(SchemaState.BEHIND);
      assertThat(version.describe())
          .isEqualTo(
              "the database has no todokit schema (version 0), but this release needs version 12"
                  + HOW_TO_MIGRATE);
      assertThat(statements).hasValue(1);
      // The transaction is still usable, and still open.
      execute(connection, "INSERT INTO inside_the_transaction VALUES (1)");
      connection.rollback();
      assertThat(connection.getAutoCommit()).isFalse();
    }
  }

  @Test
  void aPartlyMigratedDatabaseIsBehindAndTheMessageSaysHowToMigrateInTwoQueries()
      throws SQLException {
    try (TestDatabase db = TestDatabase.empty()) {
      TodoSchema.migrate(db.dataSource(), 5);
      AtomicInteger statements = new AtomicInteger();

      SchemaVersion version;
      try (Connection connection = db.dataSource().getConnection()) {
        version = TodoSchema.checkVersion(counting(connection, statements));
      }

      assertThat(version).isEqualTo(new SchemaVersion(5, 12));
      assertThat(version.state()).isEqualTo(SchemaState.BEHIND);
      assertThat(version.describe())
          .isEqualTo(
              "the database is at todokit schema version 5, but this release needs version 12"
                  + HOW_TO_MIGRATE);
      assertThat(statements).hasValue(2);
    }
  }

  @Test
  void aMigratedDatabaseIsCurrent() throws SQLException {
    try (TestDatabase db = TestDatabase.migrated();
        Connection connection = db.dataSource().getConnection()) {
      SchemaVersion version = TodoSchema.checkVersion(connection);

      assertThat(version).isEqualTo(new SchemaVersion(12, 12));
      assertThat(version.state()).isEqualTo(SchemaState.CURRENT);
      assertThat(version.describe())
          .isEqualTo("the database is at todokit schema version 12, as this release needs");
    }
  }

  @Test
  void aDatabaseANewerReleaseMigratedIsAheadAndFailedRowsDoNotCount() throws SQLException {
    try (TestDatabase db =
            TestDatabase.migrated(TestDatabase.DEFAULT_LOCATION, "classpath:db/future");
        Connection connection = db.dataSource().getConnection()) {
      execute(
          connection,
          "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
              + " checksum, installed_by, execution_time, success)"
              + " VALUES (100, '14', 'failed', 'SQL', 'V14__failed.sql', 0, current_user, 0,"
              + " false)");

      SchemaVersion version = TodoSchema.checkVersion(connection);

      assertThat(version).isEqualTo(new SchemaVersion(13, 12));
      assertThat(version.state()).isEqualTo(SchemaState.AHEAD);
      assertThat(version.describe())
          .isEqualTo(
              "the database is at todokit schema version 13, ahead of this release (which knows"
                  + " up to 12); this release keeps working as long as the newer release keeps"
                  + " the schema compatible");
    }
  }

  @Test
  void onlyTheHistoryTableInTheCurrentSchemaCounts() throws SQLException {
    try (TestDatabase db = TestDatabase.empty();
        Connection connection = db.dataSource().getConnection()) {
      // The host application's own Flyway history, in a schema later on the search path.
      execute(
          connection,
          "CREATE SCHEMA host;"
              + "CREATE TABLE host.flyway_schema_history (version text, success boolean);"
              + "INSERT INTO host.flyway_schema_history VALUES ('42', true);"
              + "SET search_path = public, host");

      assertThat(TodoSchema.checkVersion(connection)).isEqualTo(new SchemaVersion(0, 12));
    }
  }

  @Test
  void aFailingQueryIsASchemaExceptionWithTheSqlErrorAsCause() throws SQLException {
    try (TestDatabase db = TestDatabase.migrated()) {
      Connection connection = db.dataSource().getConnection();
      connection.close();

      assertThatThrownBy(() -> TodoSchema.checkVersion(connection))
          .isInstanceOf(SchemaException.class)
          .hasMessageStartingWith("could not read the schema version: ")
          .hasCauseInstanceOf(SQLException.class);
    }
  }

  @Test
  void versionsAreNotNegative() {
    assertThatThrownBy(() -> new SchemaVersion(-1, 12))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SchemaVersion(3, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  /** The connection, counting the statements made on it. */
  private static Connection counting(Connection connection, AtomicInteger statements) {
    Set<String> making = Set.of("createStatement", "prepareStatement", "prepareCall");
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (making.contains(method.getName())) {
                statements.incrementAndGet();
              }
              try {
                return method.invoke(connection, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
