package io.todokit.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Tiny JDBC helpers for the tests. */
final class Sql {

  private Sql() {}

  /** The first column of every row of a query, as text. */
  static List<String> column(DataSource dataSource, String sql, Object... parameters)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      List<String> values = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          values.add(result.getString(1));
        }
      }
      return values;
    }
  }

  static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.createStatement().execute(sql);
    }
  }

  static boolean databaseExists(PostgresServer server, String name) throws SQLException {
    return !column(
            server.dataSource(server.adminDatabase()),
            "SELECT datname FROM pg_database WHERE datname = ?",
            name)
        .isEmpty();
  }

  static List<String> userTables(DataSource dataSource) throws SQLException {
    return column(
        dataSource,
        "SELECT tablename FROM pg_tables"
            + " WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY tablename");
  }
}
