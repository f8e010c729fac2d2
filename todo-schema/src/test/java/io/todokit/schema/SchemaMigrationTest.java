package io.todokit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Migrating up and rolling back, step by step, on a real PostgreSQL: every down script exactly
 * undoes its migration.
 */
class SchemaMigrationTest {

  @Test
  void migratesAnEmptyDatabaseToHeadAndVerifies() {
    try (TestDatabase db = TestDatabase.empty()) {
      SchemaInfo before = TodoSchema.standard().info(db.dataSource());
      assertThat(before.currentVersion()).isZero();
      assertThat(before.pending()).hasSize(SchemaStep.values().length);

      SchemaInfo after = TodoSchema.standard().migrate(db.dataSource());

      assertThat(after.currentVersion()).isEqualTo(SchemaStep.head().version());
      assertThat(after.pending()).isEmpty();
      assertThat(after.upToDate()).isTrue();
      assertThat(after.applied())
          .extracting(SchemaInfo.Applied::script)
          .containsExactly(
              java.util.Arrays.stream(SchemaStep.values())
                  .map(SchemaStep::migrationScript)
                  .toArray(String[]::new));
      VerificationReport report = TodoSchema.standard().verify(db.dataSource());
      assertThat(report.failures()).isEmpty();
      assertThat(report.passed()).isTrue();
    }
  }

  @Test
  void everyStepRolledBackAndMigratedAgainLeavesAnIdenticalCatalog() throws SQLException {
    try (TestDatabase db = TestDatabase.empty()) {
      Map<Integer, Catalog> catalogAt = new HashMap<>();
      catalogAt.put(0, catalog(db));
      assertThat(catalogAt.get(0).isEmpty()).isTrue();

      // Versions need not be contiguous: each step goes back to the one before it.
      int previous = 0;
      for (SchemaStep step : SchemaStep.values()) {
        int version = step.version();
        TodoSchema.standard().migrate(db.dataSource(), version);
        Catalog migrated = catalog(db);
        catalogAt.put(version, migrated);

        SchemaInfo rolledBack = TodoSchema.standard().rollbackTo(db.dataSource(), previous);
        assertThat(rolledBack.currentVersion()).isEqualTo(previous);
        assertThat(catalog(db))
            .as("catalog after rolling back %s", step.migrationScript())
            .isEqualTo(catalogAt.get(previous));

        TodoSchema.standard().migrate(db.dataSource(), version);
        assertThat(catalog(db))
            .as("catalog after migrating %s again", step.migrationScript())
            .isEqualTo(migrated);
        previous = version;
      }
    }
  }

  @Test
  void rollingBackEverythingAfterConversationsIsOneCall() throws SQLException {
    try (TestDatabase db = TestDatabase.empty()) {
      int conversations = SchemaStep.CONVERSATIONS_AND_MESSAGES.version();
      TodoSchema.standard().migrate(db.dataSource(), conversations);
      Catalog atConversations = catalog(db);
      TodoSchema.standard().migrate(db.dataSource());

      RollbackPlan plan = TodoSchema.standard().planRollback(db.dataSource(), conversations);
      assertThat(plan.steps())
          .extracting(RollbackPlan.Step::script)
          .containsExactly(
              "U17__distributable.sql",
              "U16__task_effects.sql",
              "U15__template_reminders.sql",
              "U14__reminder_deliveries.sql",
              "U13__own_schema.sql",
              "U12__template_end_reason.sql",
              "U11__text_and_zone_checks.sql",
              "U10__recurring_templates.sql",
              "U9__tags.sql",
              "U8__recurrence.sql",
              "U7__reminders.sql",
              "U6__due_dates.sql",
              "U5__task_priority.sql");
      assertThat(TodoSchema.standard().info(db.dataSource()).currentVersion())
          .as("planning changes nothing")
          .isEqualTo(SchemaStep.head().version());

      SchemaInfo info = TodoSchema.standard().rollbackTo(db.dataSource(), conversations);

      assertThat(info.currentVersion()).isEqualTo(conversations);
      assertThat(info.pending()).hasSize(13);
      assertThat(catalog(db)).isEqualTo(atConversations);
    }
  }

  @Test
  void rollbackRefusesWhenADownScriptIsMissingAndChangesNothing() throws SQLException {
    try (TestDatabase db = TestDatabase.empty()) {
      TodoSchema.standard().migrate(db.dataSource());
      // A newer migration applied by someone else, without a down script in this jar.
      execute(
          db,
          """
          INSERT INTO todokit.todokit_schema_history
              (installed_rank, version, description, type, script, checksum, installed_by,
               execution_time, success)
          VALUES (100, '99', 'extra', 'SQL', 'V99__extra.sql', 0, current_user, 0, true)
          """);
      Catalog before = catalog(db);

      assertThatThrownBy(() -> TodoSchema.standard().rollbackTo(db.dataSource(), 8))
          .isInstanceOf(SchemaException.class)
          .hasMessageContaining("no down script for V99")
          .hasMessageContaining("U99__extra.sql")
          .hasMessageContaining("nothing was changed");

      assertThat(catalog(db)).isEqualTo(before);
      assertThat(TodoSchema.standard().info(db.dataSource()).currentVersion()).isEqualTo(99);
    }
  }

  @Test
  void refusesTargetsThatPointTheWrongWay() {
    try (TestDatabase db = TestDatabase.empty()) {
      TodoSchema.standard().migrate(db.dataSource(), 5);

      assertThatThrownBy(() -> TodoSchema.standard().migrate(db.dataSource(), 3))
          .isInstanceOf(SchemaException.class)
          .hasMessageContaining("at version 5, newer than the target 3")
          .hasMessageContaining("rollbackTo");
      assertThatThrownBy(() -> TodoSchema.standard().rollbackTo(db.dataSource(), 7))
          .isInstanceOf(SchemaException.class)
          .hasMessageContaining("at version 5, older than the target 7");
      assertThatThrownBy(() -> TodoSchema.standard().migrate(db.dataSource(), 99))
          .isInstanceOf(SchemaException.class)
          .hasMessageContaining("unknown schema version 99");
      assertThat(TodoSchema.standard().info(db.dataSource()).currentVersion()).isEqualTo(5);
    }
  }

  @Test
  void aMigrationThatFailsMidwayLeavesTheDatabaseAtThePreviousVersion() throws SQLException {
    try (TestDatabase db = TestDatabase.empty()) {
      TodoSchema.standard().migrate(db.dataSource(), SchemaStep.RECURRENCE.version());
      // V9 creates tags and task_tags, then fails on its last statement: an index of that name
      // already exists.
      execute(
          db,
          "CREATE TABLE todokit.operator_notes (id int);"
              + " CREATE INDEX task_tags_user_tag_idx ON todokit.operator_notes (id)");
      Catalog before = catalog(db);

      assertThatThrownBy(() -> TodoSchema.standard().migrate(db.dataSource()))
          .isInstanceOf(SchemaException.class)
          .hasMessageContaining("the database is at version 8")
          .hasMessageContaining("task_tags_user_tag_idx");

      assertThat(catalog(db)).isEqualTo(before);
      SchemaInfo info = TodoSchema.standard().info(db.dataSource());
      assertThat(info.currentVersion()).isEqualTo(8);
      assertThat(info.applied()).allMatch(SchemaInfo.Applied::success);
    }
  }

  static Catalog catalog(TestDatabase db) throws SQLException {
    try (Connection connection = db.dataSource().getConnection()) {
      return Catalog.read(connection, TodoSchema.DEFAULT_SCHEMA).withoutFlywayHistory();
    }
  }

  /**
   * A connection whose search path starts with todokit's schema, so that a test's plain SQL names
   * todokit's tables unqualified (todokit's own statements never rely on it).
   */
  static Connection connect(TestDatabase db) throws SQLException {
    Connection connection = db.dataSource().getConnection();
    try (var statement = connection.createStatement()) {
      statement.execute("SET search_path = todokit, public");
    }
    return connection;
  }

  static void execute(TestDatabase db, String sql) throws SQLException {
    try (Connection connection = connect(db);
        var statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
