package io.todokit.bench.dao;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;

/** The size of every table and its indexes, as a Markdown table. */
final class Storage {

  private Storage() {}

  static String report(DataSource dataSource) throws SQLException {
    StringBuilder out = new StringBuilder();
    out.append("| table | rows | heap + TOAST | indexes | total | bytes/row (heap) |\n");
    out.append("|---|---:|---:|---:|---:|---:|\n");
    long heap = 0;
    long indexes = 0;
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT c.relname, c.reltuples::bigint,"
                    + " pg_table_size(c.oid), pg_indexes_size(c.oid), pg_total_relation_size(c.oid)"
                    + " FROM pg_class c WHERE c.relkind = 'r'"
                    + " AND c.relnamespace = current_schema()::regnamespace"
                    + " AND c.relname NOT LIKE 'flyway%' ORDER BY pg_total_relation_size(c.oid) DESC")) {
      while (rows.next()) {
        long tuples = Math.max(rows.getLong(2), 0);
        heap += rows.getLong(3);
        indexes += rows.getLong(4);
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %,d | %s | %s | %s | %s |%n",
                rows.getString(1),
                tuples,
                mb(rows.getLong(3)),
                mb(rows.getLong(4)),
                mb(rows.getLong(5)),
                tuples == 0 ? "—" : Long.toString(rows.getLong(3) / tuples)));
      }
    }
    out.append(
        String.format(
            Locale.ROOT,
            "| **all** | | **%s** | **%s** | **%s** | |%n",
            mb(heap),
            mb(indexes),
            mb(heap + indexes)));
    out.append("\n| index | table | size |\n|---|---|---:|\n");
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT i.indexrelid::regclass::text, i.indrelid::regclass::text,"
                    + " pg_relation_size(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid"
                    + " WHERE c.relnamespace = current_schema()::regnamespace AND c.relname NOT LIKE 'flyway%'"
                    + " ORDER BY 3 DESC")) {
      while (rows.next()) {
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s |%n",
                rows.getString(1),
                rows.getString(2),
                mb(rows.getLong(3))));
      }
    }
    return out.toString();
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1_048_576.0);
  }
}
