package io.todokit.dao.portability;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Identifier quoting for the statements built from the catalog. Plain SQL: the export query, the
 * COPY commands and the staging statements are built from column lists read at run time, for which
 * jOOQ's generated tables have no names (a column added by a later migration is carried too).
 */
final class Sql {

  private Sql() {}

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  static String table(String schema, String table) {
    return quote(schema) + "." + quote(table);
  }

  static String columns(List<Catalog.Column> columns) {
    return columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
  }
}
