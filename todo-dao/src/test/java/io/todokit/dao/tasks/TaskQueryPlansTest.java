package io.todokit.dao.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.DaoTestSupport;
import io.todokit.dao.PageRequest;
import io.todokit.dao.TodoDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plans of the task lists on realistic data: 20,000 tasks of 200 users (a third completed, a
 * sixth without due date), 5 tags per user, analysed. Each DAO call's SQL is captured with its
 * values inlined and EXPLAINed; the plans are printed to the test output.
 */
class TaskQueryPlansTest extends DaoTestSupport {

  private static final List<String> statements = new CopyOnWriteArrayList<>();
  private static TodoDb capturing;
  private static UUID user;
  private static UUID tag;

  @BeforeAll
  static void realisticData() {
    sql(
        "INSERT INTO users (id, username, email, password_hash, time_zone)"
            + " SELECT gen_random_uuid(), 'bulk' || g, 'bulk' || g || '@example.org', 'x',"
            + " (ARRAY['UTC', 'Europe/Berlin', 'America/New_York', 'Pacific/Auckland'])[1 + g % 4]"
            + " FROM generate_series(1, 200) g");
    sql(
        "INSERT INTO tags (user_id, id, name)"
            + " SELECT u.id, gen_random_uuid(), 'tag' || g FROM users u, generate_series(1, 5) g");
    sql(
        "INSERT INTO tasks (user_id, id, title, description, status, completed_at, priority,"
            + " due_at, created_at)"
            + " SELECT u.id, gen_random_uuid(), 'Task ' || g || CASE WHEN g % 10 = 0 THEN ' milk' ELSE '' END,"
            + " CASE WHEN g % 5 = 0 THEN 'some words ' || g END,"
            + " CASE WHEN g % 3 = 0 THEN 'completed' ELSE 'pending' END::task_status,"
            + " CASE WHEN g % 3 = 0 THEN now() END,"
            + " (ARRAY['low', 'medium', 'high', 'urgent'])[1 + g % 4]::task_priority,"
            + " CASE WHEN g % 6 <> 0 THEN now() + (g - 50) * interval '7 hours' END,"
            + " now() - g * interval '1 minute'"
            + " FROM users u, generate_series(1, 100) g");
    sql(
        "INSERT INTO task_tags (user_id, task_id, tag_id)"
            + " SELECT t.user_id, t.id, (SELECT id FROM tags WHERE tags.user_id = t.user_id"
            + " ORDER BY id OFFSET (hashtext(t.id::text) & 3) LIMIT 1) FROM tasks t");
    sql("ANALYZE");
    try (Connection connection = sqlSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT u.id, min(tt.tag_id::text) FROM users u JOIN task_tags tt ON tt.user_id = u.id"
                    + " WHERE u.username = 'bulk7' GROUP BY u.id")) {
      rows.next();
      user = rows.getObject(1, UUID.class);
      tag = UUID.fromString(rows.getString(2));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    capturing = recordingDb(statements);
  }

  /** The plan of the last statement the call sent: the list query (dueToday first reads a zone). */
  private static String plan(String name, Consumer<TodoDb> call) {
    statements.clear();
    call.accept(capturing);
    String statement = statements.getLast();
    List<String> lines = new ArrayList<>();
    try (Connection connection = sqlSource.getConnection();
        Statement explain = connection.createStatement();
        ResultSet rows = explain.executeQuery("EXPLAIN " + statement)) {
      while (rows.next()) {
        lines.add(rows.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    String plan = String.join("\n", lines);
    System.out.println("== " + name + "\n" + statement + "\n" + plan + "\n");
    assertThat(plan).as(name).doesNotContain("Seq Scan on tasks");
    return plan;
  }

  @Test
  void overdueScansTheOpenDueIndex() {
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    assertThat(plan("overdue", db -> db.tasks().overdue(user, now)))
        .contains("tasks_user_open_due_idx");
  }

  @Test
  void dueTodayReadsTheUsersZoneThenScansTheOpenDueIndexWithConstantBounds() {
    assertThat(plan("dueToday", db -> db.tasks().dueToday(user, Instant.now())))
        .contains("tasks_user_open_due_idx")
        .doesNotContain("InitPlan");
    assertThat(statements).hasSize(2);
    assertThat(statements.getFirst())
        .contains("from \"todokit\".\"users\"")
        .doesNotContain("\"tasks\"");
  }

  @Test
  void dueBetweenScansTheOpenDueIndex() {
    assertThat(
            plan(
                "dueBetween",
                db ->
                    db.tasks()
                        .dueBetween(user, Instant.now(), Instant.now().plusSeconds(86_400 * 3))))
        .contains("tasks_user_open_due_idx");
  }

  @Test
  void byTagStartsFromTheTagIndex() {
    assertThat(plan("byTag", db -> db.tasks().byTag(user, tag))).contains("task_tags_user_tag_idx");
  }

  @Test
  void byPriorityScansTheOpenPriorityIndex() {
    assertThat(
            plan(
                "byPriority",
                db -> db.tasks().byPriority(user, EnumSet.of(Priority.URGENT, Priority.HIGH))))
        .contains("tasks_user_open_priority_idx");
  }

  @Test
  void queryOfOpenTasksScansTheOpenPriorityIndex() {
    String cursor =
        capturing
            .tasks()
            .query(user, TaskQuery.open(), PageRequest.first(10))
            .nextCursor()
            .orElseThrow();
    assertThat(
            plan(
                "query open",
                db -> db.tasks().query(user, TaskQuery.open(), PageRequest.first(10))))
        .contains("tasks_user_open_priority_idx");
    assertThat(
            plan(
                "query open, second page",
                db -> db.tasks().query(user, TaskQuery.open(), PageRequest.after(cursor, 10))))
        .contains("tasks_user_open_priority_idx");
  }

  @Test
  void otherQueriesStayOnTheUsersIndexes() {
    plan("query all", db -> db.tasks().query(user, TaskQuery.all(), PageRequest.first(10)));
    plan(
        "query tags",
        db ->
            db.tasks()
                .query(
                    user,
                    TaskQuery.open()
                        .withTags(
                            TagFilter.anyOf(Set.of(tag)).withNoneOf(Set.of(UUID.randomUUID()))),
                    PageRequest.first()));
    plan("withTags all-of", db -> db.tasks().withTags(user, TagFilter.allOf(Set.of(tag))));
    plan(
        "query text",
        db -> db.tasks().query(user, TaskQuery.all().withText("milk"), PageRequest.first()));
    plan(
        "query overdue",
        db ->
            db.tasks()
                .query(user, TaskQuery.open().withOverdueAt(Instant.now()), PageRequest.first()));
  }

  @Test
  void textSearchCanUseTheGinIndex() {
    // With one user's 100 rows the per-user btree wins; across all users' tasks (an operator's
    // query, or a user with very many tasks) the GIN index must be usable by the same expression.
    statements.clear();
    capturing.tasks().query(user, TaskQuery.all().withText("milk"), PageRequest.first());
    String statement = statements.get(0);
    String where = statement.substring(statement.indexOf("to_tsvector"));
    where = where.substring(0, where.indexOf(')', where.indexOf("websearch_to_tsquery")) + 1);
    List<String> lines = new ArrayList<>();
    try (Connection connection = sqlSource.getConnection();
        Statement explain = connection.createStatement();
        ResultSet rows = explain.executeQuery("EXPLAIN SELECT id FROM tasks WHERE " + where)) {
      while (rows.next()) {
        lines.add(rows.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    String plan = String.join("\n", lines);
    System.out.println("== text search over all users\n" + where + "\n" + plan + "\n");
    assertThat(plan).contains("tasks_search_idx");
  }
}
