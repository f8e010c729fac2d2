package io.todokit.dao.portability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.todokit.dao.DuplicateException;
import io.todokit.dao.TodoException;
import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Check;
import io.todokit.dao.internal.DaoContext.Timeouts;
import io.todokit.dao.internal.SqlErrors;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Reads the format and writes it with COPY, one transaction per user: a user's lines are checked
 * one by one as they stream into COPY, and the first bad one (in Java, or refused by the database)
 * rolls the whole user back and ends the import with an exception naming the line and the field.
 * Users before it stay imported. Memory is bounded by one COPY buffer. Not thread-safe (one
 * import).
 */
final class Importer {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .build();

  /** Where the database says which COPY line it refused. */
  private static final Pattern COPY_LINE =
      Pattern.compile("COPY (\\w+), line (\\d+)(?:, column (\\w+))?");

  private static final int BUFFER = 1 << 16;

  private final Connection connection;
  private final Catalog catalog;
  private final String schema;
  private final Timeouts timeouts;
  private final LongConsumer progress;
  private final Map<String, Long> totals = new LinkedHashMap<>();
  private final Map<String, Long> userCounts = new LinkedHashMap<>();
  private long users;
  private long line;

  // The user being imported and the table block being copied.
  private @Nullable String user;
  private int userLine;
  private int tableIndex = -1;
  private long blockStart;
  private @Nullable CopyIn copy;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(BUFFER + 4096);
  private boolean conversationsStaged;

  Importer(
      Connection connection,
      Catalog catalog,
      String schema,
      Timeouts timeouts,
      LongConsumer progress) {
    this.connection = connection;
    this.catalog = catalog;
    this.schema = schema;
    this.timeouts = timeouts;
    this.progress = progress;
    PortableTables.ALL.forEach(t -> totals.put(t.name(), 0L));
  }

  ImportReport run(BufferedReader in) throws SQLException, IOException {
    createStages();
    try {
      connection.setAutoCommit(false);
      try {
        readAll(in);
        finishUser();
      } catch (RuntimeException | SQLException | IOException | Error e) {
        abortUser(e);
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } finally {
      dropStages();
    }
    progress.accept(line);
    return new ImportReport(users, totals);
  }

  private void readAll(BufferedReader in) throws SQLException, IOException {
    String text;
    while ((text = readLine(in)) != null) {
      line++;
      JsonNode node = parse(text);
      String type = node.path("type").isTextual() ? node.get("type").asText() : "";
      if (line == 1) {
        header(node, type);
        continue;
      }
      PortableTables.Table table = PortableTables.byName(type);
      if (table == null) {
        throw refused("type", "is not a record type of the format: " + abbreviate(type));
      }
      if (table.isUsers()) {
        finishUser();
        beginUser(node);
      } else {
        record(table, node);
      }
      if (line % 10_000 == 0) {
        progress.accept(line);
      }
    }
    if (line == 0) {
      throw new ValidationException("line 1: header", "the input is empty");
    }
  }

  private @Nullable String readLine(BufferedReader in) throws IOException {
    try {
      return in.readLine();
    } catch (CharacterCodingException e) {
      throw new ValidationException("line " + (line + 1), "is not UTF-8", e);
    }
  }

  private JsonNode parse(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null || !node.isObject()) {
        throw refused("type", "is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ValidationException(
          "line " + line, "is not one JSON object: " + e.getOriginalMessage(), e);
    }
  }

  private void header(JsonNode node, String type) {
    if (!type.equals("header")) {
      throw new ValidationException("line 1: type", "must be header, the format's first line");
    }
    JsonNode format = node.path("format");
    if (!format.isIntegralNumber() || format.asInt() != Portability.FORMAT_VERSION) {
      throw new ValidationException(
          "line 1: format", "must be " + Portability.FORMAT_VERSION + ", was " + format);
    }
    JsonNode version = node.path("schema_version");
    if (!version.isIntegralNumber()) {
      throw new ValidationException("line 1: schema_version", "must be a number");
    }
  }

  private void beginUser(JsonNode node) throws SQLException {
    Catalog.TableInfo info = catalog.table(PortableTables.ALL.get(0));
    String id = uuid(info, node, "id");
    user = id;
    userLine = (int) line;
    StringBuilder row = encode(info, node);
    refuseExisting(id, node.path("username").asText(), node.path("email").asText());
    applyTimeouts();
    startBlock(0);
    write(row);
  }

  private void refuseExisting(String id, String username, String email) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT id::text = ?, username = ?, lower(email) = lower(?) FROM "
                + Sql.table(schema, "users")
                + " WHERE id = ?::uuid OR username = ? OR lower(email) = lower(?) LIMIT 1")) {
      statement.setString(1, id);
      statement.setString(2, username);
      statement.setString(3, email);
      statement.setString(4, id);
      statement.setString(5, username);
      statement.setString(6, email);
      try (ResultSet rows = statement.executeQuery()) {
        if (rows.next()) {
          String field = rows.getBoolean(1) ? "id" : rows.getBoolean(2) ? "username" : "email";
          throw new DuplicateException(
              "line " + line + ": users." + field,
              new IllegalStateException(
                  "the database already has a user with this "
                      + field
                      + "; an import never merges into or replaces an existing user"));
        }
      }
    }
  }

  private void record(PortableTables.Table table, JsonNode node) throws SQLException {
    if (user == null) {
      throw refused(table.name(), "comes before any users record");
    }
    int index = PortableTables.indexOf(table);
    if (index < tableIndex) {
      throw refused(
          table.name(),
          "comes after "
              + PortableTables.ALL.get(tableIndex).name()
              + " records; a user's records are in the order "
              + PortableTables.ALL.stream()
                  .map(PortableTables.Table::name)
                  .collect(Collectors.joining(", ")));
    }
    Catalog.TableInfo info = catalog.table(table);
    String owner = uuid(info, node, table.userColumn());
    if (!owner.equals(user)) {
      throw refused(
          table.name() + "." + table.userColumn(),
          "belongs to another user than the users record of line " + userLine);
    }
    StringBuilder row = encode(info, node);
    if (index > tableIndex) {
      endBlock();
      startBlock(index);
    }
    write(row);
  }

  private void startBlock(int index) throws SQLException {
    PortableTables.Table table = PortableTables.ALL.get(index);
    Catalog.TableInfo info = catalog.table(table);
    tableIndex = index;
    blockStart = line;
    String target =
        table.loading() == PortableTables.Loading.STAGED
            ? stage(table)
            : Sql.table(schema, table.name());
    copy =
        connection
            .unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn("COPY " + target + " (" + Sql.columns(info.columns()) + ") FROM STDIN");
  }

  private void write(StringBuilder row) throws SQLException {
    byte[] bytes = row.toString().getBytes(StandardCharsets.UTF_8);
    buffer.write(bytes, 0, bytes.length);
    userCounts.merge(PortableTables.ALL.get(tableIndex).name(), 1L, Long::sum);
    if (buffer.size() >= BUFFER) {
      flush();
    }
  }

  private void flush() throws SQLException {
    CopyIn open = copy;
    if (open == null || buffer.size() == 0) {
      return;
    }
    try {
      open.writeToCopy(buffer.toByteArray(), 0, buffer.size());
    } catch (SQLException e) {
      throw refusedByDatabase(e, line);
    }
    buffer.reset();
  }

  /** Ends the COPY of the current block and moves a staged table into place. */
  private void endBlock() throws SQLException {
    CopyIn open = copy;
    if (open == null) {
      return;
    }
    long end = line - 1;
    flush();
    copy = null;
    try {
      open.endCopy();
    } catch (SQLException e) {
      throw refusedByDatabase(e, end);
    }
    PortableTables.Table table = PortableTables.ALL.get(tableIndex);
    if (table.loading() == PortableTables.Loading.STAGED) {
      try {
        moveStaged(table);
      } catch (SQLException e) {
        throw refusedByDatabase(e, end);
      }
    }
  }

  /** Moves a staged table's rows into place so that its triggers leave the file's values. */
  private void moveStaged(PortableTables.Table table) throws SQLException {
    Catalog.TableInfo info = catalog.table(table);
    String target = Sql.table(schema, table.name());
    String stage = stage(table);
    String columns = Sql.columns(info.columns());
    try (Statement statement = connection.createStatement()) {
      switch (table.name()) {
        case "reminders" -> {
          // The scheduling trigger re-arms every new reminder: insert, then restore the delivery
          // state. updated_at starts at -infinity so that restoring it is a change its trigger
          // keeps.
          statement.execute(
              "INSERT INTO "
                  + target
                  + " ("
                  + columns
                  + ") SELECT "
                  + replaced(info, "updated_at", "'-infinity'::timestamptz")
                  + " FROM "
                  + stage);
          List<String> restored =
              info.columns().stream()
                  .map(Catalog.Column::name)
                  .filter(c -> !PortableTables.REMINDER_INPUTS.contains(c))
                  .toList();
          statement.execute(restore(info, target, stage, restored));
        }
        case "conversations" -> {
          // Each message's trigger numbers it from last_message_seq: start at 0, restore after.
          statement.execute(
              "INSERT INTO "
                  + target
                  + " ("
                  + columns
                  + ") SELECT "
                  + replaced(info, "last_message_seq", "0")
                  + " FROM "
                  + stage);
          conversationsStaged = true;
        }
        case "messages" -> {
          statement.execute(
              "INSERT INTO "
                  + target
                  + " ("
                  + columns
                  + ") SELECT "
                  + columns
                  + " FROM "
                  + stage
                  + " ORDER BY conversation_id, seq");
          try (ResultSet gap =
              statement.executeQuery(
                  "SELECT s.seq, s.id::text FROM "
                      + stage
                      + " s JOIN "
                      + target
                      + " m ON m.user_id = s.user_id AND m.id = s.id WHERE m.seq <> s.seq"
                      + " ORDER BY s.conversation_id, s.seq LIMIT 1")) {
            if (gap.next()) {
              throw new ValidationException(
                  "lines " + blockStart + "-" + line + ": messages.seq",
                  "message "
                      + gap.getString(2)
                      + " has seq "
                      + gap.getLong(1)
                      + ", but a conversation's messages must be numbered 1, 2, 3 … without gaps");
            }
          }
        }
        default -> throw new IllegalStateException("no staging rule for table " + table.name());
      }
    }
  }

  private void finishUser() throws SQLException {
    if (user == null) {
      return;
    }
    endBlock();
    if (conversationsStaged) {
      PortableTables.Table table = PortableTables.byName("conversations");
      Catalog.TableInfo info = catalog.table(java.util.Objects.requireNonNull(table));
      String target = Sql.table(schema, "conversations");
      String stage = stage(table);
      try (Statement statement = connection.createStatement()) {
        // updated_at's trigger keeps a value only when it changes: step aside where the
        // messages' trigger happened to set the very value to restore.
        statement.execute(
            "UPDATE "
                + target
                + " c SET updated_at = '-infinity' FROM "
                + stage
                + " s WHERE c.user_id = s.user_id AND c.id = s.id AND c.updated_at = s.updated_at");
        statement.execute(restore(info, target, stage, List.of("last_message_seq", "updated_at")));
      } catch (SQLException e) {
        throw refusedByDatabase(e, line);
      }
    }
    connection.commit();
    userCounts.forEach((table, count) -> totals.merge(table, count, Long::sum));
    users++;
    resetUser();
    progress.accept(line);
  }

  private void abortUser(Throwable failure) {
    CopyIn open = copy;
    try {
      if (open != null && open.isActive()) {
        open.cancelCopy();
      }
    } catch (SQLException | RuntimeException e) {
      failure.addSuppressed(e);
    }
    try {
      connection.rollback();
    } catch (SQLException | RuntimeException e) {
      failure.addSuppressed(e);
    }
    resetUser();
  }

  private void resetUser() {
    user = null;
    tableIndex = -1;
    copy = null;
    buffer.reset();
    userCounts.clear();
    conversationsStaged = false;
  }

  private void applyTimeouts() throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT set_config('statement_timeout', ?, true), set_config('lock_timeout', ?, true),"
                + " set_config('IntervalStyle', 'iso_8601', true)")) {
      statement.setString(1, Long.toString(timeouts.statement().toMillis()));
      statement.setString(2, Long.toString(timeouts.lock().toMillis()));
      statement.execute();
    }
  }

  // --- staging tables -----------------------------------------------------------------------

  private static String stage(PortableTables.Table table) {
    return "pg_temp." + Sql.quote("todokit_import_" + table.name());
  }

  private void createStages() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (PortableTables.Table table : PortableTables.ALL) {
        if (table.loading() == PortableTables.Loading.STAGED) {
          // The table's checks come along (LIKE … INCLUDING CONSTRAINTS), so that COPY into the
          // stage names the refused line; its triggers, keys and foreign keys do not.
          statement.execute("DROP TABLE IF EXISTS " + stage(table));
          statement.execute(
              "CREATE TEMPORARY TABLE "
                  + Sql.quote("todokit_import_" + table.name())
                  + " (LIKE "
                  + Sql.table(schema, table.name())
                  + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS) ON COMMIT DELETE ROWS");
        }
      }
    }
  }

  private void dropStages() {
    try (Statement statement = connection.createStatement()) {
      for (PortableTables.Table table : PortableTables.ALL) {
        if (table.loading() == PortableTables.Loading.STAGED) {
          statement.execute("DROP TABLE IF EXISTS " + stage(table));
        }
      }
    } catch (SQLException e) {
      // The session's temporary tables go with the connection anyway; nothing to undo.
    }
  }

  private static String replaced(Catalog.TableInfo info, String column, String value) {
    return info.columns().stream()
        .map(c -> c.name().equals(column) ? value : Sql.quote(c.name()))
        .collect(Collectors.joining(", "));
  }

  private static String restore(
      Catalog.TableInfo info, String target, String stage, List<String> columns) {
    String set =
        columns.stream()
            .map(c -> Sql.quote(c) + " = s." + Sql.quote(c))
            .collect(Collectors.joining(", "));
    String on =
        info.key().stream()
            .map(k -> "t." + Sql.quote(k) + " = s." + Sql.quote(k))
            .collect(Collectors.joining(" AND "));
    return "UPDATE " + target + " t SET " + set + " FROM " + stage + " s WHERE " + on;
  }

  // --- one record ---------------------------------------------------------------------------

  private StringBuilder encode(Catalog.TableInfo info, JsonNode node) {
    String table = info.table().name();
    if (node.size() != info.columns().size() + 1) {
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!name.equals("type") && !info.has(name)) {
          throw refused(table + "." + name, "is not a column of " + table);
        }
      }
    }
    StringBuilder row = new StringBuilder(256);
    boolean first = true;
    for (Catalog.Column column : info.columns()) {
      if (!first) {
        row.append('\t');
      }
      first = false;
      String field = table + "." + column.name();
      JsonNode value = node.get(column.name());
      if (value == null) {
        throw refused(field, "is missing (every column is written, null included)");
      }
      if (value.isNull()) {
        if (column.notNull()) {
          throw refused(field, "must not be null");
        }
        row.append(CopyText.NULL);
        continue;
      }
      CopyText.appendField(row, text(field, column, value));
    }
    row.append('\n');
    return row;
  }

  private String text(String field, Catalog.Column column, JsonNode value) {
    return switch (column.kind()) {
      case UUID -> uuid(field, value);
      case TIMESTAMPTZ -> {
        if (!value.isTextual()) {
          throw refused(field, "must be an ISO-8601 instant such as 2026-03-02T12:00:00.000000Z");
        }
        Instant instant;
        try {
          instant = Instant.parse(value.asText());
        } catch (DateTimeException e) {
          throw refused(field, "is not an ISO-8601 instant: " + abbreviate(value.asText()));
        }
        try {
          Check.instant(field, instant);
        } catch (ValidationException e) {
          throw refused(field, e.reason());
        }
        if (instant.getNano() % 1_000 != 0) {
          throw refused(field, "is more precise than PostgreSQL's microseconds");
        }
        yield instant.toString();
      }
      case TEXT -> {
        if (!value.isTextual()) {
          throw refused(field, "must be a string");
        }
        try {
          yield Check.storable(field, value.asText());
        } catch (ValidationException e) {
          throw refused(field, e.reason());
        }
      }
      case BOOLEAN -> {
        if (!value.isBoolean()) {
          throw refused(field, "must be true or false");
        }
        yield value.asBoolean() ? "t" : "f";
      }
      case INTEGER -> {
        if (!value.isIntegralNumber()
            || !value.canConvertToLong()
            || Math.abs(value.asLong()) > column.maxInteger()) {
          throw refused(field, "must be an integer of type " + column.type());
        }
        yield Long.toString(value.asLong());
      }
      case ENUM -> {
        if (!value.isTextual() || !column.labels().contains(value.asText())) {
          throw refused(field, "must be one of " + column.labels().stream().sorted().toList());
        }
        yield value.asText();
      }
      case JSON -> value.toString();
      case INTERVAL -> {
        if (!value.isTextual() || value.asText().isBlank()) {
          throw refused(field, "must be an ISO-8601 duration such as PT15M");
        }
        yield storable(field, value.asText());
      }
      case ARRAY -> {
        if (!value.isArray()) {
          throw refused(field, "must be a JSON array");
        }
        List<String> elements = new ArrayList<>();
        for (JsonNode element : value) {
          if (!element.isTextual()) {
            throw refused(field, "must be an array of strings");
          }
          elements.add(storable(field, element.asText()));
        }
        yield CopyText.arrayLiteral(elements);
      }
    };
  }

  private String storable(String field, String value) {
    try {
      return Check.storable(field, value);
    } catch (ValidationException e) {
      throw refused(field, e.reason());
    }
  }

  private String uuid(Catalog.TableInfo info, JsonNode node, String column) {
    String field = info.table().name() + "." + column;
    JsonNode value = node.get(column);
    if (value == null || value.isNull()) {
      throw refused(field, "is missing");
    }
    return uuid(field, value);
  }

  private String uuid(String field, JsonNode value) {
    String text = value.isTextual() ? value.asText() : "";
    if (text.length() != 36) {
      throw refused(field, "must be a UUID such as 0190d3f1-8b1c-7c1e-9f3a-2b4c6d8e0f12");
    }
    try {
      return UUID.fromString(text).toString();
    } catch (IllegalArgumentException e) {
      throw refused(field, "must be a UUID such as 0190d3f1-8b1c-7c1e-9f3a-2b4c6d8e0f12");
    }
  }

  private ValidationException refused(String field, String reason) {
    return new ValidationException("line " + line + ": " + field, reason);
  }

  /**
   * The database refused a row: the field names the line when COPY said which one, else the lines
   * of the block (a foreign key is checked when the block's COPY ends).
   */
  private TodoException refusedByDatabase(SQLException error, long end) {
    ServerErrorMessage server =
        error instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
    String state = error.getSQLState() == null ? "" : error.getSQLState();
    PortableTables.Table table = PortableTables.ALL.get(Math.max(tableIndex, 0));
    String where = server == null || server.getWhere() == null ? "" : server.getWhere();
    Matcher matcher = COPY_LINE.matcher(where);
    String lines = "lines " + blockStart + "-" + end;
    String column = server == null ? null : server.getColumn();
    if (matcher.find()) {
      lines = "line " + (blockStart + Long.parseLong(matcher.group(2)) - 1);
      if (matcher.group(3) != null) {
        column = matcher.group(3);
      }
    }
    if (column == null) {
      column = columnOf(table, server == null ? null : server.getConstraint());
    }
    String field = lines + ": " + table.name() + "." + column;
    String message = server != null ? server.getMessage() : error.getMessage();
    if (state.equals("23505")) {
      return new DuplicateException(field, error);
    }
    if (state.startsWith("22") || state.startsWith("23")) {
      return new ValidationException(field, String.valueOf(message), error);
    }
    return SqlErrors.translate(new DataAccessException(String.valueOf(message), error), null);
  }

  /** The column a constraint is about, by its name (tasks_title_length: title). */
  private String columnOf(PortableTables.Table table, @Nullable String constraint) {
    if (constraint == null) {
      return "row";
    }
    String best = null;
    for (Catalog.Column column : catalog.table(table).columns()) {
      String name = column.name();
      String stem = name.endsWith("_id") ? name.substring(0, name.length() - 3) : name;
      for (String candidate : List.of(name, stem)) {
        if ((constraint.contains("_" + candidate + "_") || constraint.endsWith("_" + candidate))
            && (best == null || name.length() > best.length())) {
          best = name;
        }
      }
    }
    return best != null ? best : constraint;
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
