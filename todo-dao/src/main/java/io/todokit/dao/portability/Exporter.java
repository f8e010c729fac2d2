package io.todokit.dao.portability;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Writes the format: one cursor per table, each ordered by user and primary key, merged user by
 * user, so that memory stays bounded by the fetch size whatever the data's size. Runs in one
 * REPEATABLE READ, READ ONLY transaction the caller opened: one snapshot for every table. Not
 * thread-safe (one export).
 */
final class Exporter {

  /** Rows per round trip of each cursor; also the bound on what is held in memory per table. */
  static final int FETCH_SIZE = 2_000;

  private final Connection connection;
  private final Catalog catalog;
  private final String schema;
  private final Writer out;
  private final LongConsumer progress;
  private final Map<String, Long> counts = new LinkedHashMap<>();
  private long lines;

  Exporter(
      Connection connection, Catalog catalog, String schema, Writer out, LongConsumer progress) {
    this.connection = connection;
    this.catalog = catalog;
    this.schema = schema;
    this.out = out;
    this.progress = progress;
    PortableTables.ALL.forEach(t -> counts.put(t.name(), 0L));
  }

  /** The header: what a reader checks before anything else. */
  static String header(int schemaVersion) {
    return "{\"type\": \"header\", \"format\": "
        + Portability.FORMAT_VERSION
        + ", \"schema_version\": "
        + schemaVersion
        + "}";
  }

  /** Exports one user ({@code userId}) or every user (null). */
  ExportReport run(@Nullable UUID userId, int schemaVersion) throws SQLException, IOException {
    write(header(schemaVersion));
    List<Cursor> cursors = new ArrayList<>();
    try {
      for (PortableTables.Table table : PortableTables.ALL) {
        cursors.add(new Cursor(catalog.table(table), userId));
      }
      Cursor users = cursors.get(0);
      while (users.hasRow) {
        String user = users.user;
        users.writeAndAdvance();
        for (Cursor cursor : cursors.subList(1, cursors.size())) {
          while (cursor.hasRow && cursor.user.equals(user)) {
            cursor.writeAndAdvance();
          }
        }
      }
    } finally {
      for (Cursor cursor : cursors) {
        cursor.close();
      }
    }
    out.flush();
    progress.accept(lines);
    return new ExportReport(counts.getOrDefault("users", 0L), counts);
  }

  private void write(String line) throws IOException {
    out.write(line);
    out.write('\n');
    lines++;
    if (lines % 10_000 == 0) {
      progress.accept(lines);
    }
  }

  /** The select of one table: its user and the whole row as one JSON object. */
  static String select(String schema, Catalog.TableInfo info, boolean oneUser) {
    StringBuilder json = new StringBuilder("jsonb_build_object('type', '");
    json.append(info.table().name()).append('\'');
    for (Catalog.Column column : info.columns()) {
      String name = Sql.quote(column.name());
      json.append(", '").append(column.name()).append("', ");
      json.append(
          switch (column.kind()) {
            case TIMESTAMPTZ ->
                "to_char(" + name + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
            case INTERVAL -> name + "::text";
            case ARRAY -> "to_jsonb(" + name + ")";
            default -> name;
          });
    }
    json.append(")::text");
    String userColumn = Sql.quote(info.table().userColumn());
    StringBuilder order = new StringBuilder(userColumn);
    for (String key : info.key()) {
      if (!key.equals(info.table().userColumn())) {
        order.append(", ").append(Sql.quote(key));
      }
    }
    return "SELECT "
        + userColumn
        + "::text, "
        + json
        + " FROM "
        + Sql.table(schema, info.table().name())
        + (oneUser ? " WHERE " + userColumn + " = ?" : "")
        + " ORDER BY "
        + order;
  }

  /** One table's cursor, positioned on its next row. */
  private final class Cursor {

    private final String table;
    private final PreparedStatement statement;
    private final ResultSet rows;
    boolean hasRow;
    String user = "";
    private String json = "";

    Cursor(Catalog.TableInfo info, @Nullable UUID userId) throws SQLException {
      this.table = info.table().name();
      this.statement = connection.prepareStatement(select(schema, info, userId != null));
      statement.setFetchSize(FETCH_SIZE);
      if (userId != null) {
        statement.setObject(1, userId);
      }
      this.rows = statement.executeQuery();
      advance();
    }

    private void advance() throws SQLException {
      hasRow = rows.next();
      if (hasRow) {
        user = rows.getString(1);
        json = rows.getString(2);
      }
    }

    void writeAndAdvance() throws SQLException, IOException {
      write(json);
      counts.merge(table, 1L, Long::sum);
      advance();
    }

    void close() throws SQLException {
      try {
        rows.close();
      } finally {
        statement.close();
      }
    }
  }
}
