package io.todokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.schema.TodoSchema;
import io.todokit.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code todo-cli migrate} on a real, empty database. */
class MigrateCommandTest {

  private static final int HEAD = TodoSchema.latestVersion();

  private TestDatabase db;

  @BeforeEach
  void emptyDatabase() {
    db = TestDatabase.empty();
  }

  @AfterEach
  void dropDatabase() {
    db.close();
  }

  @Test
  void migratesAnEmptyDatabaseToTheHeadPrintingOneLinePerVersion() {
    Cli.Result result = Cli.on(db, "migrate");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out().lines().toList())
        .hasSize(HEAD + 3)
        .satisfies(lines -> assertThat(lines.get(0)).startsWith("database: " + db.jdbcUrl()))
        .satisfies(
            lines ->
                assertThat(lines.get(1))
                    .isEqualTo("migrating from version 0 to version " + HEAD + "..."))
        .satisfies(lines -> assertThat(lines.get(2)).startsWith("applied V1 users ("))
        .satisfies(lines -> assertThat(lines.get(6)).startsWith("applied V5 task_priority ("))
        .satisfies(
            lines -> assertThat(lines.get(11)).startsWith("applied V10 recurring_templates ("))
        .satisfies(
            lines -> assertThat(lines.get(12)).startsWith("applied V11 text_and_zone_checks ("))
        .satisfies(
            lines -> assertThat(lines.get(13)).startsWith("applied V12 template_end_reason ("))
        .satisfies(lines -> assertThat(lines.get(14)).startsWith("applied V13 own_schema ("))
        .satisfies(
            lines -> assertThat(lines.get(15)).startsWith("applied V14 reminder_deliveries ("))
        .satisfies(
            lines -> assertThat(lines.get(16)).startsWith("applied V15 template_reminders ("))
        .satisfies(lines -> assertThat(lines.get(17)).startsWith("applied V16 task_effects ("))
        .satisfies(lines -> assertThat(lines.get(18)).startsWith("applied V17 distributable ("))
        .satisfies(
            lines ->
                assertThat(lines.getLast())
                    .matches(
                        "done: "
                            + HEAD
                            + " migrations applied in \\d+\\.\\d s;"
                            + " the database is at version "
                            + HEAD
                            + " of "
                            + HEAD));
    assertThat(TodoSchema.standard().info(db.dataSource()).upToDate()).isTrue();
  }

  @Test
  void migratesToTheVersionGivenByNumberOrName() {
    Cli.Result toFour = Cli.on(db, "migrate", "--to", "4");

    assertThat(toFour.exitCode()).isZero();
    assertThat(toFour.out())
        .contains("applied V4 conversations_and_messages")
        .doesNotContain("V5")
        .contains("the database is at version 4 of " + HEAD);
    assertThat(TodoSchema.standard().info(db.dataSource()).currentVersion()).isEqualTo(4);

    Cli.Result toSix = Cli.on(db, "migrate", "--to", "due-dates");

    assertThat(toSix.exitCode()).isZero();
    assertThat(toSix.out())
        .contains("migrating from version 4 to version 6...")
        .contains("applied V5 task_priority")
        .contains("applied V6 due_dates")
        .contains("done: 2 migrations applied");
    assertThat(TodoSchema.standard().info(db.dataSource()).currentVersion()).isEqualTo(6);
  }

  @Test
  void saysSoWhenThereIsNothingToMigrate() {
    Cli.on(db, "migrate");

    Cli.Result again = Cli.on(db, "migrate");

    assertThat(again.exitCode()).isZero();
    assertThat(again.out())
        .endsWith("the database is already at version " + HEAD + ": nothing to migrate\n");
  }

  @Test
  void refusesATargetOlderThanTheDatabaseAndPointsToRollback() {
    Cli.on(db, "migrate");

    Cli.Result result = Cli.on(db, "migrate", "--to", "4");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "todo-cli: error: the database is at version "
                + HEAD
                + ", newer than --to 4:"
                + " to go back, use todo-cli rollback --to 4\n");
  }

  @Test
  void saysADatabaseThatANewerReleaseMigratedIsAheadAndExits0WithoutAdvisingARollback() {
    Cli.on(db, "migrate");
    Cli.migrateWithANewerRelease(db);

    Cli.Result result = Cli.on(db, "migrate");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out().lines().skip(1).toList())
        .containsExactly(
            "the database is ahead of this release (database at 99, this release knows up to "
                + HEAD
                + "):"
                + " nothing to migrate",
            "this release keeps working as long as the newer release keeps the schema compatible");
    assertThat(TodoSchema.standard().info(db.dataSource()).currentVersion()).isEqualTo(99);
  }

  @Test
  void refusesAnOlderTargetOnADatabaseAheadOfThisReleaseWithoutAdvisingARollback() {
    Cli.on(db, "migrate");
    Cli.migrateWithANewerRelease(db);

    Cli.Result result = Cli.on(db, "migrate", "--to", "4");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "todo-cli: error: the database is at version 99, newer than --to 4: it is ahead of"
                + " this release (database at 99, this release knows up to "
                + HEAD
                + "), and migrate only"
                + " goes forward\n");
  }

  @Test
  void aFailingMigrationExitsWith3AndLeavesTheDatabaseAtThePreviousVersion() {
    Cli.on(db, "migrate", "--to", "8");
    Cli.execute(db, "CREATE TABLE todokit.tags (id int)");

    Cli.Result result = Cli.on(db, "migrate");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.out()).contains("migrating from version 8 to version " + HEAD + "...");
    assertThat(result.out()).doesNotContain("applied V9");
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err())
        .startsWith(
            "todo-cli: error: migration failed and was rolled back;"
                + " the database is at version 8")
        .contains("V9__tags.sql")
        .contains("\"tags\" already exists")
        .doesNotContain("-X")
        .doesNotContain("\tat ");
    assertThat(TodoSchema.standard().info(db.dataSource()).currentVersion()).isEqualTo(8);
  }

  @Test
  void rejectsAnUnknownTarget() {
    Cli.Result result = Cli.on(db, "migrate", "--to", "99");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith(
            "todo-cli: error: Invalid value for option '--to': no schema version 99:"
                + " versions are 0 to "
                + HEAD)
        .endsWith("(see 'todo-cli migrate --help')\n");
    assertThat(TodoSchema.standard().info(db.dataSource()).currentVersion()).isZero();
  }
}
