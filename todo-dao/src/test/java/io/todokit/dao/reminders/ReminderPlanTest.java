package io.todokit.dao.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.DaoTestSupport;
import io.todokit.dao.TodoDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reminder queries' plans on 50,000 tasks (10% of them armed): both must use the partial index
 * {@code tasks_armed_reminder_idx}, with the values known (custom plan) and unknown (the generic
 * plan a server-prepared statement may switch to).
 */
class ReminderPlanTest extends DaoTestSupport {

  private static final Instant NOW = Instant.parse("2025-06-10T12:00:00Z");
  private static final String INDEX = "tasks_armed_reminder_idx";

  private static final List<Query> captured = new ArrayList<>();
  private static TodoDb capturing;

  @BeforeAll
  static void fiftyThousandTasks() {
    sql(
        "INSERT INTO users (id, username, email, password_hash)"
            + " SELECT gen_random_uuid(), 'plan' || i, 'plan' || i || '@example.org', 'x'"
            + " FROM generate_series(1, 100) i");
    // Reminders spread over 50 days around NOW: 80% claimed, 10% of completed tasks, 10% armed;
    // every 7th task has no reminder at all.
    sql(
        "INSERT INTO tasks (user_id, id, title, status, completed_at, remind_at, reminded_at)"
            + " SELECT u.id, gen_random_uuid(), 'task ' || i,"
            + "   CASE WHEN i % 10 = 1 THEN 'completed'::task_status ELSE 'pending' END,"
            + "   CASE WHEN i % 10 = 1 THEN ?::timestamptz END,"
            + "   CASE WHEN i % 7 <> 0 THEN ?::timestamptz + (i - 25000) * interval '86 seconds' END,"
            + "   CASE WHEN i % 7 <> 0 AND i % 10 NOT IN (1, 2)"
            + "     THEN ?::timestamptz + (i - 25000) * interval '86 seconds' END"
            + " FROM generate_series(1, 50000) i"
            + " JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM users) u"
            + "   ON u.n = i % 100",
        NOW, NOW, NOW);
    sql("ANALYZE tasks");
    ExecuteListener listener =
        new ExecuteListener() {
          private static final long serialVersionUID = 1L;

          @Override
          public void executeStart(ExecuteContext ctx) {
            // Not the set_config of each transaction's timeouts: it has no plan to check.
            if (ctx.query() != null && !ctx.sql().startsWith("select set_config(")) {
              captured.add(ctx.query());
            }
          }
        };
    DSLContext dsl =
        DSL.using(sqlSource, SQLDialect.POSTGRES, new Settings().withRenderSchema(false));
    dsl.configuration().set(listener);
    capturing = TodoDb.create(dsl, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void claimDueUsesThePartialIndex() throws SQLException {
    assertThat(count("SELECT count(*) FROM tasks")).isEqualTo(50_000);
    Query claim =
        capture(
            () -> capturing.withClock(Clock.fixed(NOW, ZoneOffset.UTC)).reminders().claimDue(7));

    List<String> custom = explain(claim, false);
    List<String> generic = explain(claim, true);

    print("claimDue, custom plan", custom);
    print("claimDue, generic plan", generic);
    assertThat(String.join("\n", custom))
        .contains(INDEX)
        .contains("LockRows")
        .doesNotContain("Seq Scan");
    assertThat(String.join("\n", generic))
        .contains(INDEX)
        .contains("Index Scan using tasks_pkey")
        .doesNotContain("Seq Scan");
  }

  @Test
  void dueUsesThePartialIndex() throws SQLException {
    Query due = capture(() -> capturing.reminders().due(NOW, NOW.plusSeconds(3600)));

    List<String> custom = explain(due, false);
    List<String> generic = explain(due, true);

    print("due, custom plan", custom);
    print("due, generic plan", generic);
    assertThat(String.join("\n", custom)).contains(INDEX).doesNotContain("Seq Scan");
    assertThat(String.join("\n", generic)).contains(INDEX).doesNotContain("Seq Scan");
  }

  private static Query capture(Runnable call) {
    captured.clear();
    call.run();
    assertThat(captured).hasSize(1);
    return captured.get(0);
  }

  /**
   * EXPLAIN of the query: with its values inlined (what a custom plan sees), or prepared with
   * {@code $n} parameters under {@code plan_cache_mode = force_generic_plan}. Runs in a transaction
   * that is rolled back, so the claim's UPDATE is only planned, never run.
   */
  private static List<String> explain(Query query, boolean generic) throws SQLException {
    DSLContext render = DSL.using(SQLDialect.POSTGRES, new Settings().withRenderSchema(false));
    List<String> plan = new ArrayList<>();
    try (Connection connection = sqlSource.getConnection();
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      try {
        String sql;
        if (generic) {
          // The statement as the driver sends it, with its ? markers numbered the server's way
          // (the SQL holds no other question marks).
          String parameterized = render.render(query);
          StringBuilder numbered = new StringBuilder();
          int marker = 0;
          for (char c : parameterized.toCharArray()) {
            if (c == '?') {
              numbered.append('$').append(++marker);
            } else {
              numbered.append(c);
            }
          }
          statement.execute("PREPARE reminder_plan AS " + numbered);
          statement.execute("SET LOCAL plan_cache_mode = force_generic_plan");
          String values =
              query.getBindValues().stream()
                  .map(v -> render.renderInlined(DSL.inline(v)))
                  .collect(Collectors.joining(", "));
          sql = "EXPLAIN (COSTS OFF) EXECUTE reminder_plan(" + values + ")";
        } else {
          sql = "EXPLAIN (COSTS OFF) " + render.renderInlined(query);
        }
        try (ResultSet rows = statement.executeQuery(sql)) {
          while (rows.next()) {
            plan.add(rows.getString(1));
          }
        }
      } finally {
        connection.rollback();
        connection.setAutoCommit(true);
        if (generic) {
          statement.execute("DEALLOCATE ALL");
        }
      }
    }
    return plan;
  }

  private static void print(String title, List<String> plan) {
    System.out.println("---- " + title + "\n" + String.join("\n", plan));
  }
}
