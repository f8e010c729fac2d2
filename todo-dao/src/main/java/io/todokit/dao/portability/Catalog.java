package io.todokit.dao.portability;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns and primary keys of the portable tables as the database has them: what makes the
 * format follow the schema without a hand-kept column list. Immutable once read.
 */
final class Catalog {

  /** What a column holds, as far as the format is concerned. */
  enum Kind {
    UUID,
    TIMESTAMPTZ,
    TEXT,
    BOOLEAN,
    INTEGER,
    ENUM,
    JSON,
    INTERVAL,
    /** An array, written as a JSON array of its elements' text forms. */
    ARRAY
  }

  /**
   * One column.
   *
   * @param name its name
   * @param kind what it holds
   * @param type the SQL type name, for messages and casts
   * @param notNull whether it is NOT NULL
   * @param labels an enum's labels, else empty
   * @param maxInteger the largest value of an integer column
   */
  record Column(
      String name, Kind kind, String type, boolean notNull, Set<String> labels, long maxInteger) {}

  /**
   * One table's columns in the catalog's order and its primary key.
   *
   * @param table the table of the format
   * @param columns every column, in the order of the table
   * @param key the primary key's columns, in the key's order
   */
  record TableInfo(PortableTables.Table table, List<Column> columns, List<String> key) {

    Column column(String name) {
      for (Column column : columns) {
        if (column.name().equals(name)) {
          return column;
        }
      }
      throw new IllegalStateException(table.name() + " has no column " + name);
    }

    boolean has(String name) {
      return columns.stream().anyMatch(c -> c.name().equals(name));
    }
  }

  private final Map<String, TableInfo> tables;

  private Catalog(Map<String, TableInfo> tables) {
    this.tables = tables;
  }

  TableInfo table(PortableTables.Table table) {
    TableInfo info = tables.get(table.name());
    if (info == null) {
      throw new IllegalStateException("table " + table.name() + " is missing from the schema");
    }
    return info;
  }

  /** Reads the catalog of {@code schema}'s portable tables. */
  static Catalog read(Connection connection, String schema) throws SQLException {
    Map<String, List<Column>> columns = new LinkedHashMap<>();
    Map<String, List<String>> keys = new LinkedHashMap<>();
    String[] names =
        PortableTables.ALL.stream().map(PortableTables.Table::name).toArray(String[]::new);
    try (PreparedStatement statement =
        connection.prepareStatement(
            """
            SELECT c.relname, a.attname, t.typname, t.typtype, a.attnotnull, t.typcategory,
                   coalesce(et.typname, ''),
                   (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder)
                      FROM pg_enum e WHERE e.enumtypid = t.oid)
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
            WHERE n.nspname = ? AND c.relname = ANY (?) AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY c.relname, a.attnum
            """)) {
      statement.setString(1, schema);
      statement.setArray(2, connection.createArrayOf("text", names));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          String table = rows.getString(1);
          String column = rows.getString(2);
          String type = rows.getString(3);
          boolean isEnum = "e".equals(rows.getString(4));
          boolean isArray = "A".equals(rows.getString(6));
          Array labels = rows.getArray(8);
          Set<String> labelSet = labels == null ? Set.of() : Set.of((String[]) labels.getArray());
          Kind kind = kind(table, column, type, isEnum, isArray);
          long max =
              switch (type) {
                case "int2" -> Short.MAX_VALUE;
                case "int4" -> Integer.MAX_VALUE;
                default -> Long.MAX_VALUE;
              };
          columns
              .computeIfAbsent(table, t -> new ArrayList<>())
              .add(new Column(column, kind, type, rows.getBoolean(5), labelSet, max));
        }
      }
    }
    try (PreparedStatement statement =
        connection.prepareStatement(
            """
            SELECT c.relname, a.attname
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
            WHERE n.nspname = ? AND c.relname = ANY (?) AND i.indisprimary
            ORDER BY c.relname, k.position
            """)) {
      statement.setString(1, schema);
      statement.setArray(2, connection.createArrayOf("text", names));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          keys.computeIfAbsent(rows.getString(1), t -> new ArrayList<>()).add(rows.getString(2));
        }
      }
    }
    Map<String, TableInfo> tables = new LinkedHashMap<>();
    for (PortableTables.Table table : PortableTables.ALL) {
      List<Column> tableColumns = columns.get(table.name());
      List<String> key = keys.get(table.name());
      if (tableColumns == null || key == null) {
        throw new IllegalStateException(
            "table " + schema + "." + table.name() + " is missing or has no primary key");
      }
      tables.put(table.name(), new TableInfo(table, List.copyOf(tableColumns), List.copyOf(key)));
    }
    return new Catalog(tables);
  }

  private static Kind kind(
      String table, String column, String type, boolean isEnum, boolean isArray) {
    if (isEnum) {
      return Kind.ENUM;
    }
    if (isArray) {
      return Kind.ARRAY;
    }
    return switch (type) {
      case "uuid" -> Kind.UUID;
      case "timestamptz" -> Kind.TIMESTAMPTZ;
      case "text", "varchar", "bpchar" -> Kind.TEXT;
      case "bool" -> Kind.BOOLEAN;
      case "int2", "int4", "int8" -> Kind.INTEGER;
      case "json", "jsonb" -> Kind.JSON;
      case "interval" -> Kind.INTERVAL;
      default ->
          throw new IllegalStateException(
              table + "." + column + " has type " + type + ", which the format does not carry yet");
    };
  }
}
