package io.todokit.bench.dao;

import com.zaxxer.hikari.HikariDataSource;
import io.todokit.dao.TodoDb;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The loaded database of one benchmark run: one HikariCP pool (the same settings for the DAO and
 * its JDBC twin, {@link BenchTarget#pool}), the {@link TodoDb} on it, the twin and the dataset.
 */
@State(Scope.Benchmark)
public class BenchDatabase {

  HikariDataSource pool;
  TodoDb db;
  JdbcTwin jdbc;
  JdbcBatchTwin batchJdbc;
  Dataset data;

  /** The system property that sets {@code plan_cache_mode} on the pool's connections. */
  static final String PLAN_CACHE_MODE = "todokit.bench.plan_cache_mode";

  /**
   * The {@code plan_cache_mode} the benchmarks' connections use: null for the server's setting.
   *
   * @throws IllegalArgumentException for a value PostgreSQL does not know
   */
  static @org.jspecify.annotations.Nullable String planCacheMode(
      @org.jspecify.annotations.Nullable String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (!java.util.Set.of("auto", "force_custom_plan", "force_generic_plan").contains(value)) {
      throw new IllegalArgumentException(
          "plan_cache_mode must be auto, force_custom_plan or force_generic_plan, not " + value);
    }
    return value;
  }

  /** Opens the pool. */
  @Setup(Level.Trial)
  public void open() {
    BenchMain.quietJooq();
    BenchTarget target = BenchTarget.fromSystemProperties();
    data = target.dataset();
    String mode = planCacheMode(System.getProperty(PLAN_CACHE_MODE));
    pool = target.pool("bench", mode == null ? null : "SET plan_cache_mode = " + mode);
    db = TodoDb.create(pool);
    jdbc = new JdbcTwin(pool);
    batchJdbc = new JdbcBatchTwin(pool);
  }

  /** Reports what the plan cache of every pooled connection did, then closes the pool. */
  @TearDown(Level.Trial)
  public void close() {
    try {
      planCacheReport();
    } finally {
      pool.close();
    }
  }

  /**
   * Prints, for every statement the pool's connections prepared on the server, how many of its
   * executions ran a generic plan and how many a custom one ({@code pg_prepared_statements},
   * PostgreSQL 14+), summed over the pool: whether {@code plan_cache_mode=auto} settled on a
   * generic plan is what makes a hot read's latency stable.
   */
  private void planCacheReport() {
    java.util.Map<String, long[]> counts = new java.util.TreeMap<>();
    java.util.List<Connection> held = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
        Connection connection = pool.getConnection();
        held.add(connection);
        try (PreparedStatement statement =
                connection.prepareStatement(
                    "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements"
                        + " WHERE generic_plans + custom_plans > 0");
            java.sql.ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            long[] sum = counts.computeIfAbsent(rows.getString(1), sql -> new long[2]);
            sum[0] += rows.getLong(2);
            sum[1] += rows.getLong(3);
          }
        }
      }
    } catch (SQLException e) {
      System.out.println("[plan-cache] not available: " + e.getMessage());
      return;
    } finally {
      for (Connection connection : held) {
        try {
          connection.close();
        } catch (SQLException ignored) {
          // back to a pool that is closed next
        }
      }
    }
    counts.forEach(
        (sql, sum) ->
            System.out.printf(
                java.util.Locale.ROOT,
                "[plan-cache] generic=%d custom=%d %s%n",
                sum[0],
                sum[1],
                sql.replaceAll("\\s+", " ")));
  }

  /** Runs a statement outside the measurement (restoring what a write changed). */
  void execute(String sql, Object... parameters) {
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.execute();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs one statement for each row of parameters, in one batch. */
  void batch(String sql, java.util.List<Object[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (Object[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          statement.setObject(i + 1, row[i]);
        }
        statement.addBatch();
      }
      statement.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The rows of a query, as arrays of column values. */
  java.util.List<Object[]> query(String sql) {
    java.util.List<Object[]> rows = new java.util.ArrayList<>();
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql);
        java.sql.ResultSet result = statement.executeQuery()) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        Object[] row = new Object[columns];
        for (int i = 0; i < columns; i++) {
          row[i] = result.getObject(i + 1);
        }
        rows.add(row);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }
}
