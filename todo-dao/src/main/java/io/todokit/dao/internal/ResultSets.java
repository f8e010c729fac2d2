package io.todokit.dao.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.ResultQuery;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the rows of a jOOQ query straight from its JDBC result set. jOOQ still builds, renders and
 * binds the statement type-safely; only its intermediate records are skipped, which is most of what
 * the hot list reads cost beyond plain JDBC (measured in docs/BENCHMARKS.md). Columns are read by
 * the generated fields' names, never by position.
 */
public final class ResultSets {

  /**
   * Maps the current row of a result set.
   *
   * @param <T> the mapped type
   */
  @FunctionalInterface
  public interface RowMapper<T> {
    /**
     * Maps the row the result set is on.
     *
     * @param row the result set, positioned on a row
     * @return the mapped value
     * @throws SQLException when a column cannot be read
     */
    T map(ResultSet row) throws SQLException;
  }

  private ResultSets() {}

  /**
   * Runs a query and maps every row.
   *
   * @param query the query
   * @param mapper maps one row
   * @param <T> the mapped type
   * @return the mapped rows in the query's order, unmodifiable
   */
  public static <T> List<T> fetch(ResultQuery<?> query, RowMapper<T> mapper) {
    try (ResultSet rows = query.fetchResultSet()) {
      List<T> mapped = new ArrayList<>();
      while (rows.next()) {
        mapped.add(mapper.map(rows));
      }
      return List.copyOf(mapped);
    } catch (SQLException e) {
      throw new DataAccessException("cannot read rows: " + e.getMessage(), e);
    }
  }

  /**
   * Runs a query of at most one row and maps it.
   *
   * @param query the query
   * @param mapper maps the row
   * @param <T> the mapped type
   * @return the mapped row, or empty when there is none
   */
  public static <T> Optional<T> fetchOptional(ResultQuery<?> query, RowMapper<T> mapper) {
    return fetch(query, mapper).stream().findFirst();
  }

  /** A {@code uuid} column, or null. */
  public static @Nullable UUID uuid(ResultSet row, Field<UUID> field) throws SQLException {
    return row.getObject(field.getName(), UUID.class);
  }

  /** A {@code text} column, or null. */
  public static @Nullable String text(ResultSet row, Field<?> field) throws SQLException {
    return row.getString(field.getName());
  }

  /**
   * A column whose generated field converts its stored text (an enum label), converted as the field
   * does, or null.
   */
  public static <T> @Nullable T converted(ResultSet row, Field<T> field) throws SQLException {
    String text = row.getString(field.getName());
    return text == null ? null : field.getDataType().convert(text);
  }

  /** A {@code timestamptz} column, or null. */
  public static @Nullable Instant instant(ResultSet row, Field<Instant> field) throws SQLException {
    OffsetDateTime value = row.getObject(field.getName(), OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
