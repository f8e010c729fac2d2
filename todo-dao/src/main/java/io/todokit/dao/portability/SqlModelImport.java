package io.todokit.dao.portability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.todokit.dao.RecurrenceJson;
import io.todokit.dao.TodoDb;
import io.todokit.dao.UnavailableException;
import io.todokit.dao.ValidationException;
import io.todokit.dao.conversations.ConversationDao;
import io.todokit.dao.internal.Check;
import io.todokit.dao.internal.Json;
import io.todokit.dao.internal.SqlErrors;
import io.todokit.schema.TodoSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Brings the data of the SQLModel / Alembic backend todokit grew from into todokit: reads its
 * {@code users}, {@code tasks}, {@code tags}, {@code task_tags}, {@code recurring_tasks}, {@code
 * conversations} and {@code messages} (whichever exist, in any of the seed's variants: TEXT or UUID
 * ids, naive UTC or zoned timestamps, {@code is_complete} or {@code status}, recurrence as JSON or
 * text, {@code remind_at} on tasks), maps each record to todokit's format, refuses what does not
 * map (with a reason per kind), and imports the rest user by user through {@link
 * Portability#importFrom}.
 *
 * <p>Ids that are UUIDs are kept; other ids become name-based UUIDs of their kind and text, so that
 * a second run maps them alike. Naive timestamps are read as UTC. A refused user takes all of their
 * records with them; a refused task its reminder and tag links; a refused conversation its
 * messages. Instances are immutable and thread-safe; each {@link #into} is one import.
 */
public final class SqlModelImport {

  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,49}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
  private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");
  private static final Set<String> PRIORITIES = Set.of("low", "medium", "high", "urgent");
  private static final Set<String> STATUSES = Set.of("pending", "in_progress", "completed");
  private static final Set<String> ROLES = Set.of("user", "assistant", "system", "tool");

  private final DataSource source;
  private final String schema;

  private SqlModelImport(DataSource source, String schema) {
    this.source = source;
    this.schema = schema;
  }

  /**
   * An import from the SQLModel tables in the schema {@code public} of a database.
   *
   * @param source the SQLModel backend's database (read only: nothing there is changed)
   * @return the import
   */
  public static SqlModelImport from(DataSource source) {
    return new SqlModelImport(Objects.requireNonNull(source, "source"), "public");
  }

  /**
   * The same import from another schema of that database.
   *
   * @param schema the schema of the SQLModel tables
   * @return the import
   */
  public SqlModelImport inSchema(String schema) {
    return new SqlModelImport(source, Objects.requireNonNull(schema, "schema"));
  }

  /**
   * Maps every record and imports the mapped ones into {@code db}, one transaction per user.
   *
   * @param db the todokit database
   * @return what was mapped, refused (with reasons) and imported
   * @throws io.todokit.dao.DuplicateException when a mapped user already exists in {@code db}; the
   *     users before it stay imported
   * @throws UnavailableException when a database fails, or the source has no {@code users} or
   *     {@code tasks} table
   */
  public SqlModelReport into(TodoDb db) {
    Objects.requireNonNull(db, "db");
    Path file;
    Mapping mapping;
    try {
      file = Files.createTempFile("todokit-sqlmodel-", ".ndjson");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      try (Connection connection = source.getConnection();
          BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        mapping = new Mapping(connection, out);
        mapping.run();
        connection.rollback();
      } catch (SQLException e) {
        throw SqlErrors.translate(
            new org.jooq.exception.DataAccessException("reading the SQLModel tables failed", e),
            null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      ImportReport imported;
      try (InputStream in = Files.newInputStream(file)) {
        imported = db.portability().importFrom(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new SqlModelReport(mapping.mapped, mapping.refused, imported);
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // A temporary file left behind is harmless; the import's outcome is what matters.
      }
    }
  }

  /** One run of the mapping: the source's columns, the counts, the ids mapped so far. */
  private final class Mapping {

    private final Connection connection;
    private final BufferedWriter out;
    private final Map<String, Map<String, String>> columns = new HashMap<>();
    final Map<String, Long> mapped = new LinkedHashMap<>();
    final Map<String, Map<String, Long>> refused = new LinkedHashMap<>();
    private final Set<String> emails = new HashSet<>();
    private final Set<String> usernames = new HashSet<>();

    Mapping(Connection connection, BufferedWriter out) throws SQLException {
      this.connection = connection;
      this.out = out;
      for (String kind :
          List.of(
              "users",
              "tags",
              "recurring_tasks",
              "tasks",
              "reminders",
              "task_tags",
              "conversations",
              "messages")) {
        mapped.put(kind, 0L);
      }
      try (PreparedStatement statement =
          connection.prepareStatement(
              "SELECT table_name, column_name, data_type FROM information_schema.columns"
                  + " WHERE table_schema = ? ORDER BY table_name, ordinal_position")) {
        statement.setString(1, schema);
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            columns
                .computeIfAbsent(rows.getString(1), t -> new LinkedHashMap<>())
                .put(rows.getString(2), rows.getString(3));
          }
        }
      }
      for (String required : List.of("users", "tasks")) {
        if (!columns.containsKey(required)) {
          throw new UnavailableException(
              "the SQLModel schema " + schema + " has no table " + required, false, null, null);
        }
      }
    }

    void run() throws SQLException, IOException {
      write(
          Json.object()
              .put("type", "header")
              .put("format", Portability.FORMAT_VERSION)
              .put("schema_version", TodoSchema.latestVersion()));
      try (PreparedStatement statement =
          connection.prepareStatement("SELECT * FROM " + table("users") + " ORDER BY id")) {
        statement.setFetchSize(500);
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            user(new Row("users", rows));
          }
        }
      }
      out.flush();
    }

    private void user(Row row) throws SQLException, IOException {
      String sourceId = String.valueOf(row.text("id"));
      UUID id = uuid("users", sourceId);
      String username = row.text("username");
      String email = row.text("email");
      String hash = row.text("password_hash");
      String reason = null;
      if (username == null || !USERNAME.matcher(username).matches()) {
        reason =
            "username: not 3 to 50 letters, digits, '.', '_' or '-' starting with a letter or digit";
      } else if (email == null || email.length() > 254 || !EMAIL.matcher(email).matches()) {
        reason = "email: not an address";
      } else if (hash == null || Check.isBlank(hash)) {
        reason = "password_hash: blank";
      } else if (!emails.add(email.toLowerCase(Locale.ROOT))) {
        reason = "email: the same as another user's in another case";
      } else if (!usernames.add(username)) {
        reason = "username: taken";
      }
      List<ObjectNode> records = new ArrayList<>();
      if (reason != null) {
        refuse("users", reason);
        // Everything of the user goes with them: count it as refused, not silently dropped.
        countOrphans(sourceId);
        return;
      }
      Instant created = row.instantOr("created_at", Instant.EPOCH);
      ObjectNode user =
          record("users")
              .put("id", id.toString())
              .put("username", username)
              .put("email", email)
              .put("password_hash", hash)
              .put("time_zone", "UTC")
              .put("is_active", row.bool("is_active", true))
              .put("created_at", text(created))
              .put("updated_at", text(row.instantOr("updated_at", created)));
      records.add(user);
      count("users");
      UserRows rows = new UserRows(id, sourceId);
      rows.tags(records);
      rows.templates(records);
      rows.tasks(records);
      rows.taskTags(records);
      rows.conversations(records);
      for (ObjectNode record : sorted(records)) {
        write(record);
      }
    }

    /** The format's order: by kind; within a kind the order the rows were read in. */
    private List<ObjectNode> sorted(List<ObjectNode> records) {
      List<String> order = PortableTables.ALL.stream().map(PortableTables.Table::name).toList();
      List<ObjectNode> result = new ArrayList<>(records);
      result.sort(java.util.Comparator.comparingInt(r -> order.indexOf(r.get("type").asText())));
      return result;
    }

    private void countOrphans(String userSourceId) throws SQLException {
      for (String kind : List.of("tags", "recurring_tasks", "tasks", "conversations")) {
        if (columns.getOrDefault(kind, Map.of()).containsKey("user_id")) {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT count(*) FROM "
                      + table(kind)
                      + " WHERE user_id = "
                      + cast(kind, "user_id"))) {
            statement.setString(1, userSourceId);
            try (ResultSet rows = statement.executeQuery()) {
              rows.next();
              long count = rows.getLong(1);
              if (count > 0) {
                refused
                    .computeIfAbsent(kind, k -> new LinkedHashMap<>())
                    .merge("its user was refused", count, Long::sum);
              }
            }
          }
        }
      }
    }

    /** One user's rows. */
    private final class UserRows {

      private final UUID user;
      private final String sourceUser;
      private final Set<UUID> tasks = new HashSet<>();
      private final Set<UUID> tags = new HashSet<>();
      private final Set<String> tagNames = new HashSet<>();

      UserRows(UUID user, String sourceUser) {
        this.user = user;
        this.sourceUser = sourceUser;
      }

      private List<Row> rows(String kind, String orderBy) throws SQLException {
        List<Row> rows = new ArrayList<>();
        if (!columns.containsKey(kind)) {
          return rows;
        }
        try (PreparedStatement statement =
            connection.prepareStatement(
                "SELECT * FROM "
                    + table(kind)
                    + " WHERE user_id = "
                    + cast(kind, "user_id")
                    + " ORDER BY "
                    + orderBy)) {
          statement.setString(1, sourceUser);
          try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
              rows.add(new Row(kind, result));
            }
          }
        }
        return rows;
      }

      void tags(List<ObjectNode> records) throws SQLException {
        for (Row row : rows("tags", "created_at, id")) {
          String name = row.text("name");
          String trimmed = name == null ? "" : name.strip();
          String color = row.text("color");
          if (trimmed.isEmpty() || Check.isBlank(trimmed) || trimmed.length() > 50) {
            refuse("tags", "name: blank or longer than 50 characters");
          } else if (color != null && !COLOR.matcher(color).matches()) {
            refuse("tags", "color: not #RRGGBB");
          } else if (!tagNames.add(trimmed.toLowerCase(Locale.ROOT))) {
            refuse("tags", "name: the same as another tag of the user in another case");
          } else {
            UUID id = uuid("tags", row.text("id"));
            tags.add(id);
            Instant created = row.instantOr("created_at", Instant.EPOCH);
            records.add(
                record("tags")
                    .put("user_id", user.toString())
                    .put("id", id.toString())
                    .put("name", trimmed)
                    .put("color", color == null ? "#007bff" : color)
                    .put("created_at", text(created))
                    .put("updated_at", text(row.instantOr("updated_at", created))));
            count("tags");
          }
        }
      }

      void templates(List<ObjectNode> records) throws SQLException {
        for (Row row : rows("recurring_tasks", "created_at, id")) {
          String title = title(row.text("title"));
          String priority = priority(row.text("priority"));
          String rule = rule(row.text("recurrence_rule"));
          if (title == null) {
            refuse("recurring_tasks", "title: blank or longer than 255 characters");
          } else if (priority == null) {
            refuse("recurring_tasks", "priority: not low, medium, high or urgent");
          } else if (rule == null || rule.startsWith("!")) {
            refuse(
                "recurring_tasks",
                "recurrence_rule: " + (rule == null ? "missing" : rule.substring(1)));
          } else if (tooLong(row.text("description"))) {
            refuse("recurring_tasks", "description: longer than 10,000 characters");
          } else {
            Instant created = row.instantOr("created_at", Instant.EPOCH);
            Instant next = row.instant("next_due_at");
            records.add(
                record("recurring_tasks")
                    .put("user_id", user.toString())
                    .put("id", uuid("recurring_tasks", row.text("id")).toString())
                    .put("title", title)
                    .put("description", row.text("description"))
                    .put("priority", priority)
                    .set("recurrence_rule", json(rule)));
            ObjectNode template = records.get(records.size() - 1);
            template
                .put("time_zone", "UTC")
                .put("starts_at", text(next != null ? next : created))
                .put("next_due_at", next == null ? null : text(next))
                .put("missed_policy", "latest")
                .put("is_active", next != null && row.bool("is_active", true))
                .put("end_reason", (String) null)
                .put("created_at", text(created))
                .put("updated_at", text(row.instantOr("updated_at", created)));
            template.set("reminders_before_due", Json.array());
            count("recurring_tasks");
          }
        }
      }

      void tasks(List<ObjectNode> records) throws SQLException {
        for (Row row : rows("tasks", "created_at, id")) {
          String title = title(row.text("title"));
          String priority = priority(row.text("priority"));
          String status;
          if (row.has("status")) {
            String value = row.text("status");
            status = value == null ? "pending" : value.toLowerCase(Locale.ROOT);
            if (!STATUSES.contains(status)) {
              status = null;
            }
          } else {
            status = row.bool("is_complete", false) ? "completed" : "pending";
          }
          String rule = rule(row.text("recurrence_rule"));
          if (title == null) {
            refuse("tasks", "title: blank or longer than 255 characters");
          } else if (priority == null) {
            refuse("tasks", "priority: not low, medium, high or urgent");
          } else if (status == null) {
            refuse("tasks", "status: not pending, in_progress or completed");
          } else if (rule != null && rule.startsWith("!")) {
            refuse("tasks", "recurrence_rule: " + rule.substring(1));
          } else if (tooLong(row.text("description"))) {
            refuse("tasks", "description: longer than 10,000 characters");
          } else {
            UUID id = uuid("tasks", row.text("id"));
            tasks.add(id);
            Instant created = row.instantOr("created_at", Instant.EPOCH);
            Instant updated = row.instantOr("updated_at", created);
            boolean done = status.equals("completed");
            Instant due = row.has("due_date") ? row.instant("due_date") : row.instant("due_at");
            ObjectNode task =
                record("tasks")
                    .put("user_id", user.toString())
                    .put("id", id.toString())
                    .put("title", title)
                    .put("description", row.text("description"))
                    .put("status", status)
                    .put("completed_at", done ? text(row.instantOr("completed_at", updated)) : null)
                    .put("version", 0)
                    .put("created_at", text(created))
                    .put("updated_at", text(updated))
                    .put("priority", priority)
                    .put("due_at", due == null ? null : text(due))
                    .put("template_id", (String) null)
                    .put("occurrence_at", (String) null);
            task.set("recurrence_rule", rule == null ? null : json(rule));
            records.add(task);
            count("tasks");
            Instant remind = row.instant("remind_at");
            if (remind != null) {
              records.add(
                  record("reminders")
                      .put("user_id", user.toString())
                      .put("id", uuid("reminders", id.toString()).toString())
                      .put("task_id", id.toString())
                      .put("at", text(remind))
                      .put("before_due", (String) null)
                      .put("fire_at", text(remind))
                      .put("state", done ? "canceled" : "pending")
                      .put("next_attempt_at", done ? null : text(remind))
                      .put("attempts", 0)
                      .put("last_error", (String) null)
                      .put("lease_token", (String) null)
                      .put("delivered_at", (String) null)
                      .put("created_at", text(created))
                      .put("updated_at", text(updated)));
              count("reminders");
            }
          }
        }
      }

      void taskTags(List<ObjectNode> records) throws SQLException {
        if (!columns.containsKey("task_tags") || !columns.containsKey("tags")) {
          return;
        }
        try (PreparedStatement statement =
            connection.prepareStatement(
                "SELECT tt.* FROM "
                    + table("task_tags")
                    + " tt JOIN "
                    + table("tasks")
                    + " t ON t.id = tt.task_id WHERE t.user_id = "
                    + cast("tasks", "user_id")
                    + " ORDER BY tt.task_id, tt.tag_id")) {
          statement.setString(1, sourceUser);
          try (ResultSet result = statement.executeQuery()) {
            Set<String> seen = new HashSet<>();
            while (result.next()) {
              Row row = new Row("task_tags", result);
              UUID task = uuid("tasks", row.text("task_id"));
              UUID tag = uuid("tags", row.text("tag_id"));
              if (!tasks.contains(task)) {
                refuse("task_tags", "its task was refused");
              } else if (!tags.contains(tag)) {
                refuse("task_tags", "its tag was refused or belongs to another user");
              } else if (seen.add(task + "/" + tag)) {
                records.add(
                    record("task_tags")
                        .put("user_id", user.toString())
                        .put("task_id", task.toString())
                        .put("tag_id", tag.toString())
                        .put("created_at", text(row.instantOr("created_at", Instant.EPOCH))));
                count("task_tags");
              }
            }
          }
        }
      }

      void conversations(List<ObjectNode> records) throws SQLException {
        for (Row row : rows("conversations", "created_at, id")) {
          String title = row.text("title");
          String stripped = title == null ? "" : title.strip();
          if (stripped.length() > 255) {
            refuse("conversations", "title: longer than 255 characters");
            countMessages(row.text("id"), "its conversation was refused");
            continue;
          }
          UUID id = uuid("conversations", row.text("id"));
          List<ObjectNode> messages = messages(row.text("id"), id);
          Instant created = row.instantOr("created_at", Instant.EPOCH);
          records.add(
              record("conversations")
                  .put("user_id", user.toString())
                  .put("id", id.toString())
                  .put(
                      "title",
                      stripped.isEmpty() || Check.isBlank(stripped)
                          ? ConversationDao.DEFAULT_TITLE
                          : stripped)
                  .put("last_message_seq", messages.size())
                  .put("created_at", text(created))
                  .put("updated_at", text(row.instantOr("updated_at", created))));
          count("conversations");
          records.addAll(messages);
        }
      }

      private void countMessages(@Nullable String conversation, String reason) throws SQLException {
        if (!columns.containsKey("messages")) {
          return;
        }
        try (PreparedStatement statement =
            connection.prepareStatement(
                "SELECT count(*) FROM "
                    + table("messages")
                    + " WHERE conversation_id = "
                    + cast("messages", "conversation_id"))) {
          statement.setString(1, conversation);
          try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            if (rows.getLong(1) > 0) {
              refused
                  .computeIfAbsent("messages", k -> new LinkedHashMap<>())
                  .merge(reason, rows.getLong(1), Long::sum);
            }
          }
        }
      }

      private List<ObjectNode> messages(@Nullable String sourceConversation, UUID conversation)
          throws SQLException {
        List<ObjectNode> messages = new ArrayList<>();
        if (!columns.containsKey("messages")) {
          return messages;
        }
        try (PreparedStatement statement =
            connection.prepareStatement(
                "SELECT * FROM "
                    + table("messages")
                    + " WHERE conversation_id = "
                    + cast("messages", "conversation_id")
                    + " ORDER BY created_at, id")) {
          statement.setString(1, sourceConversation);
          try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
              Row row = new Row("messages", result);
              String role = row.text("role");
              role = role == null ? "" : role.toLowerCase(Locale.ROOT);
              String content = row.text("content");
              String toolCalls = row.text("tool_calls");
              JsonNode calls = toolCalls == null ? null : parse(toolCalls);
              if (!ROLES.contains(role)) {
                refuse("messages", "role: not user, assistant, system or tool");
              } else if (role.equals("tool")) {
                refuse(
                    "messages",
                    "role: a tool message needs the id of the call it answers, which the SQLModel schema does not keep");
              } else if (content == null || content.length() > 1_000_000) {
                refuse("messages", "content: missing or longer than 1,000,000 characters");
              } else if (calls != null && calls.isNull()) {
                refuse("messages", "tool_calls: not JSON");
              } else if (calls != null && !role.equals("assistant")) {
                refuse("messages", "tool_calls: only an assistant message carries tool calls");
              } else if (calls != null && !calls.isArray() && !calls.isObject()) {
                refuse("messages", "tool_calls: not a JSON array or object");
              } else {
                ObjectNode message =
                    record("messages")
                        .put("user_id", user.toString())
                        .put("conversation_id", conversation.toString())
                        .put("id", uuid("messages", row.text("id")).toString())
                        .put("seq", messages.size() + 1)
                        .put("role", role)
                        .put("content", content)
                        .put("tool_call_id", (String) null)
                        .put("created_at", text(row.instantOr("created_at", Instant.EPOCH)));
                message.set("tool_calls", calls);
                messages.add(message);
                count("messages");
              }
            }
          }
        }
        return messages;
      }
    }

    private String table(String name) {
      return Sql.table(schema, name);
    }

    /** The bound id, cast to the column's own type so that the column's index serves the lookup. */
    private String cast(String table, String column) {
      String type = columns.getOrDefault(table, Map.of()).getOrDefault(column, "text");
      return type.equals("uuid") ? "?::uuid" : "?";
    }

    private void write(ObjectNode record) throws IOException {
      out.write(record.toString());
      out.write('\n');
    }

    private void count(String kind) {
      mapped.merge(kind, 1L, Long::sum);
    }

    private void refuse(String kind, String reason) {
      refused.computeIfAbsent(kind, k -> new LinkedHashMap<>()).merge(reason, 1L, Long::sum);
    }
  }

  /** One source row, read by column name with the source's types. */
  private static final class Row {

    private final Map<String, @Nullable Object> values = new HashMap<>();

    Row(String table, ResultSet rows) throws SQLException {
      var meta = rows.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        String type = meta.getColumnTypeName(i);
        Object value =
            switch (type) {
              case "timestamp" -> {
                LocalDateTime naive = rows.getObject(i, LocalDateTime.class);
                yield naive == null ? null : naive.toInstant(ZoneOffset.UTC);
              }
              case "timestamptz" -> {
                OffsetDateTime zoned = rows.getObject(i, OffsetDateTime.class);
                yield zoned == null ? null : zoned.toInstant();
              }
              case "bool" -> rows.getObject(i) == null ? null : rows.getBoolean(i);
              default -> rows.getString(i);
            };
        values.put(meta.getColumnName(i), value);
      }
    }

    boolean has(String column) {
      return values.containsKey(column);
    }

    @Nullable String text(String column) {
      Object value = values.get(column);
      return value == null ? null : value.toString();
    }

    @Nullable Instant instant(String column) {
      return values.get(column) instanceof Instant instant
          ? instant.truncatedTo(ChronoUnit.MICROS)
          : null;
    }

    Instant instantOr(String column, Instant fallback) {
      Instant value = instant(column);
      return value != null ? value : fallback;
    }

    boolean bool(String column, boolean fallback) {
      return values.get(column) instanceof Boolean flag ? flag : fallback;
    }
  }

  private static ObjectNode record(String type) {
    return Json.object().put("type", type);
  }

  /** A UUID id kept; any other id a name-based UUID of its kind and text. */
  static UUID uuid(String kind, @Nullable String id) {
    String text = String.valueOf(id);
    if (text.length() == 36) {
      try {
        return UUID.fromString(text);
      } catch (IllegalArgumentException e) {
        // not a UUID: derived below
      }
    }
    return UUID.nameUUIDFromBytes(
        ("todokit-sqlmodel:" + kind + ":" + text).getBytes(StandardCharsets.UTF_8));
  }

  private static String text(Instant instant) {
    return instant.toString();
  }

  private static @Nullable String title(@Nullable String title) {
    String stripped = title == null ? "" : title.strip();
    return stripped.isEmpty() || Check.isBlank(stripped) || stripped.length() > 255
        ? null
        : stripped;
  }

  private static @Nullable String priority(@Nullable String priority) {
    String value = priority == null ? "medium" : priority.toLowerCase(Locale.ROOT);
    return PRIORITIES.contains(value) ? value : null;
  }

  private static boolean tooLong(@Nullable String description) {
    return description != null && description.length() > 10_000;
  }

  /** The rule in todokit's JSON shape, null for none, or "!" and the reason it is refused. */
  private static @Nullable String rule(@Nullable String rule) {
    if (rule == null || rule.isBlank() || rule.strip().equals("null")) {
      return null;
    }
    try {
      return RecurrenceJson.format(RecurrenceJson.parse(seedShape(rule)));
    } catch (ValidationException e) {
      return "!" + e.getMessage();
    }
  }

  /**
   * The seed's spellings in todokit's: days {@code "mon"} … {@code "sun"} as {@code "monday"} …, an
   * {@code end_date} given as an instant ({@code 2025-12-31T23:59:59Z}) as its UTC date.
   */
  private static String seedShape(String rule) {
    JsonNode node = parse(rule);
    if (!(node instanceof ObjectNode object)) {
      return rule;
    }
    if (object.get("days") instanceof com.fasterxml.jackson.databind.node.ArrayNode days) {
      for (int i = 0; i < days.size(); i++) {
        String day = days.get(i).asText().toLowerCase(Locale.ROOT);
        String full = DAYS.get(day);
        if (full != null) {
          days.set(i, object.textNode(full));
        }
      }
    }
    JsonNode end = object.get("end_date");
    if (end != null
        && end.isTextual()
        && end.asText().length() > 10
        && end.asText().charAt(10) == 'T') {
      try {
        object.put(
            "end_date",
            Instant.parse(end.asText()).atOffset(ZoneOffset.UTC).toLocalDate().toString());
      } catch (java.time.DateTimeException e) {
        // left as it is: RecurrenceJson names the field
      }
    }
    return object.toString();
  }

  private static final Map<String, String> DAYS =
      Map.of(
          "mon", "monday",
          "tue", "tuesday",
          "wed", "wednesday",
          "thu", "thursday",
          "fri", "friday",
          "sat", "saturday",
          "sun", "sunday");

  private static JsonNode json(String text) {
    JsonNode node = parse(text);
    return Objects.requireNonNull(node, "json");
  }

  /** The JSON document, or a JSON null when it is not one. */
  private static JsonNode parse(String text) {
    try {
      JsonNode node = Json.read(text);
      return node == null ? Json.object().nullNode() : node;
    } catch (IOException e) {
      return Json.object().nullNode();
    }
  }
}
