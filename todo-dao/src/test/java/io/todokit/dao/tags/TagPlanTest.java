package io.todokit.dao.tags;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.DaoTestSupport;
import io.todokit.dao.TodoDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
 * The plans of the tag queries on 100 users with 30 tags and 500 tasks each, every task carrying
 * two tags (100,000 task_tags rows): each must reach one user's rows by an index, never a scan of a
 * whole table.
 */
class TagPlanTest extends DaoTestSupport {

  private static final List<Query> captured = new ArrayList<>();
  private static TodoDb capturing;
  private static UUID user;
  private static UUID task;
  private static UUID otherTask;

  @BeforeAll
  static void manyTagsAndTasks() {
    sql(
        "INSERT INTO users (id, username, email, password_hash)"
            + " SELECT gen_random_uuid(), 'plan' || i, 'plan' || i || '@example.org', 'x'"
            + " FROM generate_series(1, 100) i");
    sql(
        "INSERT INTO tags (user_id, id, name)"
            + " SELECT u.id, gen_random_uuid(), 'tag ' || i FROM users u, generate_series(1, 30) i");
    sql(
        "INSERT INTO tasks (user_id, id, title)"
            + " SELECT u.id, gen_random_uuid(), 'task ' || i FROM users u, generate_series(1, 500) i");
    sql(
        "INSERT INTO task_tags (user_id, task_id, tag_id)"
            + " SELECT t.user_id, t.id, g.id FROM tasks t"
            + " CROSS JOIN LATERAL (SELECT id FROM tags WHERE tags.user_id = t.user_id"
            + "   ORDER BY md5(t.id::text || tags.id::text) LIMIT 2) g");
    sql("ANALYZE");
    try (Connection connection = sqlSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT user_id, id FROM tasks ORDER BY id LIMIT 1")) {
      rows.next();
      user = rows.getObject(1, UUID.class);
      task = rows.getObject(2, UUID.class);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    try (Connection connection = sqlSource.getConnection();
        var statement =
            connection.prepareStatement(
                "SELECT id FROM tasks WHERE user_id = ? AND id <> ? ORDER BY id LIMIT 1")) {
      statement.setObject(1, user);
      statement.setObject(2, task);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        otherTask = rows.getObject(1, UUID.class);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
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
    capturing = TodoDb.create(dsl);
  }

  @Test
  void listReadsOneUsersTagsAndTheirTaskTagsByIndex() throws SQLException {
    captured.clear();
    assertThat(capturing.tags().list(user)).hasSize(30);

    String plan = explain(captured.get(0), "list");

    // Both task_tags indexes lead with user_id; which one the planner takes depends on the
    // server's statistics (PostgreSQL 15 in a container chose the primary key).
    assertThat(plan)
        .containsPattern("Scan using task_tags_(user_tag_idx|pkey) on task_tags")
        .doesNotContain("Seq Scan");
  }

  @Test
  void tagsOfReadsOneTaskByIndex() throws SQLException {
    captured.clear();
    assertThat(capturing.tags().tagsOf(user, task)).hasSize(2);

    String plan = explain(captured.get(0), "tagsOf");

    assertThat(plan).contains("tasks_pkey").doesNotContain("Seq Scan");
  }

  @Test
  void setTaskTagsStatementsUseIndexes() throws SQLException {
    List<UUID> two = capturing.tags().tagsOf(user, otherTask).stream().map(Tag::id).toList();
    captured.clear();
    capturing.tags().setTaskTags(user, otherTask, two.subList(0, 1));

    StringBuilder plans = new StringBuilder();
    for (Query query : List.copyOf(captured)) {
      plans.append(explain(query, "setTaskTags")).append('\n');
    }

    assertThat(captured).hasSize(5);
    assertThat(plans.toString()).doesNotContain("Seq Scan");
  }

  private static String explain(Query query, String title) throws SQLException {
    String sql =
        DSL.using(SQLDialect.POSTGRES, new Settings().withRenderSchema(false)).renderInlined(query);
    List<String> plan = new ArrayList<>();
    try (Connection connection = sqlSource.getConnection();
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      try (ResultSet rows = statement.executeQuery("EXPLAIN (COSTS OFF) " + sql)) {
        while (rows.next()) {
          plan.add(rows.getString(1));
        }
      } finally {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    }
    String text = String.join("\n", plan);
    System.out.println("---- " + title + ": " + sql + "\n" + text);
    return text;
  }
}
