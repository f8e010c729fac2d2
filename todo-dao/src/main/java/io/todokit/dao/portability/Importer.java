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
import java.util.Arrays;
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
 * Reads the format and writes it with COPY, many users per transaction and each user all or
 * nothing.
 *
 * <p>Lines are checked one by one as they are read, and their rows collect in one buffer per table
 * (COPY's text format). When the complete users in the buffers reach {@link Limits#batchBytes} or
 * {@link Limits#batchUsers}, they are written in one transaction: one COPY per table, parents
 * first. If the database refuses a row of that batch, the transaction is rolled back and the batch
 * is written again user by user, one transaction each, so that the users before the bad one stay
 * imported and the error names the line. A user whose own rows pass {@link Limits#spillBytes}
 * streams in a transaction of its own. The first bad line ends the import with an exception naming
 * the line and the field: the complete users before it are imported, nothing of its user is. Memory
 * is bounded by the limits. Not thread-safe (one import).
 */
final class Importer {

  /**
   * How much the importer holds before it writes.
   *
   * @param batchBytes the buffered rows of complete users that make a batch
   * @param batchUsers the complete users that make a batch
   * @param spillBytes the buffered rows at which a user still being read is written in a
   *     transaction of its own, before its end
   */
  record Limits(int batchBytes, int batchUsers, int spillBytes) {

    /** 8 MiB or 1,000 users a transaction; a user over 16 MiB streams on its own. */
    static final Limits DEFAULT = new Limits(8 << 20, 1_000, 16 << 20);

    Limits {
      if (batchBytes < 1 || batchUsers < 1 || spillBytes < batchBytes) {
        throw new IllegalArgumentException("limits must be positive, spillBytes >= batchBytes");
      }
    }
  }

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

  private static final int TABLES = PortableTables.ALL.size();
  private static final int CONVERSATIONS =
      PortableTables.indexOf(
          java.util.Objects.requireNonNull(PortableTables.byName("conversations")));

  private final Connection connection;
  private final Catalog catalog;
  private final String schema;
  private final Timeouts timeouts;
  private final LongConsumer progress;
  private final Limits limits;
  private final Map<String, Long> totals = new LinkedHashMap<>();
  private long users;
  private long line;

  /** One buffer of COPY text per table, in the order of {@link PortableTables#ALL}. */
  private final Rows[] buffers = new Rows[TABLES];

  private long buffered;

  /** Complete users whose rows are in the buffers, in the order of the file. */
  private final List<UserRows> pending = new ArrayList<>();

  /** The user being read, or null before the first users record. */
  private @Nullable UserRows current;

  // The open transaction: whether it has begun, whether it wrote conversations to restore.
  private boolean open;
  private boolean conversationsWritten;
  private @Nullable CopyIn copy;

  Importer(
      Connection connection,
      Catalog catalog,
      String schema,
      Timeouts timeouts,
      LongConsumer progress,
      Limits limits) {
    this.connection = connection;
    this.catalog = catalog;
    this.schema = schema;
    this.timeouts = timeouts;
    this.progress = progress;
    this.limits = limits;
    PortableTables.ALL.forEach(t -> totals.put(t.name(), 0L));
    Arrays.setAll(buffers, t -> new Rows());
  }

  ImportReport run(BufferedReader in) throws SQLException, IOException {
    createStages();
    try {
      connection.setAutoCommit(false);
      try {
        readAll(in);
        completeUser();
        writePending(pending.size());
      } catch (RuntimeException | SQLException | IOException | Error e) {
        abort(e);
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

  // --- reading ------------------------------------------------------------------------------

  private void readAll(BufferedReader in) throws SQLException, IOException {
    while (true) {
      String text;
      JsonNode node;
      PortableTables.Table table;
      byte[] row;
      try {
        text = readLine(in);
        if (text == null) {
          break;
        }
        line++;
        node = parse(text);
        String type = node.path("type").isTextual() ? node.get("type").asText() : "";
        if (line == 1) {
          header(node, type);
          continue;
        }
        table = PortableTables.byName(type);
        if (table == null) {
          throw refused("type", "is not a record type of the format: " + abbreviate(type));
        }
        row = check(table, node);
      } catch (IOException | RuntimeException e) {
        stopAtBadLine(e);
        throw e;
      }
      if (table.isUsers()) {
        completeUser();
        beginUser(node);
      }
      append(table, row);
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

  /** Checks one record against the catalog and the user being read; its row in COPY text. */
  private byte[] check(PortableTables.Table table, JsonNode node) {
    Catalog.TableInfo info = catalog.table(table);
    if (table.isUsers()) {
      uuid(info, node, "id");
    } else {
      UserRows user = current;
      if (user == null) {
        throw refused(table.name(), "comes before any users record");
      }
      int index = PortableTables.indexOf(table);
      if (index < user.tableIndex) {
        throw refused(
            table.name(),
            "comes after "
                + PortableTables.ALL.get(user.tableIndex).name()
                + " records; a user's records are in the order "
                + PortableTables.ALL.stream()
                    .map(PortableTables.Table::name)
                    .collect(Collectors.joining(", ")));
      }
      String owner = uuid(info, node, table.userColumn());
      if (!owner.equals(user.id)) {
        throw refused(
            table.name() + "." + table.userColumn(),
            "belongs to another user than the users record of line " + user.line);
      }
    }
    return encode(info, node).toString().getBytes(StandardCharsets.UTF_8);
  }

  private void beginUser(JsonNode node) {
    UserRows user =
        new UserRows(
            uuid(catalog.table(PortableTables.ALL.get(0)), node, "id"),
            node.path("username").asText(),
            node.path("email").asText(),
            line);
    for (int t = 0; t < TABLES; t++) {
      user.start[t] = buffers[t].size;
    }
    current = user;
  }

  private void append(PortableTables.Table table, byte[] row) throws SQLException {
    UserRows user = java.util.Objects.requireNonNull(current, "current");
    int t = PortableTables.indexOf(table);
    user.tableIndex = t;
    if (user.buffered[t] == 0) {
      user.firstLine[t] = line;
    }
    user.buffered[t]++;
    user.counts[t]++;
    buffers[t].append(row);
    buffered += row.length;
    if (buffered >= limits.spillBytes()) {
      spill(user);
    }
  }

  /** The user being read is complete: it joins the batch, which is written when full. */
  private void completeUser() throws SQLException {
    UserRows user = current;
    if (user == null) {
      return;
    }
    current = null;
    if (user.spilled) {
      writeRows(user.start, ends(), user);
      commit(user);
      account(user);
      clearBuffers();
      return;
    }
    System.arraycopy(ends(), 0, user.end, 0, TABLES);
    pending.add(user);
    if (buffered >= limits.batchBytes() || pending.size() >= limits.batchUsers()) {
      writePending(pending.size());
    }
  }

  /**
   * A line is bad (or the input failed): the complete users before it are written, nothing of its
   * user is. A failure while writing them is the earlier one, and is thrown instead.
   */
  private void stopAtBadLine(Exception bad) throws SQLException {
    UserRows user = current;
    current = null;
    try {
      if (user != null && user.spilled) {
        rollback();
      } else if (user != null) {
        for (int t = 0; t < TABLES; t++) {
          buffered -= buffers[t].size - user.start[t];
          buffers[t].size = user.start[t];
        }
      }
      writePending(pending.size());
    } catch (SQLException | RuntimeException earlier) {
      earlier.addSuppressed(bad);
      throw earlier;
    }
  }

  // --- writing ------------------------------------------------------------------------------

  /**
   * Writes the first {@code count} pending users in one transaction; if the database refuses one of
   * their rows, writes them again one transaction each, up to the bad one, which throws.
   */
  private void writePending(int count) throws SQLException {
    if (count == 0) {
      return;
    }
    begin();
    int taken = firstExisting(count);
    if (taken >= 0) {
      rollback();
      writePending(taken);
      begin();
      refuseExisting(pending.get(0));
      // Gone by the time of this check (deleted meanwhile): write the rest as usual.
      writePending(count - taken);
      return;
    }
    UserRows last = pending.get(count - 1);
    try {
      writeRows(new int[TABLES], last.end, null);
      commit(null);
    } catch (BatchRefused refused) {
      rollback();
      for (int i = 0; i < count; i++) {
        UserRows user = pending.get(i);
        begin();
        refuseExisting(user);
        writeRows(user.start, user.end, user);
        commit(user);
        account(user);
      }
      dropWritten(count);
      return;
    }
    for (int i = 0; i < count; i++) {
      account(pending.get(i));
    }
    dropWritten(count);
  }

  /**
   * The user being read has passed the spill limit: the complete users before it are written and
   * committed, then its rows so far in a transaction that stays open until its last line.
   */
  private void spill(UserRows user) throws SQLException {
    writePending(pending.size());
    begin();
    if (!user.spilled) {
      refuseExisting(user);
      user.spilled = true;
    }
    writeRows(user.start, ends(), user);
    clearBuffers();
    Arrays.fill(user.start, 0);
    Arrays.fill(user.buffered, 0);
  }

  /**
   * Writes rows {@code [start[t], end[t])} of every table's buffer into the open transaction,
   * parents first. With {@code user}, the rows are that user's and a refusal names their lines;
   * without, a refused row throws {@link BatchRefused}.
   */
  private void writeRows(int[] start, int[] end, @Nullable UserRows user) throws SQLException {
    for (int t = 0; t < TABLES; t++) {
      int length = end[t] - start[t];
      if (length == 0) {
        continue;
      }
      PortableTables.Table table = PortableTables.ALL.get(t);
      Catalog.TableInfo info = catalog.table(table);
      boolean staged = table.loading() == PortableTables.Loading.STAGED;
      try {
        CopyIn in =
            connection
                .unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn(
                    "COPY "
                        + (staged ? stage(table) : Sql.table(schema, table.name()))
                        + " ("
                        + Sql.columns(info.columns())
                        + ") FROM STDIN");
        copy = in;
        in.writeToCopy(buffers[t].bytes, start[t], length);
        in.endCopy();
        copy = null;
        if (staged) {
          String gap = moveStaged(table);
          if (gap != null) {
            if (user == null) {
              throw new BatchRefused(null);
            }
            throw new ValidationException(lines(user, t) + ": messages.seq", gap);
          }
        }
      } catch (SQLException e) {
        throw refusal(e, table, user);
      }
    }
  }

  /** Moves a staged table's rows into place so that its triggers leave the file's values. */
  private @Nullable String moveStaged(PortableTables.Table table) throws SQLException {
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
          statement.execute("TRUNCATE " + stage);
          return null;
        }
        case "conversations" -> {
          // Each message's trigger numbers it from last_message_seq: start at 0, restore the
          // file's values when the transaction's messages are in (restoreConversations).
          statement.execute(
              "INSERT INTO "
                  + target
                  + " ("
                  + columns
                  + ") SELECT "
                  + replaced(info, "last_message_seq", "0")
                  + " FROM "
                  + stage);
          statement.execute(
              "INSERT INTO "
                  + restoreStage()
                  + " ("
                  + columns
                  + ") SELECT "
                  + columns
                  + " FROM "
                  + stage);
          statement.execute("TRUNCATE " + stage);
          conversationsWritten = true;
          return null;
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
                  + " ORDER BY user_id, conversation_id, seq");
          try (ResultSet gap =
              statement.executeQuery(
                  "SELECT s.seq, s.id::text FROM "
                      + stage
                      + " s JOIN "
                      + target
                      + " m ON m.user_id = s.user_id AND m.id = s.id WHERE m.seq <> s.seq"
                      + " ORDER BY s.user_id, s.conversation_id, s.seq LIMIT 1")) {
            if (gap.next()) {
              return "message "
                  + gap.getString(2)
                  + " has seq "
                  + gap.getLong(1)
                  + ", but a conversation's messages must be numbered 1, 2, 3 … without gaps";
            }
          }
          statement.execute("TRUNCATE " + stage);
          return null;
        }
        default -> throw new IllegalStateException("no staging rule for table " + table.name());
      }
    }
  }

  /** Puts back the conversations' own values, which their messages' trigger bumped. */
  private void restoreConversations(@Nullable UserRows user) throws SQLException {
    if (!conversationsWritten) {
      return;
    }
    PortableTables.Table table = PortableTables.ALL.get(CONVERSATIONS);
    Catalog.TableInfo info = catalog.table(table);
    String target = Sql.table(schema, table.name());
    try (Statement statement = connection.createStatement()) {
      // updated_at's trigger keeps a value only when it changes: step aside where the messages'
      // trigger happened to set the very value to restore.
      statement.execute(
          "UPDATE "
              + target
              + " c SET updated_at = '-infinity' FROM "
              + restoreStage()
              + " s WHERE c.user_id = s.user_id AND c.id = s.id AND c.updated_at = s.updated_at");
      statement.execute(
          restore(info, target, restoreStage(), List.of("last_message_seq", "updated_at")));
    } catch (SQLException e) {
      throw refusal(e, table, user);
    }
  }

  private void begin() throws SQLException {
    if (open) {
      return;
    }
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT set_config('statement_timeout', ?, true), set_config('lock_timeout', ?, true),"
                + " set_config('IntervalStyle', 'iso_8601', true)")) {
      statement.setString(1, Long.toString(timeouts.statement().toMillis()));
      statement.setString(2, Long.toString(timeouts.lock().toMillis()));
      statement.execute();
    }
    open = true;
  }

  private void commit(@Nullable UserRows user) throws SQLException {
    restoreConversations(user);
    connection.commit();
    open = false;
    conversationsWritten = false;
    progress.accept(line);
  }

  private void rollback() throws SQLException {
    CopyIn in = copy;
    copy = null;
    if (in != null && in.isActive()) {
      in.cancelCopy();
    }
    connection.rollback();
    open = false;
    conversationsWritten = false;
  }

  private void abort(Throwable failure) {
    try {
      rollback();
    } catch (SQLException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private void account(UserRows user) {
    for (int t = 0; t < TABLES; t++) {
      totals.merge(PortableTables.ALL.get(t).name(), user.counts[t], Long::sum);
    }
    users++;
  }

  /** Drops the first {@code count} pending users, written, from the buffers. */
  private void dropWritten(int count) {
    int[] shift = pending.get(count - 1).end.clone();
    pending.subList(0, count).clear();
    for (int t = 0; t < TABLES; t++) {
      buffers[t].dropHead(shift[t]);
      buffered -= shift[t];
      for (UserRows user : pending) {
        user.start[t] -= shift[t];
        user.end[t] -= shift[t];
      }
      if (current != null) {
        current.start[t] -= shift[t];
      }
    }
  }

  private void clearBuffers() {
    for (Rows rows : buffers) {
      rows.size = 0;
    }
    buffered = 0;
  }

  private int[] ends() {
    int[] ends = new int[TABLES];
    for (int t = 0; t < TABLES; t++) {
      ends[t] = buffers[t].size;
    }
    return ends;
  }

  /** The position among the first {@code count} pending users of the first who exists, or -1. */
  private int firstExisting(int count) throws SQLException {
    List<UserRows> batch = pending.subList(0, count);
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT f.position FROM unnest(?::uuid[], ?::text[], ?::text[]) WITH ORDINALITY"
                + " AS f(id, username, email, position) WHERE EXISTS (SELECT FROM "
                + Sql.table(schema, "users")
                + " u WHERE u.id = f.id OR u.username = f.username"
                + " OR lower(u.email) = lower(f.email)) ORDER BY f.position LIMIT 1")) {
      statement.setArray(
          1, connection.createArrayOf("uuid", batch.stream().map(u -> u.id).toArray()));
      statement.setArray(
          2, connection.createArrayOf("text", batch.stream().map(u -> u.username).toArray()));
      statement.setArray(
          3, connection.createArrayOf("text", batch.stream().map(u -> u.email).toArray()));
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? (int) rows.getLong(1) - 1 : -1;
      }
    }
  }

  private void refuseExisting(UserRows user) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT id::text = ?, username = ?, lower(email) = lower(?) FROM "
                + Sql.table(schema, "users")
                + " WHERE id = ?::uuid OR username = ? OR lower(email) = lower(?) LIMIT 1")) {
      statement.setString(1, user.id);
      statement.setString(2, user.username);
      statement.setString(3, user.email);
      statement.setString(4, user.id);
      statement.setString(5, user.username);
      statement.setString(6, user.email);
      try (ResultSet rows = statement.executeQuery()) {
        if (rows.next()) {
          String field = rows.getBoolean(1) ? "id" : rows.getBoolean(2) ? "username" : "email";
          throw new DuplicateException(
              "line " + user.line + ": users." + field,
              new IllegalStateException(
                  "the database already has a user with this "
                      + field
                      + "; an import never merges into or replaces an existing user"));
        }
      }
    }
  }

  // --- staging tables -----------------------------------------------------------------------

  private static String stage(PortableTables.Table table) {
    return "pg_temp." + Sql.quote("todokit_import_" + table.name());
  }

  /** The conversations written in the open transaction, whose values are restored at its end. */
  private static String restoreStage() {
    return "pg_temp." + Sql.quote("todokit_import_conversations_restore");
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
      statement.execute("DROP TABLE IF EXISTS " + restoreStage());
      statement.execute(
          "CREATE TEMPORARY TABLE "
              + Sql.quote("todokit_import_conversations_restore")
              + " (LIKE "
              + Sql.table(schema, "conversations")
              + ") ON COMMIT DELETE ROWS");
    }
  }

  private void dropStages() {
    try (Statement statement = connection.createStatement()) {
      for (PortableTables.Table table : PortableTables.ALL) {
        if (table.loading() == PortableTables.Loading.STAGED) {
          statement.execute("DROP TABLE IF EXISTS " + stage(table));
        }
      }
      statement.execute("DROP TABLE IF EXISTS " + restoreStage());
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

  // --- state --------------------------------------------------------------------------------

  /** One table's buffered rows in COPY text: a growable byte array that can drop its head. */
  private static final class Rows {
    private byte[] bytes = new byte[1 << 12];
    private int size;

    void append(byte[] row) {
      if (size + row.length > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + row.length));
      }
      System.arraycopy(row, 0, bytes, size, row.length);
      size += row.length;
    }

    void dropHead(int count) {
      System.arraycopy(bytes, count, bytes, 0, size - count);
      size -= count;
    }
  }

  /** A user of the file: its identity and where its rows are in the buffers and in the file. */
  private static final class UserRows {
    final String id;
    final String username;
    final String email;
    final long line;

    /** Per table: where its buffered rows start and end in the buffer. */
    final int[] start = new int[TABLES];

    final int[] end = new int[TABLES];

    /** Per table: the line of its first buffered row, and how many rows are buffered. */
    final long[] firstLine = new long[TABLES];

    final long[] buffered = new long[TABLES];

    /** Per table: its rows read so far. */
    final long[] counts = new long[TABLES];

    int tableIndex;

    /** Whether some of its rows are written in the open transaction. */
    boolean spilled;

    UserRows(String id, String username, String email, long line) {
      this.id = id;
      this.username = username;
      this.email = email;
      this.line = line;
    }
  }

  /** The database refused a row of a batch of users: the batch is written again user by user. */
  private static final class BatchRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BatchRefused(@Nullable SQLException cause) {
      super("a row of the batch was refused", cause, false, false);
    }
  }

  private String lines(UserRows user, int table) {
    long first = user.buffered[table] > 0 ? user.firstLine[table] : user.line;
    long last = user.buffered[table] > 0 ? first + user.buffered[table] - 1 : line;
    return first == last ? "line " + first : "lines " + first + "-" + last;
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
   * The database refused a statement of {@code table}'s rows: for one user's rows, the refusal
   * naming the line; for a batch, {@link BatchRefused} when the data was refused (the batch is
   * written again user by user), else the database's fault.
   */
  private RuntimeException refusal(
      SQLException error, PortableTables.Table table, @Nullable UserRows user) {
    if (user != null) {
      int t = PortableTables.indexOf(table);
      long first = user.buffered[t] > 0 ? user.firstLine[t] : user.line;
      long last = user.buffered[t] > 0 ? first + user.buffered[t] - 1 : line;
      return refusedByDatabase(error, table, first, last);
    }
    String state = error.getSQLState() == null ? "" : error.getSQLState();
    if (state.startsWith("22") || state.startsWith("23")) {
      return new BatchRefused(error);
    }
    return SqlErrors.translate(
        new DataAccessException(String.valueOf(error.getMessage()), error), null);
  }

  /**
   * The database refused a row of lines {@code first}–{@code last}: the field names the line when
   * COPY said which one, else the lines of the block (a foreign key is checked when the block's
   * statement ends).
   */
  private TodoException refusedByDatabase(
      SQLException error, PortableTables.Table table, long first, long last) {
    ServerErrorMessage server =
        error instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
    String state = error.getSQLState() == null ? "" : error.getSQLState();
    String where = server == null || server.getWhere() == null ? "" : server.getWhere();
    Matcher matcher = COPY_LINE.matcher(where);
    String lines = first == last ? "line " + first : "lines " + first + "-" + last;
    String column = server == null ? null : server.getColumn();
    if (matcher.find()) {
      lines = "line " + (first + Long.parseLong(matcher.group(2)) - 1);
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
