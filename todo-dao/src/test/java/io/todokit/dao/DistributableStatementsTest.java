package io.todokit.dao;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.reminders.ClaimRequest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.Test;

/** The statement rule of a distributed database, and that the DAO tests' data source checks it. */
class DistributableStatementsTest extends DaoTestSupport {

  @Test
  void aLockingReadMustRestrictTheUserByEquality() {
    assertThat(
            DistributableStatements.distributable(
                "select \"t\".\"id\" from \"todokit\".\"reminders\" as \"t\""
                    + " where \"t\".\"state\" in ('pending', 'leased') for update skip locked"))
        .isFalse();
    assertThat(
            DistributableStatements.distributable(
                "select id from todokit.tasks where user_id = any (?) for no key update"))
        .isFalse();
    assertThat(
            DistributableStatements.distributable(
                "select 1 from \"todokit\".\"tags\" where \"todokit\".\"tags\".\"user_id\" = ?"
                    + " for key share"))
        .isTrue();
    assertThat(
            DistributableStatements.distributable(
                "select id from todokit.tasks where user_id = cast(? as uuid) for share"))
        .isTrue();
    assertThat(DistributableStatements.distributable("select id from todokit.tasks")).isTrue();
  }

  @Test
  void theWorkersClaimsLockOneUserAtATime() {
    newUserWithDueWork();

    assertThat(db.reminders().claim(ClaimRequest.of(10))).hasSize(1);
    assertThat(db.recurring().materializeDue(10).created()).hasSize(1);
    assertThat(DistributableStatements.lockingStatements())
        .anyMatch(sql -> sql.contains("\"reminders\"") && sql.contains("skip locked"))
        .anyMatch(sql -> sql.contains("\"recurring_tasks\"") && sql.contains("skip locked"));
    assertThat(DistributableStatements.violations()).isEmpty();
  }

  @Test
  void withoutCitusTheClaimsLockTheirBatchInOneStatementAndAskOnce() {
    newUserWithDueWork();
    newUserWithDueWork();
    List<String> sent = new CopyOnWriteArrayList<>();
    // Not declared: detected from the database, which has no citus extension.
    TodoDb detected =
        TodoDb.create(
            DSL.using(
                new DefaultConfiguration()
                    .set(dataSource)
                    .set(SQLDialect.POSTGRES)
                    .set(ExecuteListener.onExecuteStart(ctx -> sent.add(ctx.sql())))));

    assertThat(detected.reminders().claim(ClaimRequest.of(10))).hasSizeGreaterThanOrEqualTo(2);
    assertThat(sent).filteredOn(sql -> sql.contains("pg_extension")).hasSize(1);
    assertThat(sent)
        .filteredOn(sql -> sql.contains("for update"))
        .singleElement()
        .satisfies(sql -> assertThat(DistributableStatements.distributable(sql)).isFalse());

    sent.clear();
    assertThat(detected.recurring().materializeDue(10).created()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(sent).noneMatch(sql -> sql.contains("pg_extension"));
    assertThat(sent)
        .filteredOn(sql -> sql.contains("for update"))
        .singleElement()
        .satisfies(sql -> assertThat(DistributableStatements.distributable(sql)).isFalse());
  }

  /** A new user with a task whose reminder is due and a daily template that is due. */
  private static void newUserWithDueWork() {
    UUID user = newUser();
    UUID task = UUID.randomUUID();
    sql("INSERT INTO tasks (user_id, id, title) VALUES (?, ?, 'a')", user, task);
    sql(
        "INSERT INTO reminders (user_id, task_id, at) VALUES (?, ?, now() - interval '1 minute')",
        user,
        task);
    sql(
        "INSERT INTO recurring_tasks (user_id, title, recurrence_rule, starts_at, next_due_at)"
            + " VALUES (?, 'daily', '{\"frequency\": \"daily\"}', now() - interval '1 hour',"
            + " now() - interval '1 hour')",
        user);
  }
}
