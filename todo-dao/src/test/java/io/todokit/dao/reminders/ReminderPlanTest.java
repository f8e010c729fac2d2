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
 * The reminder queries' plans on 50,000 tasks with 100,000 reminders (10% of them claimable): the
 * claim and the window must use the partial index {@code reminders_claim_idx}, never a sequential
 * scan (the join to tasks for the sender's fields goes by its primary key), with the values known
 * (custom plan) and unknown (the generic plan a server-prepared statement may switch to).
 */
class ReminderPlanTest extends DaoTestSupport {

  private static final Instant NOW = Instant.parse("2025-06-10T12:00:00Z");
  private static final String INDEX = "reminders_claim_idx";

  private static final List<Query> captured = new ArrayList<>();
  private static TodoDb capturing;

  @BeforeAll
  static void fiftyThousandTasks() {
    sql(
        "INSERT INTO users (id, username, email, password_hash)"
            + " SELECT gen_random_uuid(), 'plan' || i, 'plan' || i || '@example.org', 'x'"
            + " FROM generate_series(1, 100) i");
    sql(
        "INSERT INTO tasks (user_id, id, title, due_at)"
            + " SELECT u.id, gen_random_uuid(), 'task ' || i,"
            + "   ?::timestamptz + (i - 25000) * interval '86 seconds'"
            + " FROM generate_series(1, 50000) i"
            + " JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM users) u"
            + "   ON u.n = i % 100",
        NOW);
    // Two reminders per task over 50 days around NOW, one absolute and one relative; then 80% of
    // them delivered and 10% canceled, as on a database that has run for a while.
    sql(
        "INSERT INTO reminders (user_id, task_id, at)"
            + " SELECT user_id, id, due_at - interval '1 hour' FROM tasks");
    sql(
        "INSERT INTO reminders (user_id, task_id, before_due)"
            + " SELECT user_id, id, interval '10 minutes' FROM tasks");
    sql(
        "UPDATE reminders SET state = CASE WHEN abs(hashtext(id::text)) % 10 < 8 THEN 'delivered'"
            + " ELSE 'canceled' END, next_attempt_at = NULL,"
            + " delivered_at = CASE WHEN abs(hashtext(id::text)) % 10 < 8 THEN fire_at END"
            + " WHERE abs(hashtext(id::text)) % 10 < 9");
    sql("ANALYZE reminders");
    sql("ANALYZE tasks");
    ExecuteListener listener =
        new ExecuteListener() {
          private static final long serialVersionUID = 1L;

          @Override
          public void executeStart(ExecuteContext ctx) {
            // Not the set_config of each transaction's timeouts, nor the one look for Citus's
            // extension: they have no plan to check.
            if (ctx.query() != null
                && !ctx.sql().startsWith("select set_config(")
                && !ctx.sql().contains("pg_extension")) {
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
  void claimUsesTheClaimIndexAndNoSequentialScan() throws SQLException {
    assertThat(count("SELECT count(*) FROM reminders")).isEqualTo(100_000);
    // One server: one statement locks and leases the batch across users.
    List<Query> single = captureAll(() -> capturing.reminders().claim(ClaimRequest.of(100)));
    assertThat(single).hasSize(1);
    // Distributed: the unlocked candidate read across users, then one locking claim per user.
    List<Query> statements =
        captureAll(() -> capturing.withDistributed(true).reminders().claim(ClaimRequest.of(100)));
    assertThat(statements).hasSizeGreaterThan(1);
    Query candidates = statements.get(0);
    Query claimOfOneUser = statements.get(1);

    for (boolean genericPlan : List.of(false, true)) {
      List<String> batch = explain(single.getFirst(), genericPlan);
      List<String> read = explain(candidates, genericPlan);
      List<String> claim = explain(claimOfOneUser, genericPlan);
      String plan = genericPlan ? "generic" : "custom";
      print("claim on one server, " + plan + " plan", batch);
      print("claim candidates, " + plan + " plan", read);
      print("claim of one user, " + plan + " plan", claim);
      assertThat(String.join("\n", batch))
          .contains(INDEX)
          .contains("LockRows")
          .doesNotContain("Seq Scan");
      assertThat(String.join("\n", read))
          .contains(INDEX)
          .doesNotContain("LockRows")
          .doesNotContain("Seq Scan");
      assertThat(String.join("\n", claim)).contains("LockRows").doesNotContain("Seq Scan");
    }
  }

  @Test
  void aBucketedClaimUsesTheClaimIndexToo() throws SQLException {
    Query claim =
        captureAll(() -> capturing.reminders().claim(ClaimRequest.of(100).withBucket(3, 8))).get(0);

    List<String> custom = explain(claim, false);

    print("claim of a bucket, custom plan", custom);
    assertThat(String.join("\n", custom)).contains(INDEX).doesNotContain("Seq Scan");
  }

  @Test
  void dueUsesTheClaimIndex() throws SQLException {
    Query due = capture(() -> capturing.reminders().due(NOW, NOW.plusSeconds(3600)));

    List<String> custom = explain(due, false);
    List<String> generic = explain(due, true);

    print("due, custom plan", custom);
    print("due, generic plan", generic);
    assertThat(String.join("\n", custom)).contains(INDEX).doesNotContain("Seq Scan");
    assertThat(String.join("\n", generic)).contains(INDEX).doesNotContain("Seq Scan");
  }

  private static List<Query> captureAll(Runnable call) {
    captured.clear();
    call.run();
    return List.copyOf(captured);
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
