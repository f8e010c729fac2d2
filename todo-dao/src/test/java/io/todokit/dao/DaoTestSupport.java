package io.todokit.dao;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.todokit.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the DAO tests: a fresh migrated database on a real PostgreSQL per test class, a small
 * connection pool on it, a {@link TodoDb}, and plain-JDBC helpers to arrange and inspect rows
 * independently of the DAOs under test.
 */
public abstract class DaoTestSupport {

  protected static TestDatabase database;

  /**
   * The pool the DAOs run on, with PostgreSQL's default search path ({@code "$user", public}), as
   * in a service: every DAO statement must name todokit's schema itself.
   */
  protected static HikariDataSource dataSource;

  /**
   * A pool for the tests' own plain SQL, whose search path starts with todokit's schema so that it
   * may name todokit's tables unqualified.
   */
  protected static HikariDataSource sqlSource;

  protected static TodoDb db;

  @BeforeAll
  static void createDatabase() {
    database = TestDatabase.migrated();
    dataSource = pool("todokit-test", null);
    sqlSource = pool("todokit-test-sql", "SET search_path = todokit, public");
    // Every DAO statement is checked against the rule of a distributed database (row locks only
    // with user_id = ?); a class that sent one that breaks it fails in dropDatabase. Declared
    // distributed, so that the claims take their user-by-user form (a single server's claim locks
    // across users in one statement: see singleServer()).
    db = TodoDb.create(DistributableStatements.watch(dataSource)).withDistributed(true);
  }

  private static HikariDataSource pool(
      String name, @org.jspecify.annotations.Nullable String initSql) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(database.dataSource());
    config.setMaximumPoolSize(name.endsWith("sql") ? 4 : 10);
    config.setPoolName(name);
    if (initSql != null) {
      config.setConnectionInitSql(initSql);
    }
    return new HikariDataSource(config);
  }

  @AfterAll
  static void dropDatabase() {
    dataSource.close();
    sqlSource.close();
    database.close();
    assertThat(DistributableStatements.violations())
        .as("row-locking statements without user_id = ? (docs/distributed.md)")
        .isEmpty();
  }

  /**
   * Makes {@link #db} a single server's, for a subclass that runs its tests again with the claims'
   * one-statement form ({@code @BeforeAll}, after {@link #createDatabase}): on the plain pool,
   * which the rule of a distributed database does not watch.
   */
  protected static void singleServer() {
    db = TodoDb.create(dataSource).withDistributed(false);
  }

  /** The database with "now" pinned to {@code now}. */
  protected static TodoDb dbAt(Instant now) {
    return db.withClock(Clock.fixed(now, ZoneOffset.UTC));
  }

  /** Inserts a user with plain SQL and returns its id. */
  protected static UUID newUser(String timeZone) {
    UUID id = UUID.randomUUID();
    String name = "u" + id.toString().replace("-", "").substring(0, 20);
    sql(
        "INSERT INTO users (id, username, email, password_hash, time_zone) VALUES (?, ?, ?, 'x', ?)",
        id,
        name,
        name + "@example.org",
        timeZone);
    return id;
  }

  /**
   * Runs a statement as if before V11: with the table's time-zone check suspended, so that a zone
   * the check refuses today (an abbreviation such as {@code PST}) is stored as old data may hold
   * it; the check comes back {@code NOT VALID}, as V11 left it.
   */
  protected static int sqlBeforeZoneCheck(String table, String sql, Object... parameters) {
    String constraint = table + "_time_zone_valid";
    try (Connection connection = sqlSource.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement();
          PreparedStatement insert = connection.prepareStatement(sql)) {
        statement.execute("ALTER TABLE " + table + " DROP CONSTRAINT " + constraint);
        bind(insert, parameters);
        int rows = insert.executeUpdate();
        statement.execute(
            "ALTER TABLE "
                + table
                + " ADD CONSTRAINT "
                + constraint
                + " CHECK (todokit_is_time_zone(time_zone)) NOT VALID");
        connection.commit();
        return rows;
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Inserts a user whose zone only an older schema allowed (see {@link #sqlBeforeZoneCheck}). */
  protected static UUID newLegacyUser(String timeZone) {
    UUID id = UUID.randomUUID();
    String name = "u" + id.toString().replace("-", "").substring(0, 20);
    sqlBeforeZoneCheck(
        "users",
        "INSERT INTO users (id, username, email, password_hash, time_zone) VALUES (?, ?, ?, 'x', ?)",
        id,
        name,
        name + "@example.org",
        timeZone);
    return id;
  }

  /** Inserts a user in UTC with plain SQL and returns its id. */
  protected static UUID newUser() {
    return newUser("UTC");
  }

  /** Runs a statement with plain JDBC. */
  protected static int sql(String sql, Object... parameters) {
    try (Connection connection = sqlSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs a query that returns one timestamp (or NULL) of one row with plain JDBC. */
  protected static @org.jspecify.annotations.Nullable Instant instantOf(
      String sql, Object... parameters) {
    try (Connection connection = sqlSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          throw new IllegalStateException("no row: " + sql);
        }
        java.time.OffsetDateTime value = rows.getObject(1, java.time.OffsetDateTime.class);
        return value == null ? null : value.toInstant();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs a query that returns one number with plain JDBC. */
  protected static long count(String sql, Object... parameters) {
    try (Connection connection = sqlSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Counts all rows of a table: proves that a failed call wrote nothing. */
  protected static long rows(String table) {
    return count("SELECT count(*) FROM " + table);
  }

  /**
   * A TodoDb on the same pool that adds every statement it sends, with its values inlined, to
   * {@code sink}, so that a test can EXPLAIN exactly what the DAOs run; the {@code set_config} of
   * each transaction's timeouts is left out (it has no plan to check).
   */
  protected static TodoDb recordingDb(List<String> sink) {
    return TodoDb.create(
        DSL.using(
            new DefaultConfiguration()
                .set(dataSource)
                .set(SQLDialect.POSTGRES)
                .set(
                    ExecuteListener.onExecuteStart(
                        context -> {
                          String sql =
                              context.query() == null
                                  ? context.sql()
                                  : context.query().getSQL(ParamType.INLINED);
                          if (sql != null && !sql.startsWith("select set_config(")) {
                            sink.add(sql);
                          }
                        }))));
  }

  /** The plan of a statement ({@code EXPLAIN}), one plan line per text line; also printed. */
  protected static String explain(String statement) {
    StringBuilder plan = new StringBuilder();
    try (Connection connection = sqlSource.getConnection();
        Statement explain = connection.createStatement();
        ResultSet rows = explain.executeQuery("EXPLAIN " + statement)) {
      while (rows.next()) {
        plan.append(rows.getString(1)).append('\n');
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot EXPLAIN " + statement, e);
    }
    System.out.println("EXPLAIN " + statement + "\n" + plan);
    return plan.toString();
  }

  private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      Object parameter = parameters[i];
      if (parameter instanceof Instant instant) {
        statement.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
      } else {
        statement.setObject(i + 1, parameter);
      }
    }
  }
}
