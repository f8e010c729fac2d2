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

  private static final int HEAD = TodoSchema.latestVersion();

  /** The version of the test-only step of a newer release (db/future). */
  private static final int NEWER = 99;

  private static final String HOW_TO_MIGRATE =
      ": migrate it with TodoSchema.in(\"todokit\").migrate(dataSource) or todo-cli migrate"
          + " --schema todokit";

  @Test
  void latestVersionIsTheNewestMigrationOnTheClassPath() {
    try (TestDatabase db = TestDatabase.empty()) {
      SchemaInfo info = TodoSchema.standard().info(db.dataSource());

      assertThat(TodoSchema.latestVersion())
          .isEqualTo(info.pending().getLast().version())
          .isEqualTo(SchemaStep.head().version())
          .isEqualTo(17);
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

      SchemaVersion version = TodoSchema.standard().checkVersion(counting(connection, statements));

      assertThat(version).isEqualTo(new SchemaVersion("todokit", 0, HEAD, null));
      assertThat(version.state()).isEqualTo(SchemaState.BEHIND);
      assertThat(version.describe())
          .isEqualTo(
              "todokit schema \"todokit\" has no todokit migrations applied (version 0), but this"
                  + " release needs version "
                  + HEAD
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
      TodoSchema.standard().migrate(db.dataSource(), 5);
      AtomicInteger statements = new AtomicInteger();

      SchemaVersion version;
      try (Connection connection = db.dataSource().getConnection()) {
        version = TodoSchema.standard().checkVersion(counting(connection, statements));
      }

      assertThat(version).isEqualTo(new SchemaVersion("todokit", 5, HEAD, null));
      assertThat(version.state()).isEqualTo(SchemaState.BEHIND);
      assertThat(version.describe())
          .isEqualTo(
              "todokit schema \"todokit\" is at version 5, but this release needs version "
                  + HEAD
                  + HOW_TO_MIGRATE);
      assertThat(statements).hasValue(2);
    }
  }

  @Test
  void aMigratedDatabaseIsCurrent() throws SQLException {
    try (TestDatabase db = TestDatabase.migrated();
        Connection connection = db.dataSource().getConnection()) {
      SchemaVersion version = TodoSchema.standard().checkVersion(connection);

      assertThat(version).isEqualTo(new SchemaVersion("todokit", HEAD, HEAD, null));
      assertThat(version.state()).isEqualTo(SchemaState.CURRENT);
      assertThat(version.describe())
          .isEqualTo(
              "todokit schema \"todokit\" is at version " + HEAD + ", as this release needs");
    }
  }

  @Test
  void aDatabaseANewerReleaseMigratedIsAheadAndFailedRowsDoNotCount() throws SQLException {
    try (TestDatabase db = NewerDatabaseTest.migratedByANewerRelease();
        Connection connection = db.dataSource().getConnection()) {
      execute(
          connection,
          "INSERT INTO todokit.todokit_schema_history (installed_rank, version, description, type,"
              + " script, checksum, installed_by, execution_time, success)"
              + " VALUES (100, '100', 'failed', 'SQL', 'V100__failed.sql', 0, current_user, 0,"
              + " false)");

      SchemaVersion version = TodoSchema.standard().checkVersion(connection);

      assertThat(version).isEqualTo(new SchemaVersion("todokit", NEWER, HEAD, null));
      assertThat(version.state()).isEqualTo(SchemaState.AHEAD);
      assertThat(version.describe())
          .isEqualTo(
              "todokit schema \"todokit\" is at version "
                  + NEWER
                  + ", ahead of this release (which knows up to "
                  + HEAD
                  + "); this release keeps working as long as the newer release keeps the schema"
                  + " compatible");
    }
  }

  @Test
  void onlyTodokitsHistoryTableInItsSchemaCounts() throws SQLException {
    try (TestDatabase db = TestDatabase.empty();
        Connection connection = db.dataSource().getConnection()) {
      // The service's own Flyway history, in its schema and in one named like todokit's.
      execute(
          connection,
          "CREATE TABLE public.flyway_schema_history (version text, success boolean);"
              + "INSERT INTO public.flyway_schema_history VALUES ('42', true);"
              + "CREATE SCHEMA todokit;"
              + "CREATE TABLE todokit.flyway_schema_history (version text, success boolean);"
              + "INSERT INTO todokit.flyway_schema_history VALUES ('42', true);"
              + "SET search_path = public, todokit");

      assertThat(TodoSchema.standard().checkVersion(connection))
          .isEqualTo(new SchemaVersion("todokit", 0, HEAD, null));
    }
  }

  @Test
  void anotherSchemaIsReadWhereItIsWhateverTheSearchPath() throws SQLException {
    try (TestDatabase db = TestDatabase.empty()) {
      TodoSchema.in("tasks app").migrate(db.dataSource(), 4);
      try (Connection connection = db.dataSource().getConnection()) {
        execute(connection, "SET search_path = pg_catalog");

        assertThat(TodoSchema.in("tasks app").checkVersion(connection))
            .isEqualTo(new SchemaVersion("tasks app", 4, HEAD, null));
        assertThat(TodoSchema.standard().checkVersion(connection).found()).isZero();
      }
    }
  }

  @Test
  void aFailingQueryIsASchemaExceptionWithTheSqlErrorAsCause() throws SQLException {
    try (TestDatabase db = TestDatabase.migrated()) {
      Connection connection = db.dataSource().getConnection();
      connection.close();

      assertThatThrownBy(() -> TodoSchema.standard().checkVersion(connection))
          .isInstanceOf(SchemaException.class)
          .hasMessageStartingWith("could not read the schema version: ")
          .hasCauseInstanceOf(SQLException.class);
    }
  }

  @Test
  void versionsAreNotNegative() {
    assertThatThrownBy(() -> new SchemaVersion("todokit", -1, HEAD, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SchemaVersion("todokit", 3, 0, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SchemaVersion("todokit", 3, HEAD, "public"))
        .isInstanceOf(IllegalArgumentException.class);
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
