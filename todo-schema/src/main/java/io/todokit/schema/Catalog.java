package io.todokit.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A snapshot of the objects in one schema, as PostgreSQL describes them.
 *
 * <p>Every map is keyed by a qualified name ({@code table.column}, {@code table.index}, …) and
 * sorted, so that two snapshots compare with {@code equals} and print readably. Column order is
 * left out on purpose: a column dropped and added again gets a new position but is the same column.
 *
 * @param tables table name → its kind ({@code table})
 * @param columns {@code table.column} → type, nullability and default
 * @param indexes {@code table.index} → the index definition
 * @param constraints {@code table.constraint} → the constraint definition
 * @param triggers {@code table.trigger} → the trigger definition
 * @param functions function signature → its definition
 * @param types enum type name → its values in order
 */
record Catalog(
    SortedMap<String, String> tables,
    SortedMap<String, String> columns,
    SortedMap<String, String> indexes,
    SortedMap<String, String> constraints,
    SortedMap<String, String> triggers,
    SortedMap<String, String> functions,
    SortedMap<String, String> types) {

  private static final String TABLES =
      """
      SELECT c.relname, 'table'
        FROM pg_class c
       WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = ?) AND c.relkind IN ('r', 'p')
      """;

  private static final String COLUMNS =
      """
      SELECT c.relname || '.' || a.attname,
             format_type(a.atttypid, a.atttypmod)
               || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END
               || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = ?) AND c.relkind IN ('r', 'p')
         AND a.attnum > 0 AND NOT a.attisdropped
      """;

  private static final String INDEXES =
      """
      SELECT t.relname || '.' || i.relname, pg_get_indexdef(i.oid)
        FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_class t ON t.oid = x.indrelid
       WHERE t.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = ?)
      """;

  private static final String CONSTRAINTS =
      """
      SELECT t.relname || '.' || k.conname, pg_get_constraintdef(k.oid)
        FROM pg_constraint k
        JOIN pg_class t ON t.oid = k.conrelid
       WHERE t.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = ?)
         AND k.contype IN ('p', 'u', 'f', 'c', 'x')
      """;

  private static final String TRIGGERS =
      """
      SELECT t.relname || '.' || g.tgname, pg_get_triggerdef(g.oid)
        FROM pg_trigger g
        JOIN pg_class t ON t.oid = g.tgrelid
       WHERE t.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = ?) AND NOT g.tgisinternal
      """;

  private static final String FUNCTIONS =
      """
      SELECT p.proname || '(' || oidvectortypes(p.proargtypes) || ')',
             pg_get_functiondef(p.oid)
        FROM pg_proc p
       WHERE p.pronamespace = (SELECT oid FROM pg_namespace WHERE nspname = ?) AND p.prokind = 'f'
      """;

  private static final String TYPES =
      """
      SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
        FROM pg_type t
        JOIN pg_enum e ON e.enumtypid = t.oid
       WHERE t.typnamespace = (SELECT oid FROM pg_namespace WHERE nspname = ?)
       GROUP BY t.typname
      """;

  /**
   * Reads the snapshot of {@code schema} in one connection, in a read-only transaction of its own
   * whose search path is that schema, so that definitions name its objects unqualified whatever
   * schema they live in; the connection's own settings are left as they were.
   */
  static Catalog read(Connection connection, String schema) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      try (PreparedStatement path =
          connection.prepareStatement(
              "SELECT set_config('search_path', quote_ident(?) || ', pg_catalog', true)")) {
        path.setString(1, schema);
        path.execute();
      }
      return new Catalog(
          query(connection, TABLES, schema),
          query(connection, COLUMNS, schema),
          query(connection, INDEXES, schema),
          query(connection, CONSTRAINTS, schema),
          query(connection, TRIGGERS, schema),
          query(connection, FUNCTIONS, schema),
          query(connection, TYPES, schema));
    } finally {
      connection.rollback();
      connection.setAutoCommit(autoCommit);
    }
  }

  /** True when the schema holds no table, function or type of its own. */
  boolean isEmpty() {
    return tables.isEmpty() && functions.isEmpty() && types.isEmpty();
  }

  /** Every map but the history tables (todokit's and Flyway's default), which are bookkeeping. */
  Catalog withoutFlywayHistory() {
    return new Catalog(
        without(without(tables, TodoSchema.HISTORY_TABLE), TodoSchema.LEGACY_HISTORY_TABLE),
        without(
            without(columns, TodoSchema.HISTORY_TABLE + "."),
            TodoSchema.LEGACY_HISTORY_TABLE + "."),
        without(
            without(indexes, TodoSchema.HISTORY_TABLE + "."),
            TodoSchema.LEGACY_HISTORY_TABLE + "."),
        without(
            without(constraints, TodoSchema.HISTORY_TABLE + "."),
            TodoSchema.LEGACY_HISTORY_TABLE + "."),
        without(
            without(triggers, TodoSchema.HISTORY_TABLE + "."),
            TodoSchema.LEGACY_HISTORY_TABLE + "."),
        functions,
        types);
  }

  private static SortedMap<String, String> without(Map<String, String> map, String prefix) {
    SortedMap<String, String> copy = new TreeMap<>(map);
    copy.keySet().removeIf(key -> key.startsWith(prefix));
    return copy;
  }

  private static SortedMap<String, String> query(Connection connection, String sql, String schema)
      throws SQLException {
    SortedMap<String, String> result = new TreeMap<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, schema);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          result.put(rows.getString(1), rows.getString(2));
        }
      }
    }
    return result;
  }
}
