package io.todokit.dao.recurring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.dao.DaoTestSupport;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.RecurrenceJson;
import io.todokit.dao.TodoDb;
import io.todokit.dao.ValidationException;
import io.todokit.dao.tasks.Priority;
import io.todokit.dao.tasks.Task;
import io.todokit.dao.tasks.TaskStatus;
import io.todokit.recurrence.RecurrenceSpec;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecurringTaskDaoTest extends DaoTestSupport {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final RecurrenceSpec DAILY = rule("{\"frequency\": \"daily\"}");

  /** materializeDue is cross-user: every test starts without templates of other tests. */
  @AfterEach
  void removeTemplatesAndTasks() {
    sql("DELETE FROM tasks");
    sql("DELETE FROM recurring_tasks");
  }

  private static RecurrenceSpec rule(String json) {
    return RecurrenceJson.parse(json);
  }

  private static RecurringTaskDao recurringAt(String now) {
    return dbAt(Instant.parse(now)).recurring();
  }

  // ---- create ----

  @Test
  void createStoresTheTemplateWithItsFirstOccurrenceAndTheDefaults() {
    UUID user = newUser("Europe/Berlin");
    Instant now = Instant.parse("2026-03-01T08:00:00Z");
    RecurringTask template =
        dbAt(now)
            .recurring()
            .create(
                user,
                NewRecurringTask.of(
                        "  Water the plants ", DAILY, LocalDateTime.parse("2026-03-02T09:00"))
                    .withDescription("ficus; -- and /* cactus */ 🌵"));

    assertThat(template.userId()).isEqualTo(user);
    assertThat(template.title()).isEqualTo("Water the plants");
    assertThat(template.description()).isEqualTo("ficus; -- and /* cactus */ 🌵");
    assertThat(template.priority()).isEqualTo(Priority.MEDIUM);
    assertThat(template.timeZone()).isEqualTo(BERLIN);
    assertThat(template.startsAt()).isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
    assertThat(template.nextDueAt()).isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
    assertThat(template.missedPolicy()).isEqualTo(MissedPolicy.LATEST);
    assertThat(template.active()).isTrue();
    assertThat(template.ended()).isFalse();
    assertThat(template.createdAt()).isEqualTo(now);
    assertThat(template.updatedAt()).isEqualTo(now);
    assertThat(template.endReason()).isNull();
    assertThat(template.recurrence()).isEqualTo(DAILY);
    assertThat(db.recurring().get(user, template.id())).isEqualTo(template);
    assertThat(
            count(
                "SELECT count(*) FROM recurring_tasks WHERE recurrence_rule ->> 'frequency' = 'daily' AND id = ?",
                template.id()))
        .isEqualTo(1);
  }

  @Test
  void aStartThatDoesNotMatchTheRuleIsNotAnOccurrence() {
    UUID user = newUser();
    // 2026-03-04 is a Wednesday; the rule wants Mondays and Fridays.
    RecurringTask template =
        db.recurring()
            .create(
                user,
                NewRecurringTask.of(
                        "Gym",
                        rule("{\"frequency\": \"weekly\", \"days\": [\"monday\", \"friday\"]}"),
                        Instant.parse("2026-03-04T18:30:00Z"))
                    .withPriority(Priority.HIGH)
                    .withTimeZone(ZoneId.of("UTC"))
                    .withMissedPolicy(MissedPolicy.ALL));
    assertThat(template.startsAt()).isEqualTo(Instant.parse("2026-03-04T18:30:00Z"));
    assertThat(template.nextDueAt()).isEqualTo(Instant.parse("2026-03-06T18:30:00Z"));
    assertThat(template.priority()).isEqualTo(Priority.HIGH);
    assertThat(template.missedPolicy()).isEqualTo(MissedPolicy.ALL);
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndNothingIsWritten() {
    UUID user = newUser();
    Instant start = Instant.parse("2026-03-02T09:00:00Z");
    long before = rows("recurring_tasks");
    assertValidation(
        () -> db.recurring().create(user, NewRecurringTask.of("  ", DAILY, start)), "title");
    assertValidation(
        () -> db.recurring().create(user, NewRecurringTask.of("a".repeat(256), DAILY, start)),
        "title");
    assertValidation(
        () -> db.recurring().create(user, NewRecurringTask.of("a\0", DAILY, start)), "title");
    assertValidation(
        () ->
            db.recurring()
                .create(
                    user,
                    NewRecurringTask.of("a", DAILY, start).withDescription("d".repeat(10_001))),
        "description");
    assertValidation(
        () -> db.recurring().create(user, NewRecurringTask.of("a", null, start)),
        "recurrence_rule");
    assertValidation(
        () ->
            db.recurring()
                .create(
                    user,
                    NewRecurringTask.of(
                        "a",
                        rule("{\"frequency\": \"daily\", \"mode\": \"after_completion\"}"),
                        start)),
        "recurrence_rule.mode");
    assertValidation(
        () ->
            db.recurring()
                .create(
                    user,
                    NewRecurringTask.of(
                        "a",
                        rule("{\"frequency\": \"daily\", \"end_date\": \"2026-03-01\"}"),
                        start)),
        "recurrence_rule");
    assertValidation(
        () ->
            db.recurring()
                .create(
                    user, NewRecurringTask.of("a", DAILY, start).withTimeZone(ZoneId.of("+02:00"))),
        "time_zone");
    assertValidation(
        () ->
            db.recurring()
                .create(
                    user, NewRecurringTask.of("a", DAILY, start).withTimeZone(ZoneId.of("GMT"))),
        "time_zone");
    assertValidation(
        () ->
            db.recurring()
                .create(
                    user,
                    NewRecurringTask.of("a", DAILY, start).withTimeZone(java.time.ZoneOffset.UTC)),
        "time_zone");
    assertValidation(
        () ->
            db.recurring()
                .create(
                    user,
                    new NewRecurringTask(
                        "a",
                        null,
                        Priority.MEDIUM,
                        DAILY,
                        null,
                        null,
                        null,
                        MissedPolicy.LATEST,
                        List.of())),
        "starts_at");
    assertValidation(
        () ->
            db.recurring()
                .create(
                    user,
                    new NewRecurringTask(
                        "a",
                        null,
                        Priority.MEDIUM,
                        DAILY,
                        null,
                        start,
                        LocalDateTime.now(),
                        MissedPolicy.LATEST,
                        List.of())),
        "starts_at");
    // Rules in the JSON shape are validated when parsed, naming the part.
    assertValidation(() -> rule("{\"frequency\": \"hourly\"}"), "recurrence_rule.frequency");
    assertValidation(
        () -> rule("{\"frequency\": \"daily\", \"interval\": 0}"), "recurrence_rule.interval");
    assertThat(rows("recurring_tasks")).isEqualTo(before);
  }

  @Test
  void createForAMissingUserIsNotFound() {
    assertThatThrownBy(
            () ->
                db.recurring()
                    .create(UUID.randomUUID(), NewRecurringTask.of("a", DAILY, Instant.now())))
        .isInstanceOfSatisfying(
            NotFoundException.class, e -> assertThat(e.entity()).isEqualTo("user"));
    assertThatThrownBy(
            () ->
                db.recurring()
                    .create(
                        UUID.randomUUID(),
                        NewRecurringTask.of("a", DAILY, Instant.now())
                            .withTimeZone(ZoneId.of("UTC"))))
        .isInstanceOfSatisfying(
            NotFoundException.class, e -> assertThat(e.entity()).isEqualTo("user"));
  }

  // ---- materializeDue: zones, DST, month ends ----

  @Test
  void berlinNineOClockStaysNineOClockAcrossTheMarchChange() {
    UUID user = newUser("Europe/Berlin");
    RecurringTask template =
        db.recurring()
            .create(
                user,
                NewRecurringTask.of("Stand-up", DAILY, LocalDateTime.parse("2026-03-27T09:00"))
                    .withMissedPolicy(MissedPolicy.ALL));
    MaterializeResult result =
        dbAt(Instant.parse("2026-03-31T12:00:00Z")).recurring().materializeDue(100);

    List<Task> created = result.created();
    assertThat(created)
        .extracting(Task::dueAt)
        .containsExactly(
            Instant.parse("2026-03-27T08:00:00Z"),
            Instant.parse("2026-03-28T08:00:00Z"),
            Instant.parse("2026-03-29T07:00:00Z"),
            Instant.parse("2026-03-30T07:00:00Z"),
            Instant.parse("2026-03-31T07:00:00Z"));
    assertThat(created)
        .allSatisfy(
            t -> assertThat(t.dueAt().atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(9, 0)));
    assertThat(db.recurring().get(user, template.id()).nextDueAt())
        .isEqualTo(Instant.parse("2026-04-01T07:00:00Z"));
  }

  @Test
  void weeklyInNewYorkFollowsTheLocalClockAcrossItsChange() {
    UUID user = newUser();
    ZoneId newYork = ZoneId.of("America/New_York");
    db.recurring()
        .create(
            user,
            NewRecurringTask.of(
                    "Review",
                    rule("{\"frequency\": \"weekly\", \"days\": [\"tuesday\"]}"),
                    LocalDateTime.parse("2026-02-24T17:00"))
                .withTimeZone(ZoneId.of("America/New_York"))
                .withMissedPolicy(MissedPolicy.ALL));
    List<Task> created =
        dbAt(Instant.parse("2026-03-25T00:00:00Z")).recurring().materializeDue(100).created();
    List<Instant> expected = new ArrayList<>();
    for (LocalDate date = LocalDate.parse("2026-02-24");
        !date.isAfter(LocalDate.parse("2026-03-24"));
        date = date.plusWeeks(1)) {
      expected.add(ZonedDateTime.of(date, LocalTime.of(17, 0), newYork).toInstant());
    }
    assertThat(created).extracting(Task::dueAt).containsExactlyElementsOf(expected);
    assertThat(expected.get(1)).isEqualTo(Instant.parse("2026-03-03T22:00:00Z"));
    assertThat(expected.get(3)).isEqualTo(Instant.parse("2026-03-17T21:00:00Z"));
  }

  @Test
  void monthlyOnThe31stFallsOnTheLastDayOfShorterMonths() {
    UUID user = newUser();
    ZoneId tokyo = ZoneId.of("Asia/Tokyo");
    db.recurring()
        .create(
            user,
            NewRecurringTask.of(
                    "Invoice",
                    rule("{\"frequency\": \"monthly\"}"),
                    LocalDateTime.parse("2026-01-31T10:00"))
                .withTimeZone(ZoneId.of("Asia/Tokyo"))
                .withMissedPolicy(MissedPolicy.ALL));
    List<Task> created =
        dbAt(Instant.parse("2026-05-01T00:00:00Z")).recurring().materializeDue(100).created();
    assertThat(created)
        .extracting(t -> t.dueAt().atZone(tokyo).toLocalDateTime())
        .containsExactly(
            LocalDateTime.parse("2026-01-31T10:00"),
            LocalDateTime.parse("2026-02-28T10:00"),
            LocalDateTime.parse("2026-03-31T10:00"),
            LocalDateTime.parse("2026-04-30T10:00"));
  }

  @Test
  void tasksTakeTheTemplatesValuesAndRecordTheirOccurrence() {
    UUID user = newUser();
    RecurringTask template =
        db.recurring()
            .create(
                user,
                NewRecurringTask.of(
                        "Pay rent",
                        rule("{\"frequency\": \"monthly\", \"month_day\": 1}"),
                        Instant.parse("2026-01-01T09:00:00Z"))
                    .withDescription("to the landlord")
                    .withPriority(Priority.URGENT));
    Instant now = Instant.parse("2026-01-01T09:00:00Z");
    // The clock is 5 s past the occurrence: the task is due at the occurrence, made at the clock.
    MaterializeResult result =
        dbAt(Instant.parse("2026-01-01T09:00:05Z")).recurring().materializeDue(10);
    assertThat(result.created()).hasSize(1);
    Task task = result.created().get(0);
    assertThat(task.userId()).isEqualTo(user);
    assertThat(task.title()).isEqualTo("Pay rent");
    assertThat(task.description()).isEqualTo("to the landlord");
    assertThat(task.priority()).isEqualTo(Priority.URGENT);
    assertThat(task.status()).isEqualTo(TaskStatus.PENDING);
    assertThat(task.dueAt()).isEqualTo(now);
    assertThat(task.occurrenceAt()).isEqualTo(now);
    assertThat(task.templateId()).isEqualTo(template.id());
    assertThat(task.recurrence()).isNull();
    assertThat(task.createdAt()).isEqualTo(Instant.parse("2026-01-01T09:00:05Z"));
    assertThat(result.claimedTemplates()).isEqualTo(1);
    assertThat(result.deactivatedTemplateIds()).isEmpty();
    assertThat(result.backloggedTemplateIds()).isEmpty();
    assertThat(db.recurring().get(user, template.id()).nextDueAt())
        .isEqualTo(Instant.parse("2026-02-01T09:00:00Z"));
  }

  // ---- materializeDue: missed policies, ends, idempotency ----

  @Test
  void afterATenDayOutageLatestCreatesOneAndAllCreatesEvery() {
    UUID user = newUser();
    Instant start = Instant.parse("2026-06-01T09:00:00Z");
    RecurringTask latest = db.recurring().create(user, NewRecurringTask.of("latest", DAILY, start));
    RecurringTask all =
        db.recurring()
            .create(
                user, NewRecurringTask.of("all", DAILY, start).withMissedPolicy(MissedPolicy.ALL));
    Instant now = Instant.parse("2026-06-11T10:00:00Z");

    MaterializeResult result = dbAt(now).recurring().materializeDue(10);

    assertThat(result.claimedTemplates()).isEqualTo(2);
    assertThat(result.created().stream().filter(t -> t.templateId().equals(latest.id())))
        .extracting(Task::occurrenceAt)
        .containsExactly(Instant.parse("2026-06-11T09:00:00Z"));
    List<Instant> expected = new ArrayList<>();
    for (int day = 1; day <= 11; day++) {
      expected.add(Instant.parse("2026-06-01T09:00:00Z").plusSeconds(86_400L * (day - 1)));
    }
    assertThat(result.created().stream().filter(t -> t.templateId().equals(all.id())))
        .extracting(Task::occurrenceAt)
        .containsExactlyElementsOf(expected);
    assertThat(db.recurring().get(user, latest.id()).nextDueAt())
        .isEqualTo(Instant.parse("2026-06-12T09:00:00Z"));
    assertThat(db.recurring().get(user, all.id()).nextDueAt())
        .isEqualTo(Instant.parse("2026-06-12T09:00:00Z"));
    assertThat(count("SELECT count(*) FROM tasks WHERE user_id = ?", user)).isEqualTo(12);
  }

  @Test
  void theCallsPolicyOverridesTheTemplates() {
    UUID user = newUser();
    RecurringTask template =
        db.recurring()
            .create(
                user,
                NewRecurringTask.of("all", DAILY, Instant.parse("2026-06-01T09:00:00Z"))
                    .withMissedPolicy(MissedPolicy.ALL));
    MaterializeResult result =
        dbAt(Instant.parse("2026-06-11T10:00:00Z"))
            .recurring()
            .materializeDue(10, MissedPolicy.LATEST);
    assertThat(result.created())
        .extracting(Task::occurrenceAt)
        .containsExactly(Instant.parse("2026-06-11T09:00:00Z"));
    assertThat(db.recurring().get(user, template.id()).missedPolicy()).isEqualTo(MissedPolicy.ALL);
  }

  @Test
  void latestJumpsOverDecadesWithoutWalking() {
    UUID user = newUser();
    db.recurring()
        .create(user, NewRecurringTask.of("old", DAILY, Instant.parse("1901-01-01T06:00:00Z")));
    long started = System.nanoTime();
    MaterializeResult result =
        dbAt(Instant.parse("2026-06-11T10:00:00Z")).recurring().materializeDue(10);
    assertThat(result.created())
        .extracting(Task::occurrenceAt)
        .containsExactly(Instant.parse("2026-06-11T06:00:00Z"));
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
  }

  @Test
  void countAndEndDateEndTheTemplate() {
    UUID user = newUser();
    Instant start = Instant.parse("2026-06-01T09:00:00Z");
    RecurringTask counted =
        db.recurring()
            .create(
                user,
                NewRecurringTask.of("3x", rule("{\"frequency\": \"daily\", \"count\": 3}"), start)
                    .withMissedPolicy(MissedPolicy.ALL));
    RecurringTask countedLatest =
        db.recurring()
            .create(
                user,
                NewRecurringTask.of(
                    "3x latest",
                    rule("{\"frequency\": \"daily\", \"interval\": 2, \"count\": 3}"),
                    start));
    RecurringTask until =
        db.recurring()
            .create(
                user,
                NewRecurringTask.of(
                        "until",
                        rule("{\"frequency\": \"weekly\", \"end_date\": \"2026-06-15\"}"),
                        start)
                    .withMissedPolicy(MissedPolicy.ALL));

    MaterializeResult result =
        dbAt(Instant.parse("2026-07-01T00:00:00Z")).recurring().materializeDue(10);

    assertThat(result.created().stream().filter(t -> t.templateId().equals(counted.id())))
        .extracting(Task::occurrenceAt)
        .containsExactly(start, start.plusSeconds(86_400), start.plusSeconds(2 * 86_400));
    // COUNT counts from DTSTART: the third occurrence of every other day is June 5th.
    assertThat(result.created().stream().filter(t -> t.templateId().equals(countedLatest.id())))
        .extracting(Task::occurrenceAt)
        .containsExactly(Instant.parse("2026-06-05T09:00:00Z"));
    assertThat(result.created().stream().filter(t -> t.templateId().equals(until.id())))
        .extracting(Task::occurrenceAt)
        .containsExactly(
            start, Instant.parse("2026-06-08T09:00:00Z"), Instant.parse("2026-06-15T09:00:00Z"));
    assertThat(result.deactivatedTemplateIds())
        .containsExactlyInAnyOrder(counted.id(), countedLatest.id(), until.id());
    for (RecurringTask template : List.of(counted, countedLatest, until)) {
      RecurringTask ended = db.recurring().get(user, template.id());
      assertThat(ended.ended()).isTrue();
      assertThat(ended.active()).isFalse();
      assertThat(ended.nextDueAt()).isNull();
      assertThat(ended.endReason()).isEqualTo("the rule ended");
    }
    assertThat(
            dbAt(Instant.parse("2030-01-01T00:00:00Z"))
                .recurring()
                .materializeDue(10)
                .claimedTemplates())
        .isZero();
  }

  @Test
  void aTemplateEndsAsSoonAsItsLastOccurrenceIsMade() {
    UUID user = newUser();
    RecurringTask template =
        db.recurring()
            .create(
                user,
                NewRecurringTask.of(
                    "once",
                    rule("{\"frequency\": \"yearly\", \"count\": 1}"),
                    Instant.parse("2026-06-01T09:00:00Z")));
    MaterializeResult result =
        dbAt(Instant.parse("2026-06-01T09:00:00Z")).recurring().materializeDue(10);
    assertThat(result.created()).hasSize(1);
    assertThat(result.deactivatedTemplateIds()).containsExactly(template.id());
  }

  @Test
  void aSecondRunCreatesNothing() {
    UUID user = newUser();
    db.recurring()
        .create(
            user,
            NewRecurringTask.of("a", DAILY, Instant.parse("2026-06-01T09:00:00Z"))
                .withMissedPolicy(MissedPolicy.ALL));
    Instant now = Instant.parse("2026-06-05T10:00:00Z");
    assertThat(dbAt(now).recurring().materializeDue(10).created()).hasSize(5);
    MaterializeResult second = dbAt(now).recurring().materializeDue(10);
    assertThat(second.created()).isEmpty();
    assertThat(second.claimedTemplates()).isZero();
    assertThat(count("SELECT count(*) FROM tasks WHERE user_id = ?", user)).isEqualTo(5);
  }

  @Test
  void theUniqueKeyPreventsDuplicatesEvenIfATemplateIsRewound() {
    UUID user = newUser();
    RecurringTask template =
        db.recurring()
            .create(
                user,
                NewRecurringTask.of("a", DAILY, Instant.parse("2026-06-01T09:00:00Z"))
                    .withMissedPolicy(MissedPolicy.ALL));
    Instant now = Instant.parse("2026-06-03T10:00:00Z");
    assertThat(dbAt(now).recurring().materializeDue(10).created()).hasSize(3);
    sql("UPDATE recurring_tasks SET next_due_at = starts_at WHERE id = ?", template.id());
    MaterializeResult again = dbAt(now).recurring().materializeDue(10);
    assertThat(again.claimedTemplates()).isEqualTo(1);
    assertThat(again.created()).isEmpty();
    assertThat(count("SELECT count(*) FROM tasks WHERE template_id = ?", template.id()))
        .isEqualTo(3);
    assertThat(db.recurring().get(user, template.id()).nextDueAt())
        .isEqualTo(Instant.parse("2026-06-04T09:00:00Z"));
  }

  @Test
  void aLongBacklogIsCreatedInBoundedStepsAndReported() {
    UUID user = newUser();
    Instant start = Instant.parse("2020-01-01T09:00:00Z");
    RecurringTask template =
        db.recurring()
            .create(
                user, NewRecurringTask.of("a", DAILY, start).withMissedPolicy(MissedPolicy.ALL));
    Instant now = Instant.parse("2025-01-01T12:00:00Z");
    long expectedTotal = (now.getEpochSecond() - start.getEpochSecond()) / 86_400 + 1;

    MaterializeResult first = dbAt(now).recurring().materializeDue(10);
    assertThat(first.created()).hasSize(RecurringTaskDao.MAX_OCCURRENCES_PER_TEMPLATE);
    assertThat(first.backloggedTemplateIds()).containsExactly(template.id());
    assertThat(first.moreMayBeDue()).isTrue();
    assertThat(db.recurring().get(user, template.id()).nextDueAt())
        .isEqualTo(start.plusSeconds(86_400L * 1_000));

    long total = first.created().size();
    MaterializeResult next;
    do {
      next = dbAt(now).recurring().materializeDue(10);
      total += next.created().size();
    } while (!next.backloggedTemplateIds().isEmpty());
    assertThat(next.moreMayBeDue()).isFalse();
    assertThat(total).isEqualTo(expectedTotal);
    assertThat(
            count(
                "SELECT count(DISTINCT occurrence_at) FROM tasks WHERE template_id = ?",
                template.id()))
        .isEqualTo(expectedTotal);
  }

  @Test
  void materializeHonoursTheLimitEarliestFirst() {
    UUID user = newUser();
    RecurringTask early =
        db.recurring()
            .create(
                user, NewRecurringTask.of("early", DAILY, Instant.parse("2026-06-01T09:00:00Z")));
    RecurringTask late =
        db.recurring()
            .create(
                user, NewRecurringTask.of("late", DAILY, Instant.parse("2026-06-02T09:00:00Z")));
    MaterializeResult result =
        dbAt(Instant.parse("2026-06-02T10:00:00Z")).recurring().materializeDue(1);
    assertThat(result.claimedTemplates()).isEqualTo(1);
    assertThat(result.created()).extracting(Task::templateId).containsExactly(early.id());
    assertThat(result.moreMayBeDue()).isTrue();
    assertThat(db.recurring().get(user, late.id()).nextDueAt())
        .isEqualTo(Instant.parse("2026-06-02T09:00:00Z"));
    assertValidation(() -> dbAt(Instant.now()).recurring().materializeDue(0), "limit");
    assertValidation(() -> dbAt(Instant.now()).recurring().materializeDue(1_001), "limit");
  }

  // ---- pause, resume, update, delete ----

  @Test
  void pausedTemplatesAreIgnoredAndResumingSkipsWhatWasMissed() {
    UUID user = newUser();
    RecurringTask template =
        db.recurring()
            .create(
                user,
                NewRecurringTask.of("a", DAILY, Instant.parse("2026-06-01T09:00:00Z"))
                    .withMissedPolicy(MissedPolicy.ALL));
    RecurringTask paused = recurringAt("2026-06-01T08:00:00Z").pause(user, template.id());
    assertThat(paused.active()).isFalse();
    assertThat(paused.paused()).isTrue();
    assertThat(paused.nextDueAt()).isEqualTo(template.nextDueAt());
    assertThat(
            dbAt(Instant.parse("2026-06-10T10:00:00Z"))
                .recurring()
                .materializeDue(10)
                .claimedTemplates())
        .isZero();

    RecurringTask resumed = recurringAt("2026-06-10T10:00:00Z").resume(user, template.id());
    assertThat(resumed.active()).isTrue();
    assertThat(resumed.nextDueAt()).isEqualTo(Instant.parse("2026-06-11T09:00:00Z"));
    assertThat(dbAt(Instant.parse("2026-06-10T10:00:00Z")).recurring().materializeDue(10).created())
        .isEmpty();
    assertThat(dbAt(Instant.parse("2026-06-11T09:00:00Z")).recurring().materializeDue(10).created())
        .hasSize(1);

    // resuming an active template keeps its pending occurrence
    assertThat(recurringAt("2026-06-20T00:00:00Z").resume(user, template.id()).nextDueAt())
        .isEqualTo(Instant.parse("2026-06-12T09:00:00Z"));
  }

  @Test
  void resumingAfterTheRuleEndedLeavesItEnded() {
    UUID user = newUser();
    RecurringTask template =
        db.recurring()
            .create(
                user,
                NewRecurringTask.of(
                    "a",
                    rule("{\"frequency\": \"daily\", \"end_date\": \"2026-06-05\"}"),
                    Instant.parse("2026-06-01T09:00:00Z")));
    db.recurring().pause(user, template.id());
    RecurringTask resumed = recurringAt("2026-06-06T00:00:00Z").resume(user, template.id());
    assertThat(resumed.active()).isFalse();
    assertThat(resumed.ended()).isTrue();
    assertThat(resumed.nextDueAt()).isNull();
    assertThat(resumed.endReason()).isEqualTo("the rule ended");
  }

  @Test
  void updateChangesValuesAndANewRuleRestartsTheScheduleFromNow() {
    UUID user = newUser();
    RecurringTask template =
        db.recurring()
            .create(
                user,
                NewRecurringTask.of("a", DAILY, LocalDateTime.parse("2026-06-01T09:00"))
                    .withDescription("d")
                    .withTimeZone(ZoneId.of("Europe/Berlin")));
    RecurringTask renamed =
        recurringAt("2026-06-10T00:00:00Z")
            .update(
                user,
                template.id(),
                RecurringTaskPatch.empty()
                    .withTitle(" b ")
                    .withDescription(null)
                    .withPriority(Priority.LOW)
                    .withMissedPolicy(MissedPolicy.ALL));
    assertThat(renamed.title()).isEqualTo("b");
    assertThat(renamed.description()).isNull();
    assertThat(renamed.priority()).isEqualTo(Priority.LOW);
    assertThat(renamed.missedPolicy()).isEqualTo(MissedPolicy.ALL);
    assertThat(renamed.nextDueAt()).isEqualTo(template.nextDueAt());
    assertThat(renamed.updatedAt()).isEqualTo(Instant.parse("2026-06-10T00:00:00Z"));

    // 2026-06-10 is a Wednesday: the next Monday at 09:00 Berlin is June 15th.
    RecurringTask weekly =
        recurringAt("2026-06-10T12:00:00Z")
            .update(
                user,
                template.id(),
                RecurringTaskPatch.empty()
                    .withRecurrence(rule("{\"frequency\": \"weekly\", \"days\": [\"monday\"]}")));
    assertThat(weekly.nextDueAt()).isEqualTo(Instant.parse("2026-06-15T07:00:00Z"));
    assertThat(weekly.startsAt()).isEqualTo(template.startsAt());

    RecurringTask tokyo =
        recurringAt("2026-06-10T12:00:00Z")
            .update(
                user,
                template.id(),
                RecurringTaskPatch.empty().withTimeZone(ZoneId.of("Asia/Tokyo")));
    assertThat(tokyo.timeZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
    assertThat(tokyo.startsAt()).isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
    assertThat(tokyo.nextDueAt()).isEqualTo(Instant.parse("2026-06-15T00:00:00Z"));
    assertThat(db.recurring().get(user, template.id())).isEqualTo(tokyo);
  }

  @Test
  void aRuleThatHasEndedEndsTheTemplateAndANewOneRevivesIt() {
    UUID user = newUser();
    RecurringTask template =
        db.recurring()
            .create(user, NewRecurringTask.of("a", DAILY, Instant.parse("2026-06-01T09:00:00Z")));
    RecurringTask ended =
        recurringAt("2026-06-10T12:00:00Z")
            .update(
                user,
                template.id(),
                RecurringTaskPatch.empty()
                    .withRecurrence(
                        rule("{\"frequency\": \"daily\", \"end_date\": \"2026-06-05\"}")));
    assertThat(ended.ended()).isTrue();
    assertThat(ended.active()).isFalse();
    assertThat(ended.endReason()).isEqualTo("the rule ended");
    RecurringTask revived =
        recurringAt("2026-06-10T12:00:00Z")
            .update(
                user,
                template.id(),
                RecurringTaskPatch.empty()
                    .withRecurrence(
                        rule("{\"frequency\": \"daily\", \"end_date\": \"2026-06-30\"}")));
    assertThat(revived.active()).isTrue();
    assertThat(revived.nextDueAt()).isEqualTo(Instant.parse("2026-06-11T09:00:00Z"));
    assertThat(revived.endReason()).isNull();
  }

  @Test
  void badUpdatesAreRefusedAndChangeNothing() {
    UUID user = newUser();
    RecurringTask template =
        db.recurring()
            .create(user, NewRecurringTask.of("a", DAILY, Instant.parse("2026-06-01T09:00:00Z")));
    assertValidation(
        () -> db.recurring().update(user, template.id(), RecurringTaskPatch.empty().withTitle("")),
        "title");
    assertValidation(
        () ->
            db.recurring()
                .update(
                    user,
                    template.id(),
                    RecurringTaskPatch.empty().withTimeZone(ZoneId.of("EST5EDT"))),
        "time_zone");
    assertValidation(
        () ->
            db.recurring()
                .update(
                    user,
                    template.id(),
                    RecurringTaskPatch.empty()
                        .withTitle("ok")
                        .withRecurrence(
                            rule("{\"frequency\": \"daily\", \"mode\": \"after_completion\"}"))),
        "recurrence_rule.mode");
    assertValidation(
        () ->
            db.recurring()
                .update(
                    user,
                    template.id(),
                    RecurringTaskPatch.empty()
                        .withTitle("ok")
                        .withRecurrence(
                            rule("{\"frequency\": \"daily\", \"end_date\": \"2026-05-01\"}"))),
        "recurrence_rule");
    assertThat(db.recurring().get(user, template.id())).isEqualTo(template);
  }

  @Test
  void deletingATemplateKeepsItsTasks() {
    UUID user = newUser();
    RecurringTask template =
        db.recurring()
            .create(
                user,
                NewRecurringTask.of("a", DAILY, Instant.parse("2026-06-01T09:00:00Z"))
                    .withMissedPolicy(MissedPolicy.ALL));
    dbAt(Instant.parse("2026-06-02T10:00:00Z")).recurring().materializeDue(10);
    db.recurring().delete(user, template.id());
    assertThat(count("SELECT count(*) FROM recurring_tasks WHERE id = ?", template.id())).isZero();
    assertThat(
            count(
                "SELECT count(*) FROM tasks WHERE user_id = ? AND template_id IS NULL AND occurrence_at IS NOT NULL",
                user))
        .isEqualTo(2);
    assertNotFound(() -> db.recurring().get(user, template.id()));
    assertNotFound(() -> db.recurring().delete(user, template.id()));
  }

  @Test
  void deletingATemplateUnlinksOnlyItsOwnTasksAndPlainSqlMustUnlinkThemFirst() {
    UUID user = newUser();
    Instant start = Instant.parse("2026-06-01T09:00:00Z");
    RecurringTask deleted =
        db.recurring()
            .create(
                user, NewRecurringTask.of("a", DAILY, start).withMissedPolicy(MissedPolicy.ALL));
    RecurringTask kept =
        db.recurring()
            .create(
                user, NewRecurringTask.of("b", DAILY, start).withMissedPolicy(MissedPolicy.ALL));
    dbAt(Instant.parse("2026-06-02T10:00:00Z")).recurring().materializeDue(10);
    long versions = count("SELECT sum(version) FROM tasks WHERE user_id = ?", user);

    db.recurring().delete(user, deleted.id());

    assertThat(count("SELECT count(*) FROM tasks WHERE template_id = ?", kept.id())).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM tasks WHERE user_id = ? AND template_id IS NULL", user))
        .isEqualTo(2);
    assertThat(count("SELECT sum(version) FROM tasks WHERE user_id = ?", user))
        .as("unlinking is not a change of the task")
        .isEqualTo(versions);
    // The foreign key no longer unlinks by itself: a plain DELETE of a template with tasks fails.
    assertThatThrownBy(
            () -> {
              try (var connection = sqlSource.getConnection();
                  var statement =
                      connection.prepareStatement("DELETE FROM recurring_tasks WHERE id = ?")) {
                statement.setObject(1, kept.id());
                statement.executeUpdate();
              }
            })
        .isInstanceOfSatisfying(
            java.sql.SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"))
        .hasMessageContaining("tasks_template_fkey");
    assertThat(db.recurring().get(user, kept.id()).id()).isEqualTo(kept.id());
  }

  @Test
  void listReturnsTheUsersTemplatesInCreationOrder() {
    UUID user = newUser();
    UUID other = newUser();
    RecurringTask first =
        db.recurring()
            .create(
                user, NewRecurringTask.of("first", DAILY, Instant.parse("2026-06-01T09:00:00Z")));
    RecurringTask second =
        db.recurring()
            .create(
                user, NewRecurringTask.of("second", DAILY, Instant.parse("2026-06-01T09:00:00Z")));
    db.recurring()
        .create(other, NewRecurringTask.of("other", DAILY, Instant.parse("2026-06-01T09:00:00Z")));
    assertThat(db.recurring().list(user)).containsExactly(first, second);
    assertThat(db.recurring().list(newUser())).isEmpty();
  }

  @Test
  void listKeepsCreationOrderWithinOneMillisecond() {
    UUID user = newUser();
    // A clock that stands still: every template is made in the same millisecond.
    RecurringTaskDao frozen = recurringAt("2026-06-01T08:00:00Z");
    List<RecurringTask> created = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      created.add(
          frozen.create(
              user, NewRecurringTask.of("t" + i, DAILY, Instant.parse("2026-06-01T09:00:00Z"))));
    }

    assertThat(frozen.list(user)).containsExactlyElementsOf(created);
  }

  @Test
  void anotherUsersTemplateIsIndistinguishableFromAMissingOne() {
    UUID owner = newUser();
    UUID intruder = newUser();
    RecurringTask template =
        db.recurring()
            .create(
                owner, NewRecurringTask.of("mine", DAILY, Instant.parse("2026-06-01T09:00:00Z")));
    UUID id = template.id();
    TodoDb later = dbAt(Instant.parse("2026-07-01T00:00:00Z"));

    assertNotFound(() -> db.recurring().get(intruder, id));
    assertNotFound(
        () -> later.recurring().update(intruder, id, RecurringTaskPatch.empty().withTitle("x")));
    assertNotFound(
        () ->
            later
                .recurring()
                .update(
                    intruder,
                    id,
                    RecurringTaskPatch.empty()
                        .withRecurrence(DAILY)
                        .withTimeZone(ZoneId.of("Asia/Tokyo"))));
    assertNotFound(() -> later.recurring().pause(intruder, id));
    assertNotFound(() -> later.recurring().resume(intruder, id));
    assertNotFound(() -> later.recurring().delete(intruder, id));
    assertThat(db.recurring().list(intruder)).isEmpty();
    assertNotFound(() -> db.recurring().get(owner, UUID.randomUUID()));

    assertThat(db.recurring().get(owner, id)).isEqualTo(template);
    assertThat(rows("recurring_tasks")).isEqualTo(1);
  }

  private static void assertValidation(ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  private static void assertNotFound(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            NotFoundException.class, e -> assertThat(e.entity()).isEqualTo("recurring task"));
  }
}
