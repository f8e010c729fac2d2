package io.todokit.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/** {@link TodoSchema#checkVersion}: the version a database is at, in at most two queries. */
final class VersionQuery {

  private VersionQuery() {}

  static SchemaVersion read(TodoSchema schema, Connection connection) {
    Objects.requireNonNull(connection, "connection");
    try {
      boolean exists;
      String legacy;
      // One statement either way: the lookups cannot fail, and the search for an old layout runs
      // only when todokit's history table is missing.
      try (PreparedStatement statement =
          connection.prepareStatement(
              "SELECT h, CASE WHEN NOT h THEN ("
                  + LegacyLayout.FIND
                  + ") END FROM (SELECT to_regclass(quote_ident(?) || '."
                  + TodoSchema.HISTORY_TABLE
                  + "') IS NOT NULL AS h) AS history")) {
        statement.setString(1, schema.schemaName());
        statement.setString(2, schema.schemaName());
        try (ResultSet rows = statement.executeQuery()) {
          rows.next();
          exists = rows.getBoolean(1);
          legacy = rows.getString(2);
        }
      }
      if (!exists) {
        return new SchemaVersion(schema.schemaName(), 0, TodoSchema.latestVersion(), legacy);
      }
      int found;
      // Versions are whole numbers; Flyway's own bookkeeping rows (schema creation) have none.
      try (Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "SELECT coalesce(max(version::int), 0) FROM "
                      + schema.qualified(TodoSchema.HISTORY_TABLE)
                      + " WHERE success AND version ~ '^[0-9]{1,9}$'")) {
        rows.next();
        found = rows.getInt(1);
      }
      return new SchemaVersion(schema.schemaName(), found, TodoSchema.latestVersion(), null);
    } catch (SQLException e) {
      throw new SchemaException("could not read the schema version: " + e.getMessage(), e);
    }
  }
}
