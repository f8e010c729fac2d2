package io.todokit.dao;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The statements the DAOs really send, EXPLAINed on 100,000 tasks of 1,000 users (with tags,
 * reminders and recurring templates), after ANALYZE: the hot queries use their indexes and never
 * scan tasks, task_tags or recurring_tasks sequentially.
 */
class QueryPlansAtScaleTest extends DaoTestSupport {

  private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
  private static final Pattern SEQUENTIAL =
      Pattern.compile("Seq Scan on (tasks|task_tags|recurring_tasks|messages)\\b");

  private static final List<String> statements = new CopyOnWriteArrayList<>();
  private static TodoDb recording;
  private static UUID user;
  private static UUID tag;

  @BeforeAll
  static void hundredThousandTasks() throws SQLException {
    sql(
        "INSERT INTO users (id, username, email, password_hash, time_zone)"
            + " SELECT gen_random_uuid(), 'scale' || g, 'scale' || g || '@example.org', 'x',"
            + " (ARRAY['UTC', 'Europe/Berlin', 'America/New_York', 'Pacific/Auckland',"
            + " 'Asia/Kolkata'])[1 + g % 5]"
            + " FROM generate_series(1, 1000) g");
    sql(
        "INSERT INTO tags (user_id, name)"
            + " SELECT u.id, 'tag' || g FROM users u, generate_series(1, 10) g");
    // 100 tasks per user: a quarter completed, due dates over -60..+60 days, 30% with reminders
    // (a tenth of those already claimed).
    sql(
        "INSERT INTO tasks (user_id, title, status, completed_at, priority, due_at)"
            + " SELECT u.id, 'Task ' || g,"
            + " CASE WHEN g % 4 = 0 THEN 'completed' ELSE 'pending' END::task_status,"
            + " CASE WHEN g % 4 = 0 THEN ?::timestamptz END,"
            + " (ARRAY['low', 'medium', 'high', 'urgent'])[1 + g % 4]::task_priority,"
            + " ?::timestamptz + ((g * 37) % 120 - 60) * interval '1 day' + g * interval '1 minute'"
            + " FROM users u, generate_series(1, 100) g",
        NOW, NOW);
    sql(
        "INSERT INTO reminders (user_id, task_id, before_due)"
            + " SELECT user_id, id, interval '1 day' FROM tasks WHERE hashtext(id::text) % 10 < 3");
    sql(
        "UPDATE reminders SET state = 'delivered', delivered_at = fire_at, next_attempt_at = NULL"
            + " WHERE hashtext(id::text) % 10 = 1");
    sql(
        "INSERT INTO task_tags (user_id, task_id, tag_id)"
            + " SELECT t.user_id, t.id, tg.id FROM tasks t"
            + " JOIN tags tg ON tg.user_id = t.user_id"
            + " AND tg.name = 'tag' || (1 + abs(hashtext(t.id::text)) % 10)");
    sql(
        "INSERT INTO recurring_tasks (user_id, title, recurrence_rule, starts_at, next_due_at)"
            + " SELECT u.id, 'Template ' || g, '{\"frequency\": \"daily\", \"interval\": 1}',"
            + " ?::timestamptz - interval '30 days',"
            + " ?::timestamptz + (g * 7 - 24) * interval '1 hour'"
            + " FROM users u, generate_series(1, 5) g",
        NOW,
        NOW);
    sql("ANALYZE");
    assertThat(rows("tasks")).isEqualTo(100_000);

    try (Connection connection = sqlSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT u.id, tg.id FROM users u JOIN tags tg ON tg.user_id = u.id"
                    + " WHERE u.username = 'scale42' AND tg.name = 'tag3'")) {
      row.next();
      user = row.getObject(1, UUID.class);
      tag = row.getObject(2, UUID.class);
    }
    recording = recordingDb(statements);
  }

  /**
   * Plan-stable reads (issue 14): under {@code plan_cache_mode=auto}, PgJDBC prepares a statement
   * on the server from its fifth execution on a connection, PostgreSQL plans it five times for the
   * values given, then keeps the generic plan only if that is estimated no dearer than the custom
   * ones; otherwise it plans every call anew, which costs more than running these reads. Twenty
   * users on one connection: every hot read must have switched to its generic plan.
   */
  @Test
  void theHotReadsSettleOnGenericPlans() throws SQLException {
    com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
    config.setDataSource(database.dataSource());
    config.setMaximumPoolSize(1);
    config.setConnectionInitSql("SET plan_cache_mode = auto");
    try (com.zaxxer.hikari.HikariDataSource one = new com.zaxxer.hikari.HikariDataSource(config)) {
      TodoDb single = TodoDb.create(one).withClock(Clock.fixed(NOW, ZoneOffset.UTC));
      List<UUID[]> picks = new java.util.ArrayList<>();
      try (Connection connection = sqlSource.getConnection();
          Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "SELECT u.id, tg.id FROM users u JOIN tags tg ON tg.user_id = u.id"
                      + " WHERE u.username LIKE 'scale%' AND tg.name = 'tag3'"
                      + " ORDER BY u.username LIMIT 20")) {
        while (rows.next()) {
          picks.add(new UUID[] {rows.getObject(1, UUID.class), rows.getObject(2, UUID.class)});
        }
      }
      assertThat(picks).hasSize(20);
      for (UUID[] pick : picks) {
        single.tasks().overdue(pick[0], NOW);
        single.tasks().dueToday(pick[0], NOW);
        single.tasks().byTag(pick[0], pick[1]);
        single
            .tasks()
            .withTags(pick[0], io.todokit.dao.tasks.TagFilter.anyOf(java.util.Set.of(pick[1])));
        single.tasks().query(pick[0], io.todokit.dao.tasks.TaskQuery.open(), PageRequest.first());
      }
      java.util.Map<String, long[]> plans = new java.util.LinkedHashMap<>();
      try (Connection connection = one.getConnection();
          Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements"
                      + " WHERE statement LIKE '%\"tasks\"%'")) {
        while (rows.next()) {
          plans.put(rows.getString(1), new long[] {rows.getLong(2), rows.getLong(3)});
        }
      }
      // overdue, dueToday, byTag, withTags and the query page: five statements on tasks.
      assertThat(plans).hasSize(5);
      assertThat(plans)
          .allSatisfy(
              (sql, counts) ->
                  assertThat(counts[0])
                      .as("generic plans of %s (custom: %d)", sql, counts[1])
                      .isPositive());
    }
  }

  @Test
  void overdueUsesTheOpenDueIndex() {
    assertThat(plans(db -> db.tasks().overdue(user, NOW))).contains("tasks_user_open_due_idx");
  }

  @Test
  void dueTodayUsesTheOpenDueIndex() {
    assertThat(plans(db -> db.tasks().dueToday(user, NOW))).contains("tasks_user_open_due_idx");
  }

  @Test
  void byTagStartsFromTheTagIndex() {
    assertThat(plans(db -> db.tasks().byTag(user, tag))).contains("task_tags_user_tag_idx");
  }

  @Test
  void theReminderClaimUsesTheClaimIndex() {
    assertThat(
            plans(
                db ->
                    db.withClock(Clock.fixed(NOW, ZoneOffset.UTC))
                        .reminders()
                        .claim(io.todokit.dao.reminders.ClaimRequest.of(100))))
        .contains("reminders_claim_idx");
  }

  @Test
  void theTemplateScanUsesTheDueTemplateIndex() {
    assertThat(
            plans(
                db ->
                    db.withClock(Clock.fixed(NOW, ZoneOffset.UTC)).recurring().materializeDue(100)))
        .contains("recurring_tasks_due_idx");
  }

  /** Runs the call, then EXPLAINs every statement it sent; none may scan a big table in full. */
  private static String plans(Consumer<TodoDb> call) {
    statements.clear();
    call.accept(recording);
    List<String> sent =
        statements.stream()
            .filter(sql -> !sql.isBlank())
            .filter(sql -> !sql.matches("(?is)\\s*(begin|commit|rollback|savepoint|release).*"))
            .toList();
    assertThat(sent).as("statements sent").isNotEmpty();
    StringBuilder all = new StringBuilder();
    for (String statement : sent) {
      String plan = explain(statement);
      assertThat(SEQUENTIAL.matcher(plan).find())
          .as("sequential scan in the plan of %s%n%s", statement, plan)
          .isFalse();
      all.append(plan);
    }
    return all.toString();
  }
}
