package org.example.orders;

import io.todokit.dao.TodoDb;
import io.todokit.dao.tasks.NewTask;
import io.todokit.dao.tasks.Task;
import io.todokit.dao.users.NewUser;
import io.todokit.dao.users.User;
import io.todokit.schema.SchemaInfo;
import io.todokit.schema.TodoSchema;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A service's start-up with todokit inside: the service's own Flyway migrations (Flyway's
 * defaults: {@code classpath:db/migration}, history in {@code flyway_schema_history}, schema
 * {@code public}), then todokit's ({@link TodoSchema#standard()}: schema {@code todokit}, its own
 * history table), then one order whose delivery a todokit task tracks.
 *
 * <p>Not thread-safe; run once per process.
 */
public final class OrdersApp {

  private OrdersApp() {}

  /**
   * Runs against the database in {@code TODO_PG_URL} (user {@code TODO_PG_USER}, password {@code
   * TODO_PG_PASSWORD}).
   *
   * @param args none
   * @throws SQLException when the service's own statements fail
   */
  public static void main(String[] args) throws SQLException {
    String url = System.getenv("TODO_PG_URL");
    if (url == null || url.isBlank()) {
      System.err.println("orders: set TODO_PG_URL to a jdbc:postgresql:// URL");
      System.exit(2);
    }
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(url);
    String user = System.getenv("TODO_PG_USER");
    if (user != null) {
      dataSource.setUser(user);
    }
    String password = System.getenv("TODO_PG_PASSWORD");
    if (password != null) {
      dataSource.setPassword(password);
    }
    run(dataSource, System.out);
  }

  /**
   * Migrates both schemas, then creates a user, a task and an order, and prints one line that
   * starts with {@code orders: }.
   *
   * @param dataSource the service's database
   * @param out where the line goes
   * @return the order's id
   * @throws SQLException when the service's own statements fail
   */
  public static long run(DataSource dataSource, PrintStream out) throws SQLException {
    Objects.requireNonNull(dataSource, "dataSource");
    Flyway.configure().dataSource(dataSource).load().migrate();
    SchemaInfo todokit = TodoSchema.standard().migrate(dataSource);

    TodoDb db = TodoDb.create(dataSource);
    User user = db.users().create(NewUser.of("acme", "orders@acme.example", "not-a-real-hash"));
    Task task = db.tasks().create(user.id(), NewTask.titled("Deliver order for ACME"));
    long orderId = insertOrder(dataSource, "ACME", task);

    out.printf(
        "orders: order %d for ACME tracked by task '%s' (%s) of user %s; todokit schema %s at"
            + " version %d%n",
        orderId,
        task.title(),
        task.status(),
        user.username(),
        TodoSchema.standard().schemaName(),
        todokit.currentVersion());
    return orderId;
  }

  private static long insertOrder(DataSource dataSource, String customer, Task task)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO orders (customer, task_user_id, task_id) VALUES (?, ?, ?)"
                    + " RETURNING id")) {
      insert.setString(1, customer);
      insert.setObject(2, task.userId());
      insert.setObject(3, task.id());
      try (ResultSet row = insert.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
