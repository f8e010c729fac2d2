package io.todokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help, version and usage errors, which need no database. */
class HelpTest {

  @ParameterizedTest
  @ValueSource(strings = {"migrate", "info", "verify", "rollback"})
  void everyCommandHasHelpWithTheExitCodes(String command) {
    Cli.Result result = Cli.run(command, "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .startsWith("Usage: todo-cli " + command + " ")
        .contains("--url=URL", "--user=USER", "--password-file=FILE", "--verbose")
        .contains(
            "Exit codes:", "  1  verify found a failed check", "  3  a schema operation failed");
  }

  @Test
  void theTopLevelHelpListsTheCommands() {
    Cli.Result result = Cli.run("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .startsWith("Usage: todo-cli [-hV] COMMAND")
        .containsPattern("\n  migrate +Apply the pending migrations")
        .containsPattern("\n  info +Show the schema version")
        .containsPattern("\n  verify +Check that the database")
        .containsPattern("\n  rollback +Roll the database back")
        .contains("TODO_PG_URL");
  }

  @Test
  void rollbackHelpDocumentsRollingBackEverythingAfterConversations() {
    assertThat(Cli.run("rollback", "--help").out())
        .contains("--dry-run", "--yes", "--to=VERSION", "rollback --to 4");
  }

  @Test
  void printsTheVersion() {
    Cli.Result result = Cli.run("--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .startsWith("todo-cli 0.1.0\n")
        .contains("schema versions 1 to 17, newest V17 distributable");
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    Cli.Result result = Cli.run("frobnicate");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err())
        .startsWith("todo-cli: error: Unmatched argument at index 0: 'frobnicate'")
        .endsWith(" (see 'todo-cli --help')\n");
  }

  @Test
  void aMistypedCommandGetsASuggestion() {
    Cli.Result result = Cli.run("migrat");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("did you mean migrate?");
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    Cli.Result result = Cli.run("info", "--password", "hunter2");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err())
        .startsWith("todo-cli: error: Unknown options: '--password', 'hunter2'")
        .endsWith("(see 'todo-cli info --help')\n");
  }

  @Test
  void noCommandIsAUsageError() {
    Cli.Result result = Cli.run();

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo("todo-cli: error: Missing required subcommand (see 'todo-cli --help')\n");
  }
}
