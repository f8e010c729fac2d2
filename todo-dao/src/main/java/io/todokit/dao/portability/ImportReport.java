package io.todokit.dao.portability;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an import wrote: the users imported and the rows per table, in the format's table order.
 *
 * @param users how many users were imported (each in its own transaction)
 * @param rows rows written per table name ({@code users}, {@code tags}, {@code tasks} …)
 */
public record ImportReport(long users, Map<String, Long> rows) {

  /** Copies the counts, keeping their order. */
  public ImportReport {
    rows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(rows)));
  }

  /**
   * The rows of one table.
   *
   * @param table the table's name
   * @return its rows, 0 for a table the format does not hold
   */
  public long rows(String table) {
    return rows.getOrDefault(table, 0L);
  }
}
