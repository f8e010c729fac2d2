package io.todokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.schema.TodoSchema;
import io.todokit.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code todo-cli info} on a real database part-way through the history. */
class InfoCommandTest {

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
  void showsTheVersionAndATableOfAppliedAndPendingMigrations() {
    Cli.on(db, "migrate", "--to", "4");

    Cli.Result result = Cli.on(db, "info");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    var lines = result.out().lines().toList();
    assertThat(lines).hasSize(HEAD + 4);
    assertThat(lines.get(0)).startsWith("database: " + db.jdbcUrl() + " as " + db.username());
    assertThat(lines.get(1))
        .isEqualTo("schema version: 4 of " + HEAD + " (" + (HEAD - 4) + " pending)");
    assertThat(lines.get(2)).isEmpty();
    assertThat(lines.get(3)).isEqualTo("VERSION  STATE    INSTALLED ON         SCRIPT");
    assertThat(lines.get(4))
        .matches("V1       applied  \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ V1__users.sql");
    assertThat(lines.get(7)).matches("V4       applied  \\S+Z V4__conversations_and_messages.sql");
    assertThat(lines.get(8))
        .isEqualTo("V5       pending                       V5__task_priority.sql");
    assertThat(lines.get(13))
        .isEqualTo("V10      pending                       V10__recurring_templates.sql");
    assertThat(lines.get(14))
        .isEqualTo("V11      pending                       V11__text_and_zone_checks.sql");
    assertThat(lines.get(15))
        .isEqualTo("V12      pending                       V12__template_end_reason.sql");
    assertThat(lines.get(16))
        .isEqualTo("V13      pending                       V13__own_schema.sql");
    assertThat(lines.get(17))
        .isEqualTo("V14      pending                       V14__reminder_deliveries.sql");
    assertThat(lines.get(18))
        .isEqualTo("V15      pending                       V15__template_reminders.sql");
    assertThat(lines.get(19))
        .isEqualTo("V16      pending                       V16__task_effects.sql");
    assertThat(lines.get(20))
        .isEqualTo("V17      pending                       V17__distributable.sql");
  }

  @Test
  void saysUpToDateAtTheHead() {
    Cli.on(db, "migrate");

    Cli.Result result = Cli.on(db, "info");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("schema version: " + HEAD + " of " + HEAD + " (up to date)")
        .doesNotContain("pending ");
  }

  @Test
  void saysADatabaseThatANewerReleaseMigratedIsAheadAndThatThisReleaseKeepsWorking() {
    Cli.on(db, "migrate");
    Cli.migrateWithANewerRelease(db);

    Cli.Result result = Cli.on(db, "info");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    var lines = result.out().lines().toList();
    assertThat(lines.get(1))
        .isEqualTo(
            "schema version: 99, ahead of this release (database at 99, this release knows up to"
                + " "
                + HEAD
                + ")");
    assertThat(lines.get(2))
        .isEqualTo(
            "this release keeps working as long as the newer release keeps the schema compatible");
    assertThat(lines.get(3)).isEmpty();
    assertThat(lines.getLast()).matches("V99      applied  \\S+Z V99__newer_release.sql");
    assertThat(result.out()).doesNotContain("up to date").doesNotContain("roll");
  }

  @Test
  void listsEverythingAsPendingOnAnEmptyDatabase() {
    Cli.Result result = Cli.on(db, "info");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("schema version: 0 of " + HEAD + " (" + HEAD + " pending)");
    assertThat(result.out().lines().filter(line -> line.contains(" pending ")).count())
        .isEqualTo(HEAD);
  }
}
