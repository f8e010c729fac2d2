package io.todokit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

/** Fresh databases per test class. Uses a real server: the shared one. */
class TestDatabaseTest {

  private static final String LOCATION = "classpath:db/testmigration";

  @Test
  void emptyDatabaseHasNoTablesAndCloseDropsIt() throws SQLException {
    TestDatabase database = TestDatabase.empty();
    PostgresServer server = database.server();

    assertThat(database.name()).matches("todokit_test_[0-9a-f]{12}");
    assertThat(Sql.databaseExists(server, database.name())).isTrue();
    assertThat(Sql.userTables(database.dataSource())).isEmpty();

    database.close();
    database.close();

    assertThat(Sql.databaseExists(server, database.name())).isFalse();
  }

  @Test
  void twoDatabasesAreIndependent() throws SQLException {
    try (TestDatabase first = TestDatabase.empty();
        TestDatabase second = TestDatabase.empty()) {
      Sql.execute(first.dataSource(), "CREATE TABLE only_in_first (id int)");

      assertThat(first.name()).isNotEqualTo(second.name());
      assertThat(Sql.userTables(first.dataSource())).containsExactly("only_in_first");
      assertThat(Sql.userTables(second.dataSource())).isEmpty();
    }
  }

  @Test
  void migratedDatabaseHasTheMigratedTablesAndData() throws SQLException {
    try (TestDatabase database = TestDatabase.migratedOnly(LOCATION)) {
      assertThat(Sql.userTables(database.dataSource()))
          .containsExactly("flyway_schema_history", "widget");
      assertThat(Sql.column(database.dataSource(), "SELECT name FROM widget"))
          .containsExactly("sprocket");
      assertThat(
              Sql.column(
                  database.dataSource(),
                  "SELECT version FROM flyway_schema_history ORDER BY installed_rank"))
          .containsExactly("1", "2");
    }
  }

  @Test
  void migratedDatabasesAreCopiesOfOneSealedTemplate() throws SQLException {
    try (TestDatabase first = TestDatabase.migratedOnly(LOCATION)) {
      Sql.execute(first.dataSource(), "INSERT INTO widget (id, name) VALUES (2, 'gear')");
      try (TestDatabase second = TestDatabase.migratedOnly(LOCATION)) {
        assertThat(Sql.column(second.dataSource(), "SELECT name FROM widget"))
            .containsExactly("sprocket");
      }
    }
    String template =
        TestDatabases.template(PostgresProvisioner.shared(), false, List.of(LOCATION));
    assertThat(template).matches("todokit_tpl_" + ProcessHandle.current().pid() + "_[0-9a-f]{12}");
    PostgresServer server = PostgresProvisioner.shared();
    assertThat(
            Sql.column(
                server.dataSource(server.adminDatabase()),
                "SELECT datallowconn FROM pg_database WHERE datname = ?",
                template))
        .containsExactly("f");
  }

  @Test
  void jdbcUrlAndCredentialsConnectToTheDatabase() throws SQLException {
    try (TestDatabase database = TestDatabase.empty();
        Connection connection =
            DriverManager.getConnection(
                database.jdbcUrl(), database.username(), database.password())) {
      var result = connection.createStatement().executeQuery("SELECT current_database()");
      result.next();
      assertThat(result.getString(1)).isEqualTo(database.name());
    }
  }

  @Test
  void closeDropsTheDatabaseEvenWithSessionsOpen() throws SQLException {
    TestDatabase database = TestDatabase.empty();
    try (Connection open = database.dataSource().getConnection()) {
      database.close();

      assertThat(Sql.databaseExists(database.server(), database.name())).isFalse();
      assertThatThrownBy(() -> open.createStatement().execute("SELECT 1"))
          .isInstanceOf(SQLException.class);
    }
  }

  @Test
  void todokitsMigrationsWithoutTodoSchemaFailWithAHint() throws SQLException {
    int templatesBefore = templateCount();

    assertThatThrownBy(TestDatabase::migrated)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "todokit's migrations are not on the test class path: add io.todokit:todo-schema (or"
                + " use @TodoDatabaseTest(todokit = false) for the service's migrations only)");
    assertThatThrownBy(() -> TestDatabase.migrated(LOCATION))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("todokit's migrations are not on the test class path");
    assertThat(templateCount()).isEqualTo(templatesBefore);
  }

  @Test
  void failingMigrationFailsAndLeavesNoTemplateBehind() throws SQLException {
    int templatesBefore = templateCount();

    assertThatThrownBy(() -> TestDatabase.migratedOnly("classpath:db/brokenmigration"))
        .isInstanceOf(FlywayException.class)
        .hasMessageContaining("V1__broken.sql");
    assertThat(templateCount()).isEqualTo(templatesBefore);
  }

  @Test
  void noLocationIsRejected() {
    assertThatThrownBy(() -> TestDatabase.migratedOnly(new String[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static int templateCount() throws SQLException {
    PostgresServer server = PostgresProvisioner.shared();
    return Sql.column(
            server.dataSource(server.adminDatabase()),
            "SELECT datname FROM pg_database WHERE datname LIKE ?",
            "todokit\\_tpl\\_" + ProcessHandle.current().pid() + "\\_%")
        .size();
  }
}
