package io.todokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.schema.TodoSchema;
import io.todokit.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --schema}: todokit's tables in a schema of the operator's choice, and the carry-over of a
 * database that a release before 0.1.0 migrated (todokit's tables and {@code flyway_schema_history}
 * in public).
 */
class SchemaOptionTest {

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
  void everyCommandWorksOnTheSchemaGiven() {
    Cli.Result migrate = Cli.on(db, "migrate", "--schema", "public");

    assertThat(migrate.exitCode()).isZero();
    assertThat(migrate.out().lines().findFirst().orElseThrow()).endsWith(", todokit schema public");
    assertThat(Cli.on(db, "info", "--schema", "public").out())
        .contains("schema version: " + HEAD + " of " + HEAD + " (up to date)");
    assertThat(Cli.on(db, "verify", "--schema", "public").exitCode()).isZero();
    assertThat(Cli.on(db, "info").out())
        .contains("schema version: 0 of " + HEAD + " (" + HEAD + " pending)");
    assertThat(Cli.on(db, "rollback", "--schema", "public", "--to", "4", "--yes").exitCode())
        .isZero();
    assertThat(TodoSchema.in("public").info(db.dataSource()).currentVersion()).isEqualTo(4);
  }

  @Test
  void theLayoutOfAnOlderReleaseIsExplainedAndCarriedOverInItsSchema() {
    Flyway.configure()
        .dataSource(db.dataSource())
        .locations(TodoSchema.MIGRATIONS_LOCATION)
        .target("12")
        .load()
        .migrate();

    Cli.Result info = Cli.on(db, "info");
    assertThat(info.exitCode()).isZero();
    assertThat(info.out())
        .contains(
            "todokit schema \"todokit\" does not exist yet, but schema \"public\" holds todokit's"
                + " tables as a release before 0.1.0 left them");

    Cli.Result refused = Cli.on(db, "migrate");
    assertThat(refused.exitCode()).isEqualTo(3);
    assertThat(refused.err())
        .contains("keep them there with schema \"public\"")
        .endsWith("nothing was changed\n");

    Cli.Result migrate = Cli.on(db, "migrate", "--schema", "public");
    assertThat(migrate.exitCode()).isZero();
    assertThat(migrate.err()).isEmpty();
    assertThat(migrate.out().lines().skip(1).toList())
        .startsWith(
            "schema public holds todokit's tables as a release before 0.1.0 left them: carrying"
                + " their history over from public.flyway_schema_history to"
                + " public.todokit_schema_history (nothing runs again)",
            "carried over versions 1 to 12",
            "migrating from version 12 to version " + HEAD + "...");
    assertThat(migrate.out()).contains("applied V13 own_schema");
    assertThat(Cli.on(db, "verify", "--schema", "public").exitCode()).isZero();
  }

  @Test
  void aSchemaNameThatCannotBeUsedIsAUsageError() {
    Cli.Result result = Cli.on(db, "info", "--schema", "pg_todo");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith(
            "todo-cli: error: --schema: schemaName must not name a system schema (was pg_todo)");
  }
}
