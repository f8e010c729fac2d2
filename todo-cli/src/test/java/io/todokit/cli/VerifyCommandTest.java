package io.todokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.schema.TodoSchema;
import io.todokit.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code todo-cli verify}: exit 0 only when every check passes. */
class VerifyCommandTest {

  private static final int HEAD = TodoSchema.latestVersion();

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
  void passesWithExit0OnAMigratedDatabase() {
    Cli.Result result = Cli.on(db, "verify");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .contains(
            "[PASS] version migrations at head (V"
                + HEAD
                + ") in schema todokit - at version "
                + HEAD)
        .contains("[PASS] index reminders.reminders_claim_idx")
        .doesNotContain("[FAIL]")
        .containsPattern("\\d+ checks: \\d+ passed, 0 failed - schema OK\n$");
  }

  @Test
  void failsWithExit1NamingAnIndexDroppedByHand() {
    Cli.execute(db, "DROP INDEX todokit.reminders_claim_idx");

    Cli.Result result = Cli.on(db, "verify");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out())
        .contains("[FAIL] index reminders.reminders_claim_idx - missing")
        .containsPattern("\\d+ checks: \\d+ passed, 1 failed - schema NOT OK\n$");
    assertThat(result.out().lines().filter(line -> line.startsWith("[FAIL]")).toList())
        .containsExactly("[FAIL] index reminders.reminders_claim_idx - missing");
    assertThat(result.err())
        .matches("todo-cli: verify: 1 of \\d+ checks failed \\(the \\[FAIL\\] lines above\\)\n");
  }

  @Test
  void passesWithExit0OnADatabaseThatANewerReleaseMigrated() {
    Cli.migrateWithANewerRelease(db);

    Cli.Result result = Cli.on(db, "verify");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains(
            "[PASS] version migrations at head (V"
                + HEAD
                + ") in schema todokit - at version 99, ahead of"
                + " this release (database at 99, this release knows up to "
                + HEAD
                + "); the checks below"
                + " are this"
                + " release's")
        .doesNotContain("[FAIL]");
  }

  @Test
  void failsWithExit1OnADatabaseBehindTheHead() {
    Cli.on(db, "rollback", "--to", "4", "--yes");

    Cli.Result result = Cli.on(db, "verify");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).contains("[FAIL] version migrations at head (V" + HEAD + ")");
  }
}
