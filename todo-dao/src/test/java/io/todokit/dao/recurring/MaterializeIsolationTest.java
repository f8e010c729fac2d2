package io.todokit.dao.recurring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.dao.DaoTestSupport;
import io.todokit.dao.RecurrenceJson;
import io.todokit.dao.tasks.Task;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One template's bad data never blocks the others: each claimed template is made in a savepoint,
 * and a template that cannot be made is stopped with a reason instead of failing every call. The
 * bad templates are written with plain SQL, as the API would refuse them, and are due before the
 * good ones, so that before this isolation they stayed the oldest due and failed every call. A
 * class of its own: materializeDue works across all users, and some tests change constraints.
 */
class MaterializeIsolationTest extends DaoTestSupport {

  private static final Instant NOW = Instant.parse("2026-06-10T12:00:00Z");
  private static final Instant GOOD_START = Instant.parse("2026-06-01T09:00:00Z");
  private static final Instant BAD_START = Instant.parse("2026-05-01T09:00:00Z");
  private static final String DAILY = "{\"frequency\": \"daily\"}";

  private final List<UUID> good = new ArrayList<>();

  /** Three users with one good daily template each, due since June 1st. */
  @BeforeEach
  void goodTemplatesOfThreeUsers() {
    for (int i = 0; i < 3; i++) {
      good.add(
          db.recurring()
              .create(
                  newUser(),
                  NewRecurringTask.of("good " + i, RecurrenceJson.parse(DAILY), GOOD_START))
              .id());
    }
  }

  @AfterEach
  void removeTemplatesAndTasks() {
    sql("DELETE FROM tasks");
    sql("DELETE FROM recurring_tasks");
  }

  /** A template inserted with plain SQL, due (and started) on May 1st, before the good ones. */
  private static UUID badTemplate(String title, String ruleJson, String zone) {
    UUID id = UUID.randomUUID();
    // Zones such as PST pass only the check of a schema before V11: store it as old data would.
    sqlBeforeZoneCheck(
        "recurring_tasks",
        "INSERT INTO recurring_tasks (user_id, id, title, recurrence_rule, time_zone, starts_at,"
            + " next_due_at) VALUES (?, ?, ?, ?::jsonb, ?, ?, ?)",
        newUser(),
        id,
        title,
        ruleJson,
        zone,
        BAD_START,
        BAD_START);
    return id;
  }

  /** The good templates' tasks: today's (June 10th, 09:00 UTC) occurrence, one per template. */
  private void assertTheGoodTemplatesWereMade(MaterializeResult result) {
    assertThat(result.created().stream().filter(task -> good.contains(task.templateId())))
        .extracting(Task::templateId, Task::occurrenceAt)
        .containsExactlyInAnyOrderElementsOf(
            good.stream()
                .map(id -> Tuple.tuple(id, Instant.parse("2026-06-10T09:00:00Z")))
                .toList());
    for (UUID id : good) {
      assertThat(count("SELECT count(*) FROM tasks WHERE template_id = ?", id)).isEqualTo(1);
      assertThat(nextDueAt(id)).isEqualTo(Instant.parse("2026-06-11T09:00:00Z"));
    }
  }

  /** The bad template is inactive, with its reason, and the next call does not claim it again. */
  private static void assertStoppedForGood(UUID bad, String reasonStart) {
    assertThat(text("SELECT is_active::text FROM recurring_tasks WHERE id = ?", bad))
        .isEqualTo("false");
    assertThat(text("SELECT end_reason FROM recurring_tasks WHERE id = ?", bad))
        .startsWith(reasonStart)
        .doesNotContain("\n", "\tat ");
    MaterializeResult again = dbAt(NOW).recurring().materializeDue(10);
    assertThat(again.claimedTemplates()).isZero();
    assertThat(again.failed()).isEmpty();
  }

  private static TemplateFailure failureOf(MaterializeResult result, UUID template) {
    assertThat(result.failed()).extracting(TemplateFailure::templateId).containsExactly(template);
    return result.failed().getFirst();
  }

  // ---- rows Java cannot read ----

  @Test
  void aRuleJavaCannotParseIsStoppedAndTheOthersAreMade() {
    UUID bad = badTemplate("bad rule", "{\"frequency\": \"daily\", \"every\": 2}", "UTC");

    MaterializeResult result = dbAt(NOW).recurring().materializeDue(10);

    assertTheGoodTemplatesWereMade(result);
    TemplateFailure failure = failureOf(result, bad);
    assertThat(failure.userId()).isEqualTo(owner(bad));
    assertThat(failure.deactivated()).isTrue();
    assertThat(failure.reason())
        .startsWith("the template cannot be read: recurrence_rule.every: unknown field");
    assertThat(result.deactivatedTemplateIds()).isEmpty();
    assertThat(result.claimedTemplates()).isEqualTo(4);
    assertThat(count("SELECT count(*) FROM tasks WHERE template_id = ?", bad)).isZero();
    // Stopped, not ended: the next occurrence is kept for when the template is fixed and resumed.
    assertThat(nextDueAt(bad)).isEqualTo(BAD_START);
    assertStoppedForGood(bad, failure.reason());
  }

  @ParameterizedTest
  @ValueSource(strings = {"PST", "XYZ3"})
  void aTimeZoneFromBeforeV11IsLeftOutAndTheOthersAreMade(String zone) {
    // PostgreSQL takes the abbreviation PST and the POSIX zone XYZ3; java.time knows neither, and
    // V11's check (NOT VALID) refuses any UPDATE of such a row, so it could not even be stopped.
    UUID bad = badTemplate("bad zone", DAILY, zone);

    MaterializeResult first = dbAt(NOW).recurring().materializeDue(10);
    MaterializeResult second = dbAt(NOW).recurring().materializeDue(1);

    assertTheGoodTemplatesWereMade(first);
    assertThat(first.failed()).isEmpty();
    assertThat(first.claimedTemplates()).isEqualTo(good.size());
    assertThat(second.claimedTemplates()).as("never claimed, never in the way").isZero();
    assertThat(count("SELECT count(*) FROM recurring_tasks WHERE id = ? AND is_active", bad))
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM tasks WHERE template_id = ?", bad)).isZero();
  }

  @Test
  void aStartOfInfinityIsStoppedAndTheOthersAreMade() {
    // jOOQ's record conversion refused 'infinity' for the whole claim.
    UUID bad = badTemplate("infinite", DAILY, "UTC");
    sql("UPDATE recurring_tasks SET starts_at = '-infinity' WHERE id = ?", bad);

    MaterializeResult result = dbAt(NOW).recurring().materializeDue(10);

    assertTheGoodTemplatesWereMade(result);
    assertThat(failureOf(result, bad).reason())
        .startsWith("the template cannot be read: starts_at: lies outside the years 1 to 9999");
    assertStoppedForGood(bad, "the template cannot be read: starts_at");
  }

  // ---- no storable next occurrence: the series ends ----

  @Test
  void aRuleWhoseNextOccurrenceOverflowsTheRangeEndsItsSeriesAndTheOthersAreMade() {
    // Every 2,000,000,000 days: the occurrence after May 1st is in the year 5,477,840, which
    // PostgreSQL cannot store ("timestamp out of range" failed every call). A version of the
    // calculator or of the JSON mapping that refuses such an interval makes it a failure to read
    // instead; either way the template stops with a reason and blocks no one.
    UUID bad =
        badTemplate("huge interval", "{\"frequency\": \"daily\", \"interval\": 2000000000}", "UTC");

    MaterializeResult result = dbAt(NOW).recurring().materializeDue(10);

    assertTheGoodTemplatesWereMade(result);
    List<UUID> stopped =
        Stream.concat(
                result.deactivatedTemplateIds().stream(),
                result.failed().stream().map(TemplateFailure::templateId))
            .toList();
    assertThat(stopped).containsExactly(bad);
    if (result.deactivatedTemplateIds().contains(bad)) {
      // The series ended after its due occurrence, which was made.
      assertThat(result.created())
          .filteredOn(task -> bad.equals(task.templateId()))
          .extracting(Task::occurrenceAt)
          .containsExactly(BAD_START);
      assertThat(text("SELECT end_reason FROM recurring_tasks WHERE id = ?", bad))
          .isEqualTo(
              "the rule has no occurrence after 2026-05-01T09:00:00Z within the supported range"
                  + " (years 1 to 9999)");
      assertThat(nextDueAt(bad)).isNull();
    }
    assertStoppedForGood(bad, "");
  }

  @Test
  void aSeriesWhoseNextOccurrenceIsAfterTheYear9999EndsWithItsReason() {
    RecurringTask yearly =
        db.recurring()
            .create(
                newUser(),
                NewRecurringTask.of(
                    "last of its kind",
                    RecurrenceJson.parse("{\"frequency\": \"yearly\"}"),
                    Instant.parse("9999-03-01T09:00:00Z")));

    MaterializeResult result =
        dbAt(Instant.parse("9999-06-01T00:00:00Z")).recurring().materializeDue(10);

    assertThat(result.created())
        .filteredOn(task -> yearly.id().equals(task.templateId()))
        .extracting(Task::occurrenceAt)
        .containsExactly(Instant.parse("9999-03-01T09:00:00Z"));
    assertThat(result.deactivatedTemplateIds()).containsExactly(yearly.id());
    assertThat(result.failed()).isEmpty();
    RecurringTask ended = db.recurring().get(yearly.userId(), yearly.id());
    assertThat(ended.ended()).isTrue();
    assertThat(ended.active()).isFalse();
    assertThat(ended.endReason())
        .isEqualTo(
            "the rule has no occurrence after 9999-03-01T09:00:00Z within the supported range"
                + " (years 1 to 9999)");
    // Resuming cannot revive it, and says why again.
    assertThat(
            dbAt(Instant.parse("9999-06-01T00:00:00Z"))
                .recurring()
                .resume(yearly.userId(), yearly.id())
                .endReason())
        .isEqualTo(
            "the rule has no occurrence after 9999-06-01T00:00:00Z within the supported range"
                + " (years 1 to 9999)");
  }

  // ---- tasks the database refuses ----

  @Test
  void aTemplateWhoseTaskTheDatabaseRefusesIsRolledBackStoppedAndTheOthersAreMade() {
    // A 300-character title: the template's own check was dropped while it was written (as an
    // operator might), and tasks_title_length refuses its task.
    sql("ALTER TABLE recurring_tasks DROP CONSTRAINT recurring_tasks_title_length");
    UUID bad;
    MaterializeResult result;
    try {
      bad = badTemplate("x".repeat(300), DAILY, "UTC");
      result = dbAt(NOW).recurring().materializeDue(10);
    } finally {
      sql(
          "ALTER TABLE recurring_tasks ADD CONSTRAINT recurring_tasks_title_length"
              + " CHECK (btrim(title) <> '' AND char_length(title) <= 255) NOT VALID");
    }

    assertTheGoodTemplatesWereMade(result);
    TemplateFailure failure = failureOf(result, bad);
    assertThat(failure.reason())
        .isEqualTo(
            "materializing it failed: new row for relation \"tasks\" violates check constraint"
                + " \"tasks_title_length\" (SQLState 23514)");
    assertThat(failure.deactivated()).isTrue();
    assertThat(count("SELECT count(*) FROM tasks WHERE template_id = ?", bad)).isZero();
    assertStoppedForGood(bad, failure.reason());
  }

  @Test
  void aTemplateOfAMissingOwnerIsStoppedAndTheOthersAreMade() {
    // Written with the foreign-key triggers disabled: its owner does not exist, so the task's
    // tasks_user_fkey refuses it (the template's own row can still be updated).
    UUID bad = UUID.randomUUID();
    sql("ALTER TABLE recurring_tasks DISABLE TRIGGER ALL");
    try {
      sql(
          "INSERT INTO recurring_tasks (user_id, id, title, recurrence_rule, starts_at, next_due_at)"
              + " VALUES (?, ?, 'orphan', ?::jsonb, ?, ?)",
          UUID.randomUUID(),
          bad,
          DAILY,
          BAD_START,
          BAD_START);
    } finally {
      sql("ALTER TABLE recurring_tasks ENABLE TRIGGER ALL");
    }

    MaterializeResult result = dbAt(NOW).recurring().materializeDue(10);

    assertTheGoodTemplatesWereMade(result);
    TemplateFailure failure = failureOf(result, bad);
    assertThat(failure.reason())
        .startsWith(
            "materializing it failed: insert or update on table \"tasks\" violates foreign key")
        .endsWith("(SQLState 23503)");
    assertStoppedForGood(bad, failure.reason());
  }

  @Test
  void aTemplateThatCannotEvenBeDeactivatedIsReportedEachTimeAndBlocksNoOne() {
    // The title check is back (NOT VALID) before the worker runs: the UPDATE that would stop the
    // template is refused as well. It stays due and is reported by every call.
    sql("ALTER TABLE recurring_tasks DROP CONSTRAINT recurring_tasks_title_length");
    UUID bad = badTemplate("x".repeat(300), DAILY, "UTC");
    sql(
        "ALTER TABLE recurring_tasks ADD CONSTRAINT recurring_tasks_title_length"
            + " CHECK (btrim(title) <> '' AND char_length(title) <= 255) NOT VALID");

    MaterializeResult result = dbAt(NOW).recurring().materializeDue(10);

    assertTheGoodTemplatesWereMade(result);
    TemplateFailure failure = failureOf(result, bad);
    assertThat(failure.deactivated()).isFalse();
    assertThat(failure.reason())
        .startsWith("materializing it failed: new row for relation \"tasks\" violates")
        .contains(
            "; it cannot be deactivated either: new row for relation \"recurring_tasks\" violates"
                + " check constraint \"recurring_tasks_title_length\"");
    assertThat(text("SELECT is_active::text FROM recurring_tasks WHERE id = ?", bad))
        .isEqualTo("true");
    MaterializeResult again = dbAt(NOW).recurring().materializeDue(10);
    assertThat(again.claimedTemplates()).isEqualTo(1);
    assertThat(again.failed()).extracting(TemplateFailure::templateId).containsExactly(bad);
    assertThat(again.created()).isEmpty();
    sql("DELETE FROM recurring_tasks WHERE id = ?", bad);
  }

  // ---- the limit, and what is not the template's fault ----

  @Test
  void withALimitOfOneTheBadTemplateTakesOneCallAndTheNextCallMovesOn() {
    UUID bad = badTemplate("bad rule", "{\"frequency\": \"daily\", \"every\": 2}", "UTC");

    MaterializeResult first = dbAt(NOW).recurring().materializeDue(1);
    MaterializeResult second = dbAt(NOW).recurring().materializeDue(1);

    assertThat(first.failed()).extracting(TemplateFailure::templateId).containsExactly(bad);
    assertThat(first.claimedTemplates()).isEqualTo(1);
    assertThat(first.moreMayBeDue()).isTrue();
    assertThat(second.failed()).isEmpty();
    assertThat(second.created()).extracting(Task::templateId).containsAnyElementsOf(good);
  }

  @ParameterizedTest
  @ValueSource(strings = {"40001", "40P01", "57014", "55P03", "53200"})
  void infrastructureErrorsAbortTheWholeCallAndStopNothing(String sqlState) {
    // A trigger raises the error for the last template's task; the first ones were made in
    // their savepoints by then, and must be rolled back with everything else.
    sql(
        "CREATE FUNCTION test_transient() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + " IF NEW.title = 'transient' THEN RAISE EXCEPTION 'simulated' USING ERRCODE = '"
            + sqlState
            + "'; END IF; RETURN NEW; END $$");
    sql(
        "CREATE TRIGGER test_transient BEFORE INSERT ON tasks"
            + " FOR EACH ROW EXECUTE FUNCTION test_transient()");
    try {
      db.recurring()
          .create(
              newUser(),
              NewRecurringTask.of(
                  "transient", RecurrenceJson.parse(DAILY), GOOD_START.plusSeconds(60)));

      for (Runnable call :
          List.<Runnable>of(
              () -> dbAt(NOW).recurring().materializeDue(10),
              () -> dbAt(NOW).transaction(tx -> tx.recurring().materializeDue(10)))) {
        assertThatThrownBy(call::run)
            .satisfies(error -> assertThat(sqlState(error)).isEqualTo(sqlState));
        assertThat(rows("tasks")).isZero();
        assertThat(count("SELECT count(*) FROM recurring_tasks WHERE NOT is_active")).isZero();
        assertThat(count("SELECT count(*) FROM recurring_tasks WHERE end_reason IS NOT NULL"))
            .isZero();
        assertThat(count("SELECT count(*) FROM recurring_tasks WHERE next_due_at <> starts_at"))
            .isZero();
      }
    } finally {
      sql("DROP TRIGGER test_transient ON tasks");
      sql("DROP FUNCTION test_transient()");
    }
  }

  // ---- resume ----

  @Test
  void resumingAFixedTemplateClearsItsReasonAndSkipsWhatPassed() {
    UUID bad = badTemplate("bad rule", "{\"frequency\": \"daily\", \"every\": 2}", "UTC");
    dbAt(NOW).recurring().materializeDue(10);
    sql("UPDATE recurring_tasks SET recurrence_rule = ?::jsonb WHERE id = ?", DAILY, bad);
    UUID owner = owner(bad);
    RecurringTask stopped = db.recurring().get(owner, bad);
    assertThat(stopped.paused()).isTrue();
    assertThat(stopped.endReason()).startsWith("the template cannot be read");

    RecurringTask resumed = dbAt(NOW).recurring().resume(owner, bad);

    assertThat(resumed.active()).isTrue();
    assertThat(resumed.endReason()).isNull();
    assertThat(resumed.nextDueAt()).isEqualTo(Instant.parse("2026-06-11T09:00:00Z"));
    assertThat(db.recurring().list(owner)).extracting(RecurringTask::endReason).containsOnlyNulls();
  }

  private static UUID owner(UUID template) {
    return UUID.fromString(
        text("SELECT user_id::text FROM recurring_tasks WHERE id = ?", template));
  }

  private static Instant nextDueAt(UUID template) {
    return instantOf("SELECT next_due_at FROM recurring_tasks WHERE id = ?", template);
  }

  private static String text(String sql, Object parameter) {
    try (Connection connection = sqlSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, parameter);
      try (ResultSet rows = statement.executeQuery()) {
        assertThat(rows.next()).as("a row for %s", sql).isTrue();
        return rows.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sqlState(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        return sql.getSQLState();
      }
    }
    return "none in " + error;
  }
}
