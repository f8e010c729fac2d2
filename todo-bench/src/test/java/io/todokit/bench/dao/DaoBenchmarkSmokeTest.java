package io.todokit.bench.dao;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;

/**
 * The whole DAO benchmark at smoke scale (50 users × 20 tasks, one short JMH iteration per
 * benchmark, in this JVM): the dataset loads and verifies, no plan scans tasks, task_tags or
 * messages sequentially, every benchmark runs, and each JDBC twin still sends exactly the SQL its
 * DAO sends.
 */
class DaoBenchmarkSmokeTest {

  private static BenchMain.Outcome outcome;

  @BeforeAll
  static void run() throws Exception {
    BenchMain.quietJooq();
    // generic plans forced on the benchmarks' pool: the option's path runs end to end
    outcome =
        BenchMain.run(
            "--scale",
            "smoke",
            "--out",
            "target/bench-smoke-test",
            "--plan-cache-mode",
            "force_generic_plan");
  }

  @Test
  void loadsEveryTable() {
    assertThat(outcome.load())
        .extracting(Loader.Step::name)
        .contains("COPY users", "COPY tasks", "COPY task_tags", "COPY messages");
    assertThat(outcome.load().stream().filter(s -> s.name().equals("COPY tasks")).findFirst())
        .hasValueSatisfying(step -> assertThat(step.rows()).isEqualTo(1_000));
  }

  @Test
  void noPlanScansTheBigTablesSequentially() {
    assertThat(outcome.plans()).hasSizeGreaterThan(100);
    assertThat(
            outcome.plans().stream()
                .filter(PlansMain.Plan::seqScan)
                .map(p -> p.call() + "#" + p.index()))
        .isEmpty();
    assertThat(PlansMain.SEQ_SCAN.matcher("  ->  Seq Scan on tasks candidate").find()).isTrue();
    assertThat(PlansMain.SEQ_SCAN.matcher("  ->  Seq Scan on tasks_archive").find()).isFalse();
  }

  @Test
  void everyPathRunsAsDaoAndJdbc() {
    List<String> names =
        outcome.results().stream()
            .map(RunResult::getParams)
            .map(p -> p.getBenchmark().substring(p.getBenchmark().lastIndexOf('.') + 1))
            .toList();
    assertThat(names)
        .contains(
            "overdueDao",
            "overdueJdbc",
            "dueTodayDao",
            "dueTodayJdbc",
            "byTagDao",
            "byTagJdbc",
            "tagsAnyDao",
            "tagsAnyJdbc",
            "tagsAllDao",
            "tagsAllJdbc",
            "tagsOfDao",
            "tagsOfJdbc",
            "queryByPriorityDao",
            "queryByPriorityJdbc",
            "windowDao",
            "windowJdbc",
            "createTaskDao",
            "createTaskJdbc",
            "createAllDao",
            "createAllJdbc",
            "createInTransactionDao",
            "createInTransactionNoSavepointsDao",
            "createInTransactionJdbc",
            "completeRecurringDao",
            "completeRecurringJdbc",
            "claimDao",
            "claimDistributedDao",
            "claimAndAckDao",
            "materializeDueDao",
            "materializeDueDistributedDao",
            "materializeDueJdbc",
            "appendMessageDao",
            "appendMessageJdbc");
    assertThat(outcome.summary())
        .contains("| overdue |")
        .contains("## Storage")
        .contains("the benchmarks' connections: plan_cache_mode=force_generic_plan");
  }

  @Test
  void anUnknownPlanCacheModeIsRefused() {
    assertThat(BenchDatabase.planCacheMode(null)).isNull();
    assertThat(BenchDatabase.planCacheMode("force_custom_plan")).isEqualTo("force_custom_plan");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BenchDatabase.planCacheMode("generic"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("force_generic_plan");
  }

  @Test
  void jdbcTwinsSendTheDaosSql() {
    Map<String, String> sql =
        outcome.plans().stream()
            .collect(
                Collectors.toMap(
                    p -> p.call() + "#" + p.index(), PlansMain.Plan::sql, (a, b) -> a));
    assertThat(sql.get("tasks.overdue#1")).isEqualTo(JdbcTwin.OVERDUE);
    assertThat(sql.get("tasks.dueToday#1")).isEqualTo(JdbcTwin.USER_ZONE);
    assertThat(sql.get("tasks.dueToday#2")).isEqualTo(JdbcTwin.DUE_TODAY);
    assertThat(sql.get("tasks.byTag#1")).isEqualTo(JdbcTwin.BY_TAG);
    assertThat(sql.get("tasks.withTags.any#1")).isEqualTo(JdbcTwin.TAGS_ANY);
    assertThat(sql.get("tasks.withTags.all#1")).isEqualTo(JdbcTwin.TAGS_ALL);
    assertThat(sql.get("tags.tagsOf#1")).isEqualTo(JdbcTwin.TAGS_OF);
    assertThat(sql.get("tasks.query.page1#1")).isEqualTo(JdbcTwin.QUERY_OPEN);
    // conversations.window has no twin of its SQL: windowJdbc is the plain newest-n read it
    // replaced.
    assertThat(sql.get("conversations.window#1")).contains("union all");
    assertThat(sql.get("tasks.create#1")).isEqualTo(JdbcWriteTwin.INSERT_TASK);
    assertThat(sql.get("tasks.create#2")).isEqualTo(JdbcWriteTwin.INSERT_TASK_TAGS);
    assertThat(sql.get("tasks.createAll#1")).isEqualTo(JdbcBatchTwin.LOCK_TAGS);
    assertThat(sql.get("tasks.createAll#2")).isEqualTo(JdbcBatchTwin.insertTasks(2));
    assertThat(sql.get("tasks.createAll#3")).isEqualTo(JdbcBatchTwin.insertLinks(2));
    assertThat(sql.get("tasks.complete#1")).isEqualTo(JdbcWriteTwin.COMPLETE);
    assertThat(sql.get("tasks.complete#2")).isEqualTo(JdbcWriteTwin.INSERT_TASK);
    assertThat(sql.get("tasks.complete#3")).isEqualTo(JdbcWriteTwin.COPY_TAGS);
    assertThat(sql.get("tasks.complete#4")).isEqualTo(JdbcWriteTwin.COPY_REMINDERS);
    // On one server (the benchmarks' database) materializeDue locks its batch in one statement,
    // the twin's; the user-by-user claim of a distributed database is checked in todo-dao.
    List<String> materialize =
        sql.entrySet().stream()
            .filter(e -> e.getKey().startsWith("recurring.materializeDue#"))
            .map(Map.Entry::getValue)
            .toList();
    assertThat(materialize)
        .contains(
            JdbcWriteTwin.DUE_TEMPLATES,
            JdbcWriteTwin.insertOccurrences(1),
            JdbcWriteTwin.ADVANCE_TEMPLATE);
    assertThat(materialize)
        .filteredOn(statement -> statement.contains("for update"))
        .containsOnly(JdbcWriteTwin.DUE_TEMPLATES);
    assertThat(sql.get("conversations.append#1")).isEqualTo(JdbcWriteTwin.APPEND);
  }
}
