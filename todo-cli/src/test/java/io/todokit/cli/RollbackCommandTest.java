package io.todokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.schema.TodoSchema;
import io.todokit.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code todo-cli rollback}: confirmation, --yes, --dry-run, and the documented --to 4. */
class RollbackCommandTest {

  private static final int HEAD = TodoSchema.latestVersion();

  private static final String QUESTION =
      "Roll back from version "
          + HEAD
          + " to 4, running "
          + (HEAD - 4)
          + " down scripts? This drops data. [y/N] ";

  private TestDatabase db;

  @BeforeEach
  void migratedDatabase() {
    db = TestDatabase.migrated();
  }

  @AfterEach
  void dropDatabase() {
    db.close();
  }

  @Test
  void rollsBackEverythingAfterConversationsWithYesWithoutAsking() {
    Cli.Result result = Cli.on(db, "rollback", "--to", "4", "--yes");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.prompts()).isEmpty();
    assertThat(result.out().lines().skip(1).toList())
        .containsExactly(
            "rolling back from version "
                + HEAD
                + " to 4, running "
                + (HEAD - 4)
                + " down scripts...",
            "rolled back V17 distributable (U17__distributable.sql)",
            "rolled back V16 task_effects (U16__task_effects.sql)",
            "rolled back V15 template_reminders (U15__template_reminders.sql)",
            "rolled back V14 reminder_deliveries (U14__reminder_deliveries.sql)",
            "rolled back V13 own_schema (U13__own_schema.sql)",
            "rolled back V12 template_end_reason (U12__template_end_reason.sql)",
            "rolled back V11 text_and_zone_checks (U11__text_and_zone_checks.sql)",
            "rolled back V10 recurring_templates (U10__recurring_templates.sql)",
            "rolled back V9 tags (U9__tags.sql)",
            "rolled back V8 recurrence (U8__recurrence.sql)",
            "rolled back V7 reminders (U7__reminders.sql)",
            "rolled back V6 due_dates (U6__due_dates.sql)",
            "rolled back V5 task_priority (U5__task_priority.sql)",
            "done: the database is at version 4");
    assertThat(TodoSchema.standard().info(db.dataSource()).currentVersion()).isEqualTo(4);
  }

  @Test
  void acceptsAStepNameAsTheTarget() {
    Cli.Result result = Cli.on(db, "rollback", "--to", "conversations", "-y");

    assertThat(result.exitCode()).isZero();
    assertThat(TodoSchema.standard().info(db.dataSource()).currentVersion()).isEqualTo(4);
  }

  @Test
  void asksAndChangesNothingWhenTheAnswerIsNo() {
    Cli.Result result = Cli.run(Cli.env(db), "n", "rollback", "--to", "4");

    assertThat(result.prompts()).containsExactly(QUESTION);
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo("todo-cli: error: rollback not confirmed; nothing was changed\n");
    assertThat(result.out()).doesNotContain("rolled back");
    assertThat(TodoSchema.standard().info(db.dataSource()).currentVersion()).isEqualTo(HEAD);
  }

  @Test
  void treatsAnEmptyAnswerAsNo() {
    Cli.Result result = Cli.run(Cli.env(db), "", "rollback", "--to", "4");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(TodoSchema.standard().info(db.dataSource()).currentVersion()).isEqualTo(HEAD);
  }

  @Test
  void asksAndRollsBackWhenTheAnswerIsYes() {
    Cli.Result result = Cli.run(Cli.env(db), " Y\n", "rollback", "--to", "4");

    assertThat(result.prompts()).containsExactly(QUESTION);
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("done: the database is at version 4");
    assertThat(TodoSchema.standard().info(db.dataSource()).currentVersion()).isEqualTo(4);
  }

  @Test
  void refusesWithExit2WhenThereIsNoTerminalToAskOn() {
    Cli.Result result = Cli.run(Cli.env(db), null, "rollback", "--to", "4");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "todo-cli: error: cannot ask for confirmation: no interactive terminal (or its input"
                + " is closed); re-run with --yes to roll back from version "
                + HEAD
                + " to 4, running "
                + (HEAD - 4)
                + " down scripts without asking\n");
    assertThat(TodoSchema.standard().info(db.dataSource()).currentVersion()).isEqualTo(HEAD);
  }

  @Test
  void dryRunPrintsEachDownScriptUnderAHeaderAndChangesNothing() {
    Cli.Result result = Cli.on(db, "rollback", "--to", "4", "--dry-run");

    assertThat(result.exitCode()).isZero();
    assertThat(result.prompts()).isEmpty();
    assertThat(result.out()).startsWith("-- database: " + db.jdbcUrl());
    List<String> headers = result.out().lines().filter(line -> line.startsWith("-- U")).toList();
    assertThat(headers)
        .containsExactly(
            "-- U17__distributable.sql: undoes V17 distributable",
            "-- U16__task_effects.sql: undoes V16 task_effects",
            "-- U15__template_reminders.sql: undoes V15 template_reminders",
            "-- U14__reminder_deliveries.sql: undoes V14 reminder_deliveries",
            "-- U13__own_schema.sql: undoes V13 own_schema",
            "-- U12__template_end_reason.sql: undoes V12 template_end_reason",
            "-- U11__text_and_zone_checks.sql: undoes V11 text_and_zone_checks",
            "-- U10__recurring_templates.sql: undoes V10 recurring_templates",
            "-- U9__tags.sql: undoes V9 tags",
            "-- U8__recurrence.sql: undoes V8 recurrence",
            "-- U7__reminders.sql: undoes V7 reminders",
            "-- U6__due_dates.sql: undoes V6 due_dates",
            "-- U5__task_priority.sql: undoes V5 task_priority");
    assertThat(result.out())
        .contains(
            "-- dry run: rolling back from version "
                + HEAD
                + " to 4, running "
                + (HEAD - 4)
                + " down scripts; nothing is"
                + " changed")
        .contains("DROP TABLE")
        .contains(TodoSchema.standard().planRollback(db.dataSource(), 4).steps().get(0).sql());
    assertThat(TodoSchema.standard().info(db.dataSource()).currentVersion()).isEqualTo(HEAD);
    assertThat(Cli.on(db, "verify").exitCode()).isZero();
  }

  @Test
  void rollsBackEverythingWithTo0() {
    Cli.Result result = Cli.on(db, "rollback", "--to", "0", "--yes");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("rolled back V1 users")
        .endsWith("the database is at version 0\n");
  }

  @Test
  void refusesATargetNewerThanTheDatabaseAndPointsToMigrate() {
    Cli.on(db, "rollback", "--to", "4", "--yes");

    Cli.Result result = Cli.on(db, "rollback", "--to", "6", "--yes");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "todo-cli: error: the database is at version 4, older than --to 6:"
                + " to go forward, use todo-cli migrate --to 6\n");
  }

  @Test
  void saysSoWhenThereIsNothingToRollBack() {
    Cli.Result result = Cli.on(db, "rollback", "--to", String.valueOf(HEAD));

    assertThat(result.exitCode()).isZero();
    assertThat(result.prompts()).isEmpty();
    assertThat(result.out())
        .endsWith("the database is already at version " + HEAD + ": nothing to roll back\n");
  }

  @Test
  void cannotUndoAVersionThatOnlyANewerReleaseKnowsAndChangesNothing() {
    Cli.migrateWithANewerRelease(db);

    Cli.Result result = Cli.on(db, "rollback", "--to", "10", "--yes");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .isEqualTo(
            "todo-cli: error: cannot roll back to version 10: no down script for V99"
                + " (db/todokit/rollback/U99__newer_release.sql; a newer release made it and has"
                + " its down script); nothing was changed\n");
    assertThat(TodoSchema.standard().info(db.dataSource()).currentVersion()).isEqualTo(99);
  }

  @Test
  void requiresATarget() {
    Cli.Result result = Cli.on(db, "rollback", "--yes");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "todo-cli: error: Missing required option: '--to=VERSION'"
                + " (see 'todo-cli rollback --help')\n");
  }
}
