package io.todokit.bench.dao;

import io.todokit.schema.TodoSchema;
import io.todokit.schema.VerificationReport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads a {@link Dataset} into a freshly migrated database with {@code COPY … FROM STDIN}, the
 * standard bulk-load recipe:
 *
 * <ol>
 *   <li>the secondary indexes of tasks, task_tags and messages are dropped and rebuilt after the
 *       load from their own {@code pg_get_indexdef} (primary keys stay: foreign keys need them, and
 *       the ordered ids make their inserts right-edge appends);
 *   <li>the trigger {@code messages_assign_seq} is disabled for the load ({@code ALTER TABLE
 *       messages DISABLE TRIGGER}) because the generator supplies {@code seq} itself, and
 *       conversations are loaded with their final {@code last_message_seq} and {@code updated_at};
 *       it is enabled again whatever happens;
 *   <li>the foreign keys are dropped for the load and added again afterwards from their own {@code
 *       pg_get_constraintdef}: adding one validates every row in one set-based query instead of one
 *       trigger call per loaded row (what made the first full load run at ~45,000 rows/s); then
 *       {@code VACUUM ANALYZE} and {@link TodoSchema#verify} (catalog and data checks) must pass.
 * </ol>
 */
final class Loader {

  /** What one step took. */
  record Step(String name, long rows, double seconds) {
    double rowsPerSecond() {
      return rows / seconds;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%-28s %,12d rows %8.2f s %,12.0f rows/s",
          name,
          rows,
          seconds,
          rowsPerSecond());
    }
  }

  private static final List<String> INDEXED_TABLES = List.of("tasks", "task_tags", "messages");

  private final Dataset data;
  private final List<Step> steps = new ArrayList<>();

  Loader(Dataset data) {
    this.data = data;
  }

  List<Step> steps() {
    return steps;
  }

  /** Loads everything; returns the steps with their rates. */
  List<Step> load(DataSource dataSource) throws SQLException {
    long start = System.nanoTime();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      execute(connection, "SET synchronous_commit = off");
      execute(connection, "SET maintenance_work_mem = '512MB'");
      Map<String, String> indexes = secondaryIndexes(connection);
      for (String name : indexes.keySet()) {
        execute(connection, "DROP INDEX " + name);
      }
      Map<String, String> foreignKeys = foreignKeys(connection);
      for (String key : foreignKeys.keySet()) {
        String[] tableAndName = key.split(" ", 2);
        execute(
            connection, "ALTER TABLE " + tableAndName[0] + " DROP CONSTRAINT " + tableAndName[1]);
      }
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      execute(connection, "ALTER TABLE messages DISABLE TRIGGER messages_assign_seq");
      try {
        copyUsers(copy);
        copyTags(copy);
        copyTemplates(copy);
        copyTasks(copy);
        copyTaskTags(copy);
        copyReminders(copy, connection);
        copyConversations(copy);
        copyMessages(copy);
      } finally {
        execute(connection, "ALTER TABLE messages ENABLE TRIGGER messages_assign_seq");
      }
      long t = System.nanoTime();
      for (String definition : indexes.values()) {
        execute(connection, definition);
      }
      steps.add(new Step("rebuild " + indexes.size() + " indexes", data.tasks(), seconds(t)));
      t = System.nanoTime();
      // Re-adding a foreign key validates every row with one set-based query (a hash or merge
      // anti-join) instead of one trigger call per loaded row.
      for (Map.Entry<String, String> key : foreignKeys.entrySet()) {
        String[] tableAndName = key.getKey().split(" ", 2);
        execute(
            connection,
            "ALTER TABLE "
                + tableAndName[0]
                + " ADD CONSTRAINT "
                + tableAndName[1]
                + " "
                + key.getValue());
      }
      steps.add(
          new Step("re-add " + foreignKeys.size() + " foreign keys", data.tasks(), seconds(t)));
      t = System.nanoTime();
      execute(connection, "VACUUM ANALYZE");
      steps.add(new Step("VACUUM ANALYZE", data.tasks(), seconds(t)));
    }
    long rows = 0;
    for (Step step : steps) {
      if (step.name().startsWith("COPY")) {
        rows += step.rows();
      }
    }
    steps.add(new Step("total (all tables)", rows, seconds(start)));
    return steps;
  }

  /** Verifies the loaded database with {@link TodoSchema#verify}; throws when a check fails. */
  static void verify(DataSource dataSource) {
    VerificationReport report = TodoSchema.standard().verify(dataSource);
    if (!report.passed()) {
      throw new IllegalStateException("the loaded dataset fails verification:\n" + report.render());
    }
  }

  private static Map<String, String> secondaryIndexes(Connection connection) throws SQLException {
    Map<String, String> indexes = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)"
                    + " FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid"
                    + " WHERE t.relname IN ('"
                    + String.join("', '", INDEXED_TABLES)
                    + "') AND t.relnamespace = current_schema()::regnamespace AND NOT i.indisprimary"
                    + " AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conindid = i.indexrelid)"
                    + " ORDER BY 1")) {
      while (rows.next()) {
        indexes.put(rows.getString(1), rows.getString(2));
      }
    }
    return indexes;
  }

  /** Every foreign key of the schema: "table name" → its definition. */
  private static Map<String, String> foreignKeys(Connection connection) throws SQLException {
    Map<String, String> keys = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT conrelid::regclass::text || ' ' || quote_ident(conname),"
                    + " pg_get_constraintdef(oid) FROM pg_constraint"
                    + " WHERE contype = 'f' AND connamespace = current_schema()::regnamespace ORDER BY 1")) {
      while (rows.next()) {
        keys.put(rows.getString(1), rows.getString(2));
      }
    }
    return keys;
  }

  private void copyUsers(CopyManager copy) throws SQLException {
    long t = System.nanoTime();
    try (CopyWriter out =
        new CopyWriter(
            copy.copyIn(
                "COPY users (id, username, email, password_hash, time_zone, is_active,"
                    + " created_at, updated_at) FROM STDIN"))) {
      for (int u = 0; u < data.users(); u++) {
        var created = Dataset.NOW.minusSeconds(400L * 86_400 - u);
        out.uuid(data.userId(u))
            .text(username(u))
            .text(username(u) + "@example.org")
            .text("$2a$10$benchmarkbenchmarkbenchmarkbenchmarkbenchmarkbenchmar")
            .text(data.zone(u))
            .bool(true)
            .instant(created)
            .instant(created)
            .endRow();
      }
      steps.add(new Step("COPY users", out.finish(), seconds(t)));
    }
  }

  static String username(int u) {
    return String.format(Locale.ROOT, "user%05d", u);
  }

  private void copyTags(CopyManager copy) throws SQLException {
    long t = System.nanoTime();
    try (CopyWriter out =
        new CopyWriter(
            copy.copyIn(
                "COPY tags (user_id, id, name, color, created_at, updated_at) FROM STDIN"))) {
      for (int u = 0; u < data.users(); u++) {
        for (int k = 0; k < data.tagsPerUser(); k++) {
          var created = Dataset.NOW.minusSeconds(300L * 86_400 - k);
          out.uuid(data.userId(u))
              .uuid(data.tagId(u, k))
              .text(Dataset.TAG_NAMES[k])
              .text(color(u, k))
              .instant(created)
              .instant(created)
              .endRow();
        }
      }
      steps.add(new Step("COPY tags", out.finish(), seconds(t)));
    }
  }

  private static String color(int u, int k) {
    String[] colors = {"#007bff", "#28a745", "#dc3545", "#ffc107", "#17a2b8"};
    return colors[(u + k) % colors.length];
  }

  private void copyTemplates(CopyManager copy) throws SQLException {
    long t = System.nanoTime();
    try (CopyWriter out =
        new CopyWriter(
            copy.copyIn(
                "COPY recurring_tasks (user_id, id, title, description, priority,"
                    + " recurrence_rule, time_zone, starts_at, next_due_at, missed_policy,"
                    + " is_active, created_at, updated_at) FROM STDIN"))) {
      for (int u = 0; u < data.users(); u++) {
        for (int k = 0; k < data.templatesPerUser(); k++) {
          Dataset.TemplateRow row = data.template(u, k);
          out.uuid(data.userId(u))
              .uuid(row.id())
              .text(row.title())
              .text(null)
              .text(row.priority())
              .text(row.recurrenceRule())
              .text(row.timeZone())
              .instant(row.startsAt())
              .instant(row.nextDueAt())
              .text(row.missedPolicy())
              .bool(true)
              .instant(row.createdAt())
              .instant(row.createdAt())
              .endRow();
        }
      }
      steps.add(new Step("COPY recurring_tasks", out.finish(), seconds(t)));
    }
  }

  private void copyTasks(CopyManager copy) throws SQLException {
    long t = System.nanoTime();
    try (CopyWriter out =
        new CopyWriter(
            copy.copyIn(
                "COPY tasks (user_id, id, title, description, status, completed_at, version,"
                    + " created_at, updated_at, priority, due_at, recurrence_rule) FROM STDIN"))) {
      for (int u = 0; u < data.users(); u++) {
        var user = data.userId(u);
        for (int k = 0; k < data.tasksPerUser(); k++) {
          Dataset.TaskRow row = data.task(u, k);
          out.uuid(user)
              .uuid(row.id())
              .text(row.title())
              .text(row.description())
              .text(row.status())
              .instant(row.completedAt())
              .number(row.version())
              .instant(row.createdAt())
              .instant(row.updatedAt())
              .text(row.priority())
              .instant(row.dueAt())
              .text(row.recurrenceRule())
              .endRow();
        }
      }
      steps.add(new Step("COPY tasks", out.finish(), seconds(t)));
    }
  }

  /**
   * One absolute reminder per task that has one (the schema's trigger computes its fire instant and
   * arms it, or cancels it for a completed task); those older than a day were sent.
   */
  private void copyReminders(CopyManager copy, java.sql.Connection connection) throws SQLException {
    long t = System.nanoTime();
    try (CopyWriter out =
        new CopyWriter(
            copy.copyIn(
                "COPY reminders (user_id, task_id, at, created_at, updated_at) FROM STDIN"))) {
      for (int u = 0; u < data.users(); u++) {
        var user = data.userId(u);
        for (int k = 0; k < data.tasksPerUser(); k++) {
          Dataset.TaskRow row = data.task(u, k);
          if (row.remindAt() != null) {
            out.uuid(user)
                .uuid(row.id())
                .instant(row.remindAt())
                .instant(row.createdAt())
                .instant(row.createdAt())
                .endRow();
          }
        }
      }
      steps.add(new Step("COPY reminders", out.finish(), seconds(t)));
    }
    try (var statement = connection.createStatement()) {
      statement.execute(
          "UPDATE reminders SET state = 'delivered', delivered_at = at + interval '30 seconds',"
              + " next_attempt_at = NULL WHERE at < timestamptz '"
              + Dataset.NOW
              + "' - interval '1 day'");
    }
  }

  private void copyTaskTags(CopyManager copy) throws SQLException {
    long t = System.nanoTime();
    try (CopyWriter out =
        new CopyWriter(
            copy.copyIn("COPY task_tags (user_id, task_id, tag_id, created_at) FROM STDIN"))) {
      for (int u = 0; u < data.users(); u++) {
        var user = data.userId(u);
        for (int k = 0; k < data.tasksPerUser(); k++) {
          Dataset.TaskRow row = data.task(u, k);
          for (int tag : row.tags()) {
            out.uuid(user)
                .uuid(row.id())
                .uuid(data.tagId(u, tag))
                .instant(row.createdAt())
                .endRow();
          }
        }
      }
      steps.add(new Step("COPY task_tags", out.finish(), seconds(t)));
    }
  }

  private void copyConversations(CopyManager copy) throws SQLException {
    long t = System.nanoTime();
    int n = data.messagesPerConversation();
    try (CopyWriter out =
        new CopyWriter(
            copy.copyIn(
                "COPY conversations (user_id, id, title, last_message_seq, created_at,"
                    + " updated_at) FROM STDIN"))) {
      for (int u = 0; u < data.users(); u++) {
        for (int k = 0; k < data.conversationsPerUser(); k++) {
          out.uuid(data.userId(u))
              .uuid(data.conversationId(u, k))
              .text("Planning chat " + (k + 1))
              .number(n)
              .instant(data.conversationStart(u, k))
              .instant(data.messageAt(u, k, n))
              .endRow();
        }
      }
      steps.add(new Step("COPY conversations", out.finish(), seconds(t)));
    }
  }

  private void copyMessages(CopyManager copy) throws SQLException {
    long t = System.nanoTime();
    int n = data.messagesPerConversation();
    try (CopyWriter out =
        new CopyWriter(
            copy.copyIn(
                "COPY messages (user_id, conversation_id, id, seq, role, content, tool_calls,"
                    + " tool_call_id, created_at) FROM STDIN"))) {
      for (int u = 0; u < data.users(); u++) {
        var user = data.userId(u);
        for (int k = 0; k < data.conversationsPerUser(); k++) {
          var conversation = data.conversationId(u, k);
          for (int seq = 1; seq <= n; seq++) {
            String role = Dataset.role(seq);
            boolean calls = seq % 10 == 4;
            out.uuid(user)
                .uuid(conversation)
                .uuid(data.messageId(u, k, seq))
                .number(seq)
                .text(role)
                .text(data.messageContent(u, k, seq))
                .text(
                    calls
                        ? "[{\"id\": \""
                            + Dataset.toolCallId(u, k, seq)
                            + "\", \"type\": \"function\", \"function\": {\"name\": \"list_tasks\","
                            + " \"arguments\": \"{}\"}}]"
                        : null)
                .text(role.equals("tool") ? Dataset.toolCallId(u, k, seq - 1) : null)
                .instant(data.messageAt(u, k, seq))
                .endRow();
          }
        }
      }
      steps.add(new Step("COPY messages", out.finish(), seconds(t)));
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
