package io.todokit.examples.quickstart.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.TodoDb;
import io.todokit.dao.recurring.RecurringTaskPatch;
import io.todokit.dao.reminders.ReminderClaim;
import io.todokit.dao.tasks.TaskPatch;
import io.todokit.dao.tasks.TaskStatus;
import io.todokit.dao.users.NewUser;
import io.todokit.schema.SchemaStep;
import io.todokit.schema.TodoSchema;
import io.todokit.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Runs {@code Demo08Setup} and {@code Demo09Conventions}, each on a database of its own. */
class SetupAndConventionsDemosTest {

  /** Monday 2 March 2026, 09:00 in Berlin. */
  private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");

  @Test
  void setupMigratesAnEmptyDatabaseAndTheTodoDbWorksOnIt() {
    try (TestDatabase database = TestDatabase.empty()) {
      TodoDb db = Demo08Setup.migrateAndConnect(database.dataSource());

      UUID user = db.users().create(NewUser.of("setup", "setup@example.org", "hash")).id();
      assertThat(db.users().get(user).username()).isEqualTo("setup");
      assertThat(TodoSchema.standard().info(database.dataSource()).upToDate()).isTrue();
    }
  }

  @Test
  void schemaOperationsMigrateVerifyRollBackAndUseAnotherSchema() {
    try (TestDatabase database = TestDatabase.empty()) {
      byte[] key = "a key of at least sixteen bytes".getBytes(StandardCharsets.UTF_8);

      Demo08Setup.Result result = Demo08Setup.schemaOperations(database.dataSource(), key);

      assertThat(result.info().upToDate()).isTrue();
      assertThat(result.info().currentVersion()).isEqualTo(TodoSchema.latestVersion());
      assertThat(result.report().passed()).isTrue();
      assertThat(result.publicSchemaInfo().upToDate()).isTrue();
      assertThat(TodoSchema.standard().info(database.dataSource()).upToDate()).isTrue();
      assertThat(SchemaStep.CONVERSATIONS_AND_MESSAGES.version()).isLessThan(13);
      UUID user = result.db().users().create(NewUser.of("keyed", "k@example.org", "hash")).id();
      assertThat(result.db().users().get(user).email()).isEqualTo("k@example.org");
    }
  }

  @Test
  void conventionsSamplesBehaveAsTheDocsSay() {
    try (TestDatabase database = TestDatabase.migrated()) {
      TodoDb db = TodoDb.create(database.dataSource()).withClock(Clock.fixed(NOW, ZoneOffset.UTC));
      UUID user =
          db.users()
              .create(
                  NewUser.of("conventions", "c@example.org", "hash")
                      .withTimeZone(ZoneId.of("Europe/Berlin")))
              .id();
      Clock workerClock = Clock.fixed(NOW.plusSeconds(3_600), ZoneOffset.UTC);

      Demo09Conventions.Result result = Demo09Conventions.run(db, user, NOW, workerClock);

      assertThat(result.fetched().title()).isEqualTo("Call back");
      assertThat(result.refusedFields()).containsExactly("time_zone", "tool_calls[0].arguments");
      assertThat(result.renamed().version()).isEqualTo(2);
      assertThat(result.pagedTitles())
          .hasSize(6)
          .contains("Call Anna", "Errand 1", "Errand 5") // open tasks only
          .doesNotHaveDuplicates();
      assertThat(result.fetched().status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(result.overdue()).isEmpty(); // its only overdue task was completed
      assertThat(result.dueTodayThen()).isEmpty();
      assertThat(result.claimed()).extracting(ReminderClaim::title).containsExactly("Call Anna");
      assertThat(result.materialized().created()).isEmpty();
      assertThat(result.patches().get(0)).isInstanceOf(RecurringTaskPatch.class);
      assertThat(((TaskPatch) result.patches().get(1)).isEmpty()).isFalse();
    }
  }
}
