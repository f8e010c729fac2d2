package io.todokit.schema;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The layout of releases before 0.1.0: todokit's tables in the connection's schema (usually {@code
 * public}) with their history in Flyway's default table {@code flyway_schema_history}, which a
 * service's own Flyway may share. Finding it, and carrying its history over to {@link
 * TodoSchema#HISTORY_TABLE} in place.
 */
final class LegacyLayout {

  private static final Logger log = LoggerFactory.getLogger(LegacyLayout.class);

  /**
   * A schema with todokit's tables and trigger function, Flyway's default history table and no
   * todokit history table of its own. {@code to_regclass} and {@code to_regprocedure} cannot fail,
   * so an open transaction of the caller survives the lookup.
   */
  static final String FIND =
      """
      SELECT n.nspname
        FROM pg_namespace n
       WHERE to_regclass(quote_ident(n.nspname) || '.%1$s') IS NOT NULL
         AND to_regclass(quote_ident(n.nspname) || '.%2$s') IS NULL
         AND to_regclass(quote_ident(n.nspname) || '.tasks') IS NOT NULL
         AND to_regprocedure(quote_ident(n.nspname) || '.todokit_set_updated_at()') IS NOT NULL
       ORDER BY n.nspname = ? DESC, n.nspname = current_schema() DESC, n.nspname
       LIMIT 1"""
          .formatted(TodoSchema.LEGACY_HISTORY_TABLE, TodoSchema.HISTORY_TABLE);

  private LegacyLayout() {}

  /**
   * The schema that holds todokit's tables as a release before 0.1.0 left them, preferring {@code
   * schema}, then the connection's current schema; null when there is none.
   */
  static @Nullable String find(Connection connection, String schema) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(FIND)) {
      statement.setString(1, schema);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    }
  }

  /**
   * Before {@code todokit}'s Flyway first runs on its schema: when that schema holds the old
   * layout, copies todokit's rows of {@code flyway_schema_history} to a new {@link
   * TodoSchema#HISTORY_TABLE} (same rows, same checksums, so nothing runs again) and removes them
   * from the old table, which stays for the service's own Flyway. When the old layout is in another
   * schema, refuses, so that todokit's data is never split over two schemas. One transaction,
   * serialised with concurrent callers by an advisory lock; a no-op when the new history table
   * exists.
   *
   * @throws SchemaException when the old layout is in another schema, or its history is not the one
   *     todokit's releases wrote (then nothing is changed)
   */
  static void carryOver(DataSource dataSource, TodoSchema todo) {
    String schema = todo.schemaName();
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        carryOver(connection, todo);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new SchemaException(
          "could not carry todokit's history in schema "
              + schema
              + " over to "
              + TodoSchema.HISTORY_TABLE
              + "; nothing was changed: "
              + e.getMessage(),
          e);
    }
  }

  private static void carryOver(Connection connection, TodoSchema todo) throws SQLException {
    String schema = todo.schemaName();
    try (Statement lock = connection.createStatement()) {
      lock.execute("SELECT pg_advisory_xact_lock(hashtext('todokit: carry history over'))");
    }
    String legacy = find(connection, schema);
    if (legacy == null) {
      return;
    }
    if (!legacy.equals(schema)) {
      if (hasHistory(connection, todo)) {
        return;
      }
      throw new SchemaException(
          new SchemaVersion(schema, 0, TodoSchema.latestVersion(), legacy).describe()
              + "; nothing was changed");
    }
    String old =
        TodoSchema.quoted(schema) + "." + TodoSchema.quoted(TodoSchema.LEGACY_HISTORY_TABLE);
    List<Integer> ranks = new ArrayList<>();
    int expected = 1;
    List<String> strangers = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT installed_rank, version, script, success, type FROM "
                    + old
                    + " ORDER BY installed_rank")) {
      while (rows.next()) {
        String version = rows.getString(2);
        String script = rows.getString(3);
        if (!isTodokitStep(version, script)) {
          if (!"SCHEMA".equals(rows.getString(5)) && !"BASELINE".equals(rows.getString(5))) {
            strangers.add(script);
          }
          continue;
        }
        if (!rows.getBoolean(4) || Integer.parseInt(version) != expected) {
          throw new SchemaException(
              "schema "
                  + schema
                  + " holds todokit's tables of a release before 0.1.0, but its "
                  + TodoSchema.LEGACY_HISTORY_TABLE
                  + " does not record todokit's migrations 1, 2, … in order and successful (at "
                  + script
                  + "): repair that history first; nothing was changed");
        }
        ranks.add(rows.getInt(1));
        expected++;
      }
    }
    if (ranks.isEmpty()) {
      throw new SchemaException(
          "schema "
              + schema
              + " holds todokit's tables of a release before 0.1.0, but "
              + TodoSchema.LEGACY_HISTORY_TABLE
              + " records none of todokit's migrations; nothing was changed");
    }
    String fresh = todo.qualified(TodoSchema.HISTORY_TABLE);
    Array rankArray = connection.createArrayOf("int4", ranks.toArray());
    try (Statement statement = connection.createStatement()) {
      // LIKE copies the columns, defaults, primary key and index of whatever Flyway made the old.
      statement.execute("CREATE TABLE " + fresh + " (LIKE " + old + " INCLUDING ALL)");
    }
    try (PreparedStatement copy =
        connection.prepareStatement(
            "INSERT INTO "
                + fresh
                + " (installed_rank, version, description, type, script, checksum, installed_by,"
                + " installed_on, execution_time, success)"
                + " SELECT row_number() OVER (ORDER BY installed_rank), version, description,"
                + " type, script, checksum, installed_by, installed_on, execution_time, success"
                + " FROM "
                + old
                + " WHERE installed_rank = ANY (?)")) {
      copy.setArray(1, rankArray);
      copy.executeUpdate();
    }
    try (PreparedStatement forget =
        connection.prepareStatement("DELETE FROM " + old + " WHERE installed_rank = ANY (?)")) {
      forget.setArray(1, rankArray);
      forget.executeUpdate();
    }
    log.info(
        "todokit: carried migrations 1 to {} of schema {} over from {} to {}; {} stays{}",
        ranks.size(),
        schema,
        TodoSchema.LEGACY_HISTORY_TABLE,
        TodoSchema.HISTORY_TABLE,
        TodoSchema.LEGACY_HISTORY_TABLE,
        strangers.isEmpty()
            ? " (empty) for a service's own Flyway"
            : " with the service's own " + strangers.size() + " migration(s)");
  }

  private static boolean hasHistory(Connection connection, TodoSchema todo) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT to_regclass(quote_ident(?) || '."
                + TodoSchema.HISTORY_TABLE
                + "') IS NOT NULL")) {
      statement.setString(1, todo.schemaName());
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() && rows.getBoolean(1);
      }
    }
  }

  /** {@code V1__users.sql} with version 1, and so on for every step this release knows. */
  private static boolean isTodokitStep(@Nullable String version, String script) {
    if (version == null || !version.matches("[0-9]{1,9}")) {
      return false;
    }
    int number = Integer.parseInt(version);
    if (number < 1 || number > TodoSchema.latestVersion()) {
      return false;
    }
    String name = script.substring(script.lastIndexOf('/') + 1);
    return name.equals(SchemaStep.of(number).migrationScript());
  }
}
