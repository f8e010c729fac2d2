package io.todokit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

/**
 * todokit as a guest in a service's database: its own schema, history table and migration location
 * beside the service's own Flyway, and the carry-over of the layout of releases before 0.1.0
 * (todokit's tables and {@code flyway_schema_history} in {@code public}).
 */
class OwnSchemaTest {

  private static final int HEAD = TodoSchema.latestVersion();
  private static final int LAST_OLD_LAYOUT_VERSION = SchemaStep.TEMPLATE_END_REASON.version();

  /** A service's Flyway with Flyway's (and Spring Boot's) defaults, on its own V1. */
  private static Flyway serviceFlyway(DataSource dataSource) {
    return Flyway.configure().dataSource(dataSource).locations("classpath:db/service").load();
  }

  @Test
  void theServicesFlywayFirstThenTodokits() throws SQLException {
    try (TestDatabase db = TestDatabase.empty()) {
      serviceFlyway(db.dataSource()).migrate();
      TodoSchema.standard().migrate(db.dataSource());

      assertBothMigrated(db);
    }
  }

  @Test
  void todokitsFirstThenTheServicesFlyway() throws SQLException {
    try (TestDatabase db = TestDatabase.empty()) {
      TodoSchema.standard().migrate(db.dataSource());
      serviceFlyway(db.dataSource()).migrate();

      assertBothMigrated(db);
      // Each Flyway sees only its own: nothing pending, nothing unknown, on either side.
      assertThat(serviceFlyway(db.dataSource()).validateWithResult().validationSuccessful).isTrue();
      assertThat(TodoSchema.standard().migrate(db.dataSource()).currentVersion()).isEqualTo(HEAD);
    }
  }

  private static void assertBothMigrated(TestDatabase db) throws SQLException {
    assertThat(tables(db, "public")).containsExactly("flyway_schema_history", "orders");
    assertThat(tables(db, "todokit"))
        .contains("todokit_schema_history", "users", "tasks", "messages")
        .doesNotContain("flyway_schema_history", "orders");
    assertThat(column(db, "SELECT version FROM public.flyway_schema_history WHERE success"))
        .containsExactly("1");
    SchemaInfo info = TodoSchema.standard().info(db.dataSource());
    assertThat(info.currentVersion()).isEqualTo(HEAD);
    assertThat(info.applied()).hasSize(SchemaStep.values().length);
    assertThat(TodoSchema.standard().verify(db.dataSource()).failures()).isEmpty();
  }

  @Test
  void todokitInPublicBesideTheServicesTables() throws SQLException {
    try (TestDatabase db = TestDatabase.empty()) {
      serviceFlyway(db.dataSource()).migrate();
      TodoSchema publicSchema = TodoSchema.in("public");

      SchemaInfo info = publicSchema.migrate(db.dataSource());

      assertThat(info.currentVersion()).isEqualTo(HEAD);
      assertThat(info.applied()).hasSize(SchemaStep.values().length);
      assertThat(tables(db, "public"))
          .contains("flyway_schema_history", "orders", "todokit_schema_history", "tasks");
      assertThat(tables(db, "todokit")).isEmpty();
      assertThat(publicSchema.verify(db.dataSource()).failures()).isEmpty();
      try (Connection connection = db.dataSource().getConnection()) {
        assertThat(publicSchema.checkVersion(connection).state()).isEqualTo(SchemaState.CURRENT);
        assertThat(TodoSchema.standard().checkVersion(connection).state())
            .isEqualTo(SchemaState.BEHIND);
      }
      assertThat(serviceFlyway(db.dataSource()).validateWithResult().validationSuccessful).isTrue();
    }
  }

  @Test
  void aServicesFlywayWithDefaultsRefusesPublicWhenTodokitFilledItFirst() {
    // Why todokit has a schema of its own by default: Flyway's check for a non-empty schema.
    try (TestDatabase db = TestDatabase.empty()) {
      TodoSchema.in("public").migrate(db.dataSource());

      assertThatThrownBy(() -> serviceFlyway(db.dataSource()).migrate())
          .isInstanceOf(FlywayException.class)
          .hasMessageContaining("non-empty schema");
    }
  }

  @Test
  void theOldLayoutIsCarriedOverInPlaceAndRollsBackAndMigratesAgain() throws SQLException {
    try (TestDatabase db = TestDatabase.empty()) {
      migrateAsReleasesBefore010(db.dataSource());
      SchemaMigrationTest.execute(
          db,
          "INSERT INTO public.users (id, username, email, password_hash, time_zone) VALUES"
              + " ('00000000-0000-0000-0000-00000000000a', 'alice', 'alice@example.org', 'x',"
              + " 'Europe/Berlin')");
      List<String> oldHistory =
          column(
              db,
              "SELECT version || ' ' || script || ' ' || checksum || ' ' || installed_on"
                  + " FROM public.flyway_schema_history ORDER BY installed_rank");

      // The default schema is empty: the old tables are named, and nothing is split or changed.
      try (Connection connection = db.dataSource().getConnection()) {
        SchemaVersion version = TodoSchema.standard().checkVersion(connection);
        assertThat(version.legacySchema()).isEqualTo("public");
        assertThat(version.describe())
            .startsWith(
                "todokit schema \"todokit\" does not exist yet, but schema \"public\" holds"
                    + " todokit's tables as a release before 0.1.0 left them (history in"
                    + " public.flyway_schema_history): keep them there with schema \"public\"");
      }
      assertThatThrownBy(() -> TodoSchema.standard().migrate(db.dataSource()))
          .isInstanceOf(SchemaException.class)
          .hasMessageContaining("schema \"public\" holds todokit's tables")
          .hasMessageEndingWith("nothing was changed");
      assertThat(tables(db, "todokit")).isEmpty();

      TodoSchema publicSchema = TodoSchema.in("public");
      try (Connection connection = db.dataSource().getConnection()) {
        SchemaVersion version = publicSchema.checkVersion(connection);
        assertThat(version.found()).isZero();
        assertThat(version.describe()).contains("which carries the old history over");
      }

      SchemaInfo upgraded = publicSchema.migrate(db.dataSource());

      assertThat(upgraded.currentVersion()).isEqualTo(HEAD);
      assertThat(
              column(
                  db,
                  "SELECT version || ' ' || script || ' ' || checksum || ' ' || installed_on"
                      + " FROM public.todokit_schema_history WHERE version::int <= "
                      + LAST_OLD_LAYOUT_VERSION
                      + " ORDER BY installed_rank"))
          .as("the same rows: nothing ran again")
          .isEqualTo(oldHistory);
      assertThat(column(db, "SELECT version FROM public.flyway_schema_history")).isEmpty();
      assertThat(publicSchema.verify(db.dataSource()).failures()).isEmpty();
      assertThat(column(db, "SELECT username FROM public.users")).containsExactly("alice");

      publicSchema.rollbackTo(db.dataSource(), SchemaStep.RECURRING_TEMPLATES.version());
      assertThat(publicSchema.info(db.dataSource()).currentVersion())
          .isEqualTo(SchemaStep.RECURRING_TEMPLATES.version());
      publicSchema.migrate(db.dataSource());
      assertThat(publicSchema.verify(db.dataSource()).failures()).isEmpty();
      assertThat(column(db, "SELECT username FROM public.users")).containsExactly("alice");
    }
  }

  @Test
  void theServicesOwnRowsStayInTheOldHistoryTable() throws SQLException {
    try (TestDatabase db = TestDatabase.empty()) {
      migrateAsReleasesBefore010(db.dataSource());
      SchemaMigrationTest.execute(
          db,
          "INSERT INTO public.flyway_schema_history (installed_rank, version, description, type,"
              + " script, checksum, installed_by, execution_time, success) VALUES (100, '100',"
              + " 'orders', 'SQL', 'V100__orders.sql', 7, current_user, 0, true)");

      TodoSchema.in("public").migrate(db.dataSource());

      assertThat(column(db, "SELECT script FROM public.flyway_schema_history"))
          .containsExactly("V100__orders.sql");
      assertThat(TodoSchema.in("public").info(db.dataSource()).applied())
          .extracting(SchemaInfo.Applied::version)
          .doesNotContain(100)
          .hasSize(SchemaStep.values().length);
    }
  }

  @Test
  void anOldHistoryWithAGapIsNotCarriedOver() throws SQLException {
    try (TestDatabase db = TestDatabase.empty()) {
      migrateAsReleasesBefore010(db.dataSource());
      SchemaMigrationTest.execute(
          db, "DELETE FROM public.flyway_schema_history WHERE version = '3'");

      assertThatThrownBy(() -> TodoSchema.in("public").migrate(db.dataSource()))
          .isInstanceOf(SchemaException.class)
          .hasMessageContaining("does not record todokit's migrations 1, 2, … in order")
          .hasMessageContaining("V4__conversations_and_messages.sql")
          .hasMessageEndingWith("nothing was changed");
      assertThat(tables(db, "public")).doesNotContain("todokit_schema_history");
    }
  }

  @Test
  void aSchemaNameWithCapitalsAndSpacesIsQuotedEverywhere() throws SQLException {
    try (TestDatabase db = TestDatabase.empty()) {
      TodoSchema odd = TodoSchema.in("To Do \"app\"");

      assertThat(odd.migrate(db.dataSource()).currentVersion()).isEqualTo(HEAD);
      assertThat(odd.verify(db.dataSource()).failures()).isEmpty();
      assertThat(odd.rollbackTo(db.dataSource(), 0).currentVersion()).isZero();
      assertThat(tables(db, "To Do \"app\"")).containsExactly("todokit_schema_history");
    }
  }

  @Test
  void schemaNamesAreValidated() {
    assertThat(TodoSchema.in("todokit")).isSameAs(TodoSchema.standard());
    assertThat(TodoSchema.in("public").schemaName()).isEqualTo("public");
    assertThatThrownBy(() -> TodoSchema.in(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("schemaName must not be blank");
    assertThatThrownBy(() -> TodoSchema.in("x".repeat(64)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("schemaName must be at most 63 bytes");
    assertThatThrownBy(() -> TodoSchema.in("pg_todo"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("schemaName must not name a system schema (was pg_todo)");
    assertThatThrownBy(() -> TodoSchema.in("a\0b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("schemaName must not contain NUL");
  }

  /** What releases before 0.1.0 did: todokit's scripts with Flyway's defaults, in public. */
  static void migrateAsReleasesBefore010(DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations(TodoSchema.MIGRATIONS_LOCATION)
        .target(Integer.toString(LAST_OLD_LAYOUT_VERSION))
        .load()
        .migrate();
  }

  private static List<String> tables(TestDatabase db, String schema) throws SQLException {
    return column(
        db,
        "SELECT tablename FROM pg_tables WHERE schemaname = '"
            + schema.replace("'", "''")
            + "' ORDER BY tablename");
  }

  private static List<String> column(TestDatabase db, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection connection = db.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
