package io.todokit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The JUnit extension. Uses a real server: the shared one. */
@TodoDatabaseTest(todokit = false, locations = "classpath:db/testmigration")
class TodoDatabaseExtensionTest {

  private static String beforeAllDatabase = "";

  private final TestDatabase constructorDatabase;

  TodoDatabaseExtensionTest(TestDatabase database) {
    this.constructorDatabase = database;
  }

  @BeforeAll
  static void rememberDatabase(DataSource dataSource) throws SQLException {
    beforeAllDatabase = Sql.column(dataSource, "SELECT current_database()").get(0);
  }

  @BeforeEach
  void sameDatabaseBeforeEach(TestDatabase database) {
    assertThat(database).isSameAs(constructorDatabase);
  }

  @Test
  void injectsOneMigratedDatabaseEverywhere(TestDatabase database, DataSource dataSource)
      throws SQLException {
    assertThat(database).isSameAs(constructorDatabase);
    assertThat(database.name()).isEqualTo(beforeAllDatabase);
    assertThat(Sql.column(dataSource, "SELECT current_database()"))
        .containsExactly(database.name());
    assertThat(Sql.column(dataSource, "SELECT name FROM widget")).containsExactly("sprocket");
  }

  @Nested
  class NestedClass {
    @Test
    void sharesTheOuterClassDatabase(TestDatabase database) {
      assertThat(database.name()).isEqualTo(beforeAllDatabase);
    }
  }

  @Test
  void emptyDatabaseIsDroppedAfterAll() throws SQLException {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(EmptyDatabaseCase.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.started(1).succeeded(1));

    assertThat(EmptyDatabaseCase.seen).startsWith("todokit_test_");
    assertThat(Sql.databaseExists(PostgresProvisioner.shared(), EmptyDatabaseCase.seen)).isFalse();
  }

  @Test
  void perClassLifecycleGetsTheDatabaseInItsConstructor() {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(PerClassCase.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void plainExtendWithUsesTheDefaultLocation() {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(DefaultLocationCase.class))
        .execute()
        .containerEvents()
        .assertThatEvents()
        .haveExactly(1, finishedWithFailure(message(text -> text.contains("todo-schema"))));
  }

  @Test
  void withoutTodokitsMigrationsLocationsAreNeeded() {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(NoMigrationsCase.class))
        .execute()
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            finishedWithFailure(
                message(
                    text ->
                        text.equals(
                            "@TodoDatabaseTest(todokit = false) on "
                                + NoMigrationsCase.class.getName()
                                + " needs locations: the service's migrations to apply"))));
  }

  /** Run by {@link #withoutTodokitsMigrationsLocationsAreNeeded()} only. */
  @TodoDatabaseTest(todokit = false)
  static class NoMigrationsCase {
    @Test
    void neverRuns(TestDatabase database) {
      assertThat(database).isNotNull();
    }
  }

  /** Run by {@link #emptyDatabaseIsDroppedAfterAll()} only. */
  @TodoDatabaseTest(migrated = false)
  static class EmptyDatabaseCase {
    static String seen = "";

    @Test
    void isEmpty(TestDatabase database) throws SQLException {
      seen = database.name();
      assertThat(Sql.userTables(database.dataSource())).isEmpty();
    }
  }

  /** Run by {@link #perClassLifecycleGetsTheDatabaseInItsConstructor()} only. */
  @TodoDatabaseTest(todokit = false, locations = "classpath:db/testmigration")
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  static class PerClassCase {
    private final DataSource dataSource;

    PerClassCase(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    @Test
    void hasTheTable() throws SQLException {
      assertThat(Sql.column(dataSource, "SELECT count(*) FROM widget")).containsExactly("1");
    }
  }

  /** Run by {@link #plainExtendWithUsesTheDefaultLocation()} only. */
  @ExtendWith(TodoDatabaseExtension.class)
  static class DefaultLocationCase {
    @Test
    void neverRuns(TestDatabase database) {
      assertThat(database).isNotNull();
    }
  }
}
