package io.todokit.schema;

import static io.todokit.schema.SchemaMigrationTest.catalog;
import static io.todokit.schema.SchemaMigrationTest.execute;
import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.schema.VerificationReport.Check;
import io.todokit.schema.VerificationReport.Kind;
import io.todokit.testing.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link TodoSchema#verify} passes on a migrated database and names whatever is broken. */
class SchemaVerificationTest {

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
  void passesOnAMigratedDatabaseAndRendersOneLinePerCheck() {
    VerificationReport report = TodoSchema.standard().verify(db.dataSource());

    assertThat(report.failures()).isEmpty();
    String rendered = report.render();
    assertThat(rendered.lines()).hasSize(report.checks().size() + 1);
    assertThat(rendered)
        .contains("[PASS] version migrations at head (V17) in schema todokit - at version 17")
        .contains("[PASS] column tasks.due_at - timestamp with time zone NULL")
        .contains("[PASS] index tasks.tasks_user_open_due_idx")
        .contains("[PASS] trigger messages.messages_assign_seq")
        .contains("[PASS] data completed tasks have completed_at")
        .endsWith(
            report.checks().size()
                + " checks: "
                + report.checks().size()
                + " passed, 0 failed - schema OK\n");
  }

  @Test
  void expectationsListEveryObjectTheMigrationsCreate() throws SQLException {
    Catalog catalog = catalog(db);
    Set<String> expected =
        ExpectedSchema.load().entries().stream()
            .map(entry -> entry.kind() + " " + entry.name())
            .collect(Collectors.toSet());

    Stream<String> actual =
        Stream.of(
                catalog.tables().keySet().stream().map(name -> "TABLE " + name),
                catalog.columns().keySet().stream().map(name -> "COLUMN " + name),
                catalog.indexes().keySet().stream().map(name -> "INDEX " + name),
                catalog.constraints().keySet().stream().map(name -> "CONSTRAINT " + name),
                catalog.triggers().keySet().stream().map(name -> "TRIGGER " + name),
                catalog.functions().keySet().stream().map(name -> "FUNCTION " + name),
                catalog.types().keySet().stream().map(name -> "TYPE " + name))
            .flatMap(s -> s);

    assertThat(actual.toList()).allSatisfy(name -> assertThat(expected).contains(name));
  }

  @Test
  void failsNamingAnIndexDroppedByHand() throws SQLException {
    execute(db, "DROP INDEX reminders_claim_idx");

    VerificationReport report = TodoSchema.standard().verify(db.dataSource());

    assertThat(report.passed()).isFalse();
    assertThat(report.failures())
        .containsExactly(new Check(Kind.INDEX, "reminders.reminders_claim_idx", false, "missing"));
    assertThat(report.render()).contains("[FAIL] index reminders.reminders_claim_idx - missing");
  }

  @Test
  void failsNamingAColumnDroppedByHandAndTheDataCheckThatCannotRun() throws SQLException {
    execute(db, "ALTER TABLE tags DROP COLUMN color");

    List<Check> failures = TodoSchema.standard().verify(db.dataSource()).failures();

    assertThat(failures)
        .extracting(Check::kind, Check::name)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(Kind.COLUMN, "tags.color"),
            org.assertj.core.groups.Tuple.tuple(Kind.CONSTRAINT, "tags.tags_color_format"),
            org.assertj.core.groups.Tuple.tuple(Kind.DATA, "tags.color is #RRGGBB"));
    assertThat(failures.getFirst().detail()).isEqualTo("missing; expected text NOT NULL");
  }

  @Test
  void failsNamingATriggerDroppedByHand() throws SQLException {
    execute(db, "DROP TRIGGER tasks_follow_reminders ON tasks");

    assertThat(TodoSchema.standard().verify(db.dataSource()).failures())
        .extracting(Check::name)
        .containsExactly("tasks.tasks_follow_reminders");
  }

  @Test
  void failsNamingAColumnWhoseTypeOrNullabilityChanged() throws SQLException {
    execute(db, "ALTER TABLE tasks ALTER COLUMN description SET NOT NULL");

    assertThat(TodoSchema.standard().verify(db.dataSource()).failures())
        .containsExactly(
            new Check(
                Kind.COLUMN,
                "tasks.description",
                false,
                "expected text NULL, found text NOT NULL"));
  }

  @Test
  void dataChecksCountRowsThatSlippedPastADroppedConstraint() throws SQLException {
    execute(
        db,
        "ALTER TABLE tasks DROP CONSTRAINT tasks_completed_at_matches_status;"
            + "ALTER TABLE tasks DROP CONSTRAINT tasks_recurrence_rule_shape;"
            + "INSERT INTO users (id, username, email, password_hash)"
            + " VALUES ('00000000-0000-0000-0000-000000000001', 'carol', 'c@x.org', 'h');"
            + "INSERT INTO tasks (user_id, title, status, recurrence_rule) VALUES"
            + " ('00000000-0000-0000-0000-000000000001', 'a', 'completed', '[1, 2]'),"
            + " ('00000000-0000-0000-0000-000000000001', 'b', 'completed', '\"daily\"')");

    assertThat(TodoSchema.standard().verify(db.dataSource()).failures())
        .extracting(Check::name, Check::detail)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                "tasks.tasks_completed_at_matches_status", "missing; expected CHECK"),
            org.assertj.core.groups.Tuple.tuple(
                "tasks.tasks_recurrence_rule_shape", "missing; expected CHECK"),
            org.assertj.core.groups.Tuple.tuple(
                "tasks.recurrence_rule is a JSON object", "2 offending row(s)"),
            org.assertj.core.groups.Tuple.tuple(
                "completed tasks have completed_at", "2 offending row(s)"));
  }

  @Test
  void failsNamingTheV10DefinitionsOfWhatV11Replaced() throws SQLException {
    execute(
        db,
        "ALTER TABLE tasks DROP CONSTRAINT tasks_title_length,"
            + " ADD CONSTRAINT tasks_title_length"
            + " CHECK (btrim(title) <> '' AND char_length(title) <= 255);"
            + "CREATE OR REPLACE FUNCTION todokit_is_time_zone(zone text) RETURNS boolean"
            + " LANGUAGE sql STABLE AS $$ SELECT zone ~ '^[A-Za-z][A-Za-z0-9_+/-]*$' $$");

    assertThat(TodoSchema.standard().verify(db.dataSource()).failures())
        .containsExactly(
            new Check(
                Kind.CONSTRAINT,
                "tasks.tasks_title_length",
                false,
                "expected CHECK (((NOT todokit_is_blank(title)) AND (char_length(title) <= 255))),"
                    + " found CHECK (((btrim(title) <> ''::text) AND (char_length(title) <= 255)))"),
            new Check(
                Kind.FUNCTION,
                "todokit_is_time_zone(text)",
                false,
                "its definition does not contain zone = ANY (ARRAY["));
  }

  @Test
  void failsWhenTheDatabaseIsBehindTheHead() {
    try (TestDatabase behind = TestDatabase.empty()) {
      TodoSchema.standard().migrate(behind.dataSource(), 4);

      VerificationReport report = TodoSchema.standard().verify(behind.dataSource());

      assertThat(report.failures().getFirst())
          .isEqualTo(
              new Check(
                  Kind.VERSION,
                  "migrations at head (V17) in schema todokit",
                  false,
                  "at version 4, 13 pending"));
      assertThat(report.failures()).extracting(Check::name).contains("tags", "tasks.priority");
    }
  }
}
