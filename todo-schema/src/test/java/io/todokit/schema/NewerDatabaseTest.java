package io.todokit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.schema.VerificationReport.Check;
import io.todokit.schema.VerificationReport.Kind;
import io.todokit.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A database that a newer release migrated (a rolling deploy): here to V99 from the test-only
 * location {@code db/future}, which this release does not know.
 */
class NewerDatabaseTest {

  private static final String AHEAD =
      "ahead of this release (database at 99, this release knows up to 17)";

  private TestDatabase db;

  /** A database migrated by todokit's Flyway with the newer release's step as well. */
  static TestDatabase migratedByANewerRelease() {
    TestDatabase database = TestDatabase.empty();
    TodoSchema.standard()
        .flyway(
            database.dataSource(),
            MigrationVersion.LATEST,
            TodoSchema.MIGRATIONS_LOCATION,
            "classpath:db/future")
        .migrate();
    return database;
  }

  @BeforeEach
  void databaseMigratedByANewerRelease() {
    db = migratedByANewerRelease();
  }

  @AfterEach
  void dropDatabase() {
    db.close();
  }

  @Test
  void migrateChangesNothingAndLogsOneWarningNamingBothVersions() throws SQLException {
    Catalog before = SchemaMigrationTest.catalog(db);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream err = System.err;
    SchemaInfo info;
    // slf4j-simple writes to whatever System.err is at the time.
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      info = TodoSchema.standard().migrate(db.dataSource());
    } finally {
      System.setErr(err);
    }

    assertThat(info.currentVersion()).isEqualTo(99);
    assertThat(info.state()).isEqualTo(SchemaState.AHEAD);
    assertThat(SchemaMigrationTest.catalog(db)).isEqualTo(before);
    assertThat(log.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains("WARN")))
        .singleElement()
        .asString()
        .contains(
            "todokit: schema todokit is at version 99, ahead of this release, which knows up to"
                + " 17: nothing to migrate; this release keeps working as long as the newer release"
                + " keeps the schema compatible");
  }

  @Test
  void infoSaysTheDatabaseIsAheadOfThisRelease() {
    SchemaInfo info = TodoSchema.standard().info(db.dataSource());

    assertThat(info.currentVersion()).isEqualTo(99);
    assertThat(info.latestVersion()).isEqualTo(17);
    assertThat(info.state()).isEqualTo(SchemaState.AHEAD);
    assertThat(info.describe()).isEqualTo(AHEAD);
    assertThat(info.pending()).isEmpty();
    assertThat(info.upToDate()).as("this release has everything it needs").isTrue();
    assertThat(info.applied().getLast())
        .extracting(
            SchemaInfo.Applied::version, SchemaInfo.Applied::script, SchemaInfo.Applied::success)
        .containsExactly(99, "V99__newer_release.sql", true);
  }

  @Test
  void verifyChecksWhatThisReleaseNeedsAndPasses() {
    VerificationReport report = TodoSchema.standard().verify(db.dataSource());

    assertThat(report.failures()).isEmpty();
    assertThat(report.checks().getFirst())
        .isEqualTo(
            new Check(
                Kind.VERSION,
                "migrations at head (V17) in schema todokit",
                true,
                "at version 99, " + AHEAD + "; the checks below are this release's"));
  }

  @Test
  void anOlderTargetIsRefusedWithoutAdvisingARollback() {
    assertThatThrownBy(() -> TodoSchema.standard().migrate(db.dataSource(), 5))
        .isInstanceOf(SchemaException.class)
        .hasMessage(
            "the database is at version 99, newer than the target 5 and ahead of this release,"
                + " which knows up to 17 and cannot undo what it does not know");
  }

  @Test
  void rollbackNamesTheReleaseThatHasTheMissingDownScript() {
    assertThatThrownBy(() -> TodoSchema.standard().rollbackTo(db.dataSource(), 10))
        .isInstanceOf(SchemaException.class)
        .hasMessage(
            "cannot roll back to version 10: no down script for V99"
                + " (db/todokit/rollback/U99__newer_release.sql; a newer release made it and has its"
                + " down script); nothing was changed");
    assertThat(TodoSchema.standard().info(db.dataSource()).currentVersion()).isEqualTo(99);
  }
}
