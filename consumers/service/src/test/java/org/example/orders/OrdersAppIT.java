package org.example.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.todokit.dao.TodoDb;
import io.todokit.dao.tasks.NewTask;
import io.todokit.dao.tasks.Task;
import io.todokit.dao.users.NewUser;
import io.todokit.dao.users.User;
import io.todokit.schema.TodoSchema;
import io.todokit.testing.TestDatabase;
import io.todokit.testing.TodoDatabaseTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The service's migrations (numbered from V1, in {@code classpath:db/migration}) and todokit's in
 * one database, on the JUnit this project asks for.
 */
@TodoDatabaseTest(locations = "classpath:db/migration")
class OrdersAppIT {

  private final DataSource dataSource;

  OrdersAppIT(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Test
  void runsOnTheJUnitThisProjectAsksFor() {
    String running = Test.class.getPackage().getImplementationVersion();
    System.out.println("consumer: JUnit Jupiter " + running);
    assertEquals(System.getProperty("expected.junit.version"), running);
  }

  @Test
  void eachMigrationSetHasItsOwnSchemaAndHistoryTable() throws SQLException {
    assertEquals(
        List.of(
            "public.flyway_schema_history",
            "public.orders",
            "todokit.tasks",
            "todokit.todokit_schema_history"),
        strings(
            "SELECT table_schema || '.' || table_name FROM information_schema.tables"
                + " WHERE table_name IN"
                + " ('orders', 'tasks', 'flyway_schema_history', 'todokit_schema_history')"
                + " ORDER BY 1"));
  }

  @Test
  void theServicesHistoryHoldsOnlyItsOwnMigrationsNumberedFromV1() throws SQLException {
    assertEquals(
        List.of("1 orders"),
        strings(
            "SELECT version || ' ' || description FROM public.flyway_schema_history"
                + " WHERE success ORDER BY installed_rank"));
  }

  @Test
  void todokitsHistoryIsAtThisReleasesLatestVersion() throws SQLException {
    assertEquals(
        List.of(Integer.toString(TodoSchema.latestVersion())),
        strings(
            "SELECT max(version::int)::text FROM todokit.todokit_schema_history WHERE success"));
  }

  @Test
  void todoDbAndTheServicesOwnTablesWorkSideBySide() throws SQLException {
    TodoDb db = TodoDb.create(dataSource);
    User user = db.users().create(NewUser.of("it-user", "it@example.org", "hash"));
    Task task = db.tasks().create(user.id(), NewTask.titled("Pack the order"));

    assertEquals("Pack the order", db.tasks().find(user.id(), task.id()).orElseThrow().title());
    assertEquals(
        List.of("1"),
        strings("SELECT count(*)::text FROM todokit.tasks WHERE title = 'Pack the order'"));
  }

  @Test
  void theMainClassMigratesAnEmptyDatabaseAndPrintsItsLine() throws SQLException {
    try (TestDatabase empty = TestDatabase.empty()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      long orderId =
          OrdersApp.run(empty.dataSource(), new PrintStream(out, true, StandardCharsets.UTF_8));

      assertEquals(1, orderId);
      assertEquals(
          "orders: order 1 for ACME tracked by task 'Deliver order for ACME' (PENDING) of user acme;"
              + " todokit schema todokit at version " + TodoSchema.latestVersion() + "\n",
          out.toString(StandardCharsets.UTF_8));
    }
  }

  @Nested
  class WhenNested {
    @Test
    void sharesTheOuterClassDatabase(TestDatabase database) throws SQLException {
      try (Connection connection = dataSource.getConnection();
          ResultSet row =
              connection.createStatement().executeQuery("SELECT current_database()")) {
        row.next();
        assertEquals(database.name(), row.getString(1));
      }
    }
  }

  private List<String> strings(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    }
  }
}
