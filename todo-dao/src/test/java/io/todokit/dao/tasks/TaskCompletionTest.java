package io.todokit.dao.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.dao.DaoTestSupport;
import io.todokit.dao.NotFoundException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TaskCompletionTest extends DaoTestSupport {

  private static final Instant NOW = Instant.parse("2026-05-04T12:00:00Z");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static Instant local(String dateTime, ZoneId zone) {
    return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
  }

  /** Completes the task and each next one, {@code steps} times; the due dates, local. */
  private static List<String> chain(UUID user, Task first, ZoneId zone, int steps) {
    List<String> dues = new ArrayList<>();
    dues.add(LocalDateTime.ofInstant(first.dueAt(), zone).toString());
    Task task = first;
    for (int i = 0; i < steps; i++) {
      Optional<Task> next = dbAt(NOW).tasks().complete(user, task.id()).next();
      if (next.isEmpty()) {
        dues.add("end");
        break;
      }
      task = next.get();
      dues.add(LocalDateTime.ofInstant(task.dueAt(), zone).toString());
    }
    return dues;
  }

  private static Task recurring(UUID user, Instant due, String ruleJson) {
    return db.tasks()
        .create(user, NewTask.titled("recurring").withDueAt(due).withRecurrenceJson(ruleJson));
  }

  @Test
  void completingAPlainTaskMarksItCompletedOnce() {
    UUID user = newUser();
    Task task = db.tasks().create(user, NewTask.titled("once"));
    Completion completion = dbAt(NOW).tasks().complete(user, task.id());
    Task done = completion.completed();
    assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(done.completedAt()).isEqualTo(NOW);
    assertThat(done.updatedAt()).isEqualTo(NOW);
    assertThat(done.version()).isEqualTo(1);
    assertThat(completion.next()).isEmpty();

    // Idempotent: a second completion changes nothing and creates nothing.
    Completion again = dbAt(NOW.plusSeconds(60)).tasks().complete(user, task.id());
    assertThat(again.completed()).isEqualTo(done);
    assertThat(again.next()).isEmpty();
    assertThat(count("SELECT count(*) FROM tasks WHERE user_id = ?", user)).isEqualTo(1);
  }

  @Test
  void completeAndReopenOfAnotherUsersTaskAreNotFoundAndChangeNothing() {
    UUID user = newUser();
    UUID other = newUser();
    Task task = recurring(user, Instant.parse("2026-05-04T09:00:00Z"), "{\"frequency\":\"daily\"}");
    assertThatThrownBy(() -> db.tasks().complete(other, task.id()))
        .isInstanceOfSatisfying(
            NotFoundException.class, e -> assertThat(e.entity()).isEqualTo("task"));
    assertThatThrownBy(() -> db.tasks().reopen(other, task.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> db.tasks().complete(user, UUID.randomUUID()))
        .isInstanceOf(NotFoundException.class);
    assertThat(db.tasks().get(user, task.id())).isEqualTo(task);
    assertThat(count("SELECT count(*) FROM tasks WHERE user_id IN (?, ?)", user, other))
        .isEqualTo(1);

    db.tasks().complete(user, task.id());
    assertThatThrownBy(() -> db.tasks().reopen(other, task.id()))
        .isInstanceOf(NotFoundException.class);
    assertThat(db.tasks().get(user, task.id()).status()).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void theNextTaskCarriesTheTaskAndItsReminderOffset() {
    UUID user = newUser("Europe/Berlin");
    UUID home = TaskCrudTest.newTag(user, "home");
    UUID bills = TaskCrudTest.newTag(user, "bills");
    Instant due = local("2026-05-04T18:00", BERLIN);
    Task task =
        db.tasks()
            .create(
                user,
                NewTask.titled("Pay rent")
                    .withDescription("IBAN …")
                    .withPriority(Priority.HIGH)
                    .withDueAt(due)
                    .withReminders(
                        io.todokit.dao.reminders.ReminderSpec.beforeDue(
                            java.time.Duration.ofMinutes(90)))
                    .withRecurrenceJson("{\"frequency\":\"weekly\"}")
                    .withTagIds(List.of(home, bills)));

    Task next = dbAt(NOW).tasks().complete(user, task.id()).next().orElseThrow();

    Instant nextDue = local("2026-05-11T18:00", BERLIN);
    assertThat(next.id()).isNotEqualTo(task.id());
    assertThat(next.userId()).isEqualTo(user);
    assertThat(next.title()).isEqualTo("Pay rent");
    assertThat(next.description()).isEqualTo("IBAN …");
    assertThat(next.priority()).isEqualTo(Priority.HIGH);
    assertThat(next.status()).isEqualTo(TaskStatus.PENDING);
    assertThat(next.dueAt()).isEqualTo(nextDue);
    assertThat(db.reminders().list(user, next.id()))
        .singleElement()
        .satisfies(r -> assertThat(r.fireAt()).isEqualTo(nextDue.minusSeconds(90 * 60)))
        .satisfies(
            r -> assertThat(r.state()).isEqualTo(io.todokit.dao.reminders.ReminderState.PENDING));
    assertThat(next.completedAt()).isNull();
    assertThat(next.recurrence()).isEqualTo(task.recurrence());
    assertThat(next.version()).isZero();
    assertThat(next.createdAt()).isEqualTo(NOW);
    assertThat(db.tasks().get(user, next.id())).isEqualTo(next);
    assertThat(db.tasks().byTag(user, home)).extracting(Task::id).contains(task.id(), next.id());
    assertThat(db.tasks().byTag(user, bills)).extracting(Task::id).contains(task.id(), next.id());
  }

  @Test
  void monthlyOnThe31stFallsOnTheLastDayOfShorterMonthsAndComesBack() {
    UUID user = newUser("Europe/Berlin");
    Task nonLeap =
        recurring(user, local("2026-01-31T09:00", BERLIN), "{\"frequency\":\"monthly\"}");
    assertThat(chain(user, nonLeap, BERLIN, 4))
        .containsExactly(
            "2026-01-31T09:00",
            "2026-02-28T09:00",
            "2026-03-31T09:00",
            "2026-04-30T09:00",
            "2026-05-31T09:00");
    Task leap = recurring(user, local("2028-01-31T09:00", BERLIN), "{\"frequency\":\"monthly\"}");
    assertThat(chain(user, leap, BERLIN, 3))
        .containsExactly(
            "2028-01-31T09:00", "2028-02-29T09:00", "2028-03-31T09:00", "2028-04-30T09:00");
  }

  @Test
  void yearlyOnFebruary29thFallsOnThe28thOutsideLeapYears() {
    UUID user = newUser();
    Task task =
        recurring(user, Instant.parse("2028-02-29T07:00:00Z"), "{\"frequency\":\"yearly\"}");
    assertThat(chain(user, task, ZoneId.of("UTC"), 4))
        .containsExactly(
            "2028-02-29T07:00",
            "2029-02-28T07:00",
            "2030-02-28T07:00",
            "2031-02-28T07:00",
            "2032-02-29T07:00");
  }

  @Test
  void weeklyOnDaysWithAnInterval() {
    UUID user = newUser();
    // 2026-05-04 is a Monday.
    Task everyWeek =
        recurring(
            user,
            Instant.parse("2026-05-04T07:30:00Z"),
            "{\"frequency\":\"weekly\",\"days\":[\"monday\",\"thursday\"]}");
    assertThat(chain(user, everyWeek, ZoneId.of("UTC"), 3))
        .containsExactly(
            "2026-05-04T07:30", "2026-05-07T07:30", "2026-05-11T07:30", "2026-05-14T07:30");
    Task everyOtherWeek =
        recurring(
            user,
            Instant.parse("2026-05-04T07:30:00Z"),
            "{\"frequency\":\"weekly\",\"interval\":2,\"days\":[\"monday\",\"thursday\"]}");
    assertThat(chain(user, everyOtherWeek, ZoneId.of("UTC"), 3))
        .containsExactly(
            "2026-05-04T07:30", "2026-05-07T07:30", "2026-05-18T07:30", "2026-05-21T07:30");
  }

  @Test
  void weeklyKeepsTheLocalTimeAcrossDaylightSavingChanges() {
    UUID user = newUser("Europe/Berlin");
    Task spring = recurring(user, local("2026-03-23T10:00", BERLIN), "{\"frequency\":\"weekly\"}");
    Task next = db.tasks().complete(user, spring.id()).next().orElseThrow();
    assertThat(spring.dueAt()).isEqualTo(Instant.parse("2026-03-23T09:00:00Z"));
    assertThat(next.dueAt()).isEqualTo(Instant.parse("2026-03-30T08:00:00Z"));

    Task autumn = recurring(user, local("2026-10-19T10:00", BERLIN), "{\"frequency\":\"weekly\"}");
    Task after = db.tasks().complete(user, autumn.id()).next().orElseThrow();
    assertThat(autumn.dueAt()).isEqualTo(Instant.parse("2026-10-19T08:00:00Z"));
    assertThat(after.dueAt()).isEqualTo(Instant.parse("2026-10-26T09:00:00Z"));
  }

  @Test
  void theUsersTimeZoneDecidesTheWallClock() {
    // Daily at 00:30 in Auckland is 12:30 UTC the previous day; the same rule for a UTC user
    // just adds 24 hours.
    UUID auckland = newUser("Pacific/Auckland");
    // NZ daylight time ends on 2026-04-05 at 03:00 local.
    Task task =
        recurring(auckland, Instant.parse("2026-04-03T11:30:00Z"), "{\"frequency\":\"daily\"}");
    ZoneId zone = ZoneId.of("Pacific/Auckland");
    assertThat(chain(auckland, task, zone, 3))
        .containsExactly(
            "2026-04-04T00:30", "2026-04-05T00:30", "2026-04-06T00:30", "2026-04-07T00:30");
  }

  @Test
  void afterCompletionCountsFromTheCompletionDate() {
    UUID user = newUser("Europe/Berlin");
    Task task =
        recurring(
            user,
            local("2026-05-01T09:00", BERLIN),
            "{\"frequency\":\"daily\",\"interval\":3,\"mode\":\"after_completion\"}");
    // Completed on May 6 (Berlin): next due May 9 at the due date's time of day.
    Task next =
        dbAt(local("2026-05-06T23:30", BERLIN))
            .tasks()
            .complete(user, task.id())
            .next()
            .orElseThrow();
    assertThat(next.dueAt()).isEqualTo(local("2026-05-09T09:00", BERLIN));
    assertThat(next.recurrence().mode().jsonName()).isEqualTo("after_completion");
  }

  @Test
  void countIsTheNumberOfOccurrencesLeftIncludingThisOne() {
    UUID user = newUser();
    Task task =
        recurring(
            user, Instant.parse("2026-05-04T08:00:00Z"), "{\"frequency\":\"daily\",\"count\":3}");
    Task second = db.tasks().complete(user, task.id()).next().orElseThrow();
    assertThat(second.recurrence().count()).isEqualTo(2);
    Task third = db.tasks().complete(user, second.id()).next().orElseThrow();
    assertThat(third.recurrence().count()).isEqualTo(1);
    assertThat(third.dueAt()).isEqualTo(Instant.parse("2026-05-06T08:00:00Z"));
    Completion last = db.tasks().complete(user, third.id());
    assertThat(last.completed().status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(last.next()).isEmpty();
    assertThat(count("SELECT count(*) FROM tasks WHERE user_id = ?", user)).isEqualTo(3);
  }

  @Test
  void endDateIsInclusiveAndAnEndedRuleCreatesNothing() {
    UUID user = newUser("America/New_York");
    ZoneId zone = ZoneId.of("America/New_York");
    // 22:00 in New York on May 2 is already May 3 in UTC: the end date is a local date.
    Task task =
        recurring(
            user,
            local("2026-05-02T22:00", zone),
            "{\"frequency\":\"daily\",\"end_date\":\"2026-05-03\"}");
    assertThat(chain(user, task, zone, 3))
        .containsExactly("2026-05-02T22:00", "2026-05-03T22:00", "end");
    Task ended =
        recurring(
            user,
            local("2026-05-10T08:00", zone),
            "{\"frequency\":\"weekly\",\"end_date\":\"2026-05-16\"}");
    assertThat(db.tasks().complete(user, ended.id()).next()).isEmpty();
  }

  @Test
  void reopenMakesACompletedTaskPendingAndKeepsTheNextTask() {
    UUID user = newUser();
    Task task = recurring(user, Instant.parse("2026-05-04T08:00:00Z"), "{\"frequency\":\"daily\"}");
    Completion completion = db.tasks().complete(user, task.id());
    Task reopened = dbAt(NOW).tasks().reopen(user, task.id());
    assertThat(reopened.status()).isEqualTo(TaskStatus.PENDING);
    assertThat(reopened.completedAt()).isNull();
    assertThat(reopened.version()).isEqualTo(2);
    assertThat(reopened.updatedAt()).isEqualTo(NOW);
    assertThat(db.tasks().find(user, completion.next().orElseThrow().id())).isPresent();
    // Reopening an open task changes nothing.
    assertThat(db.tasks().reopen(user, task.id())).isEqualTo(reopened);
  }

  @Test
  void concurrentCompletionsCreateExactlyOneNextTask() throws Exception {
    UUID user = newUser("Europe/Berlin");
    Task task = recurring(user, local("2026-05-04T10:00", BERLIN), "{\"frequency\":\"daily\"}");
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Completion>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return db.tasks().complete(user, task.id());
                }));
      }
      start.countDown();
      List<Completion> completions = new ArrayList<>();
      for (Future<Completion> result : results) {
        completions.add(result.get(30, TimeUnit.SECONDS));
      }
      assertThat(completions)
          .allSatisfy(c -> assertThat(c.completed().status()).isEqualTo(TaskStatus.COMPLETED));
      assertThat(completions).allSatisfy(c -> assertThat(c.completed().version()).isEqualTo(1));
      assertThat(completions.stream().filter(c -> c.next().isPresent()).count()).isEqualTo(1);
      assertThat(count("SELECT count(*) FROM tasks WHERE user_id = ?", user)).isEqualTo(2);
      assertThat(
              count(
                  "SELECT count(*) FROM tasks WHERE user_id = ? AND status = 'pending' AND due_at = ?",
                  user,
                  local("2026-05-05T10:00", BERLIN)))
          .isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- a series that cannot go on ends, and the task is completed all the same ----

  /** Completes the task; it must be completed, with no next task, and the user's only task. */
  private static Completion completedAsTheLast(UUID user, Task task) {
    Completion completion = dbAt(NOW).tasks().complete(user, task.id());
    assertThat(completion.completed().status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(completion.completed().completedAt()).isEqualTo(NOW);
    assertThat(completion.next()).isEmpty();
    assertThat(count("SELECT count(*) FROM tasks WHERE user_id = ?", user)).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM tasks WHERE id = ? AND status = 'completed'", task.id()))
        .isEqualTo(1);
    return completion;
  }

  @Test
  void aRuleWithAnIntervalThatOverflowsTheCalendarEndsTheSeries() {
    // Every 2,000,000,000 days, written by plain SQL: the next date is in the year 5,477,840, which
    // PostgreSQL cannot store ("timestamp out of range" failed every completion). A JSON mapping
    // that refuses such an interval ends the series as well (the rule cannot be read).
    UUID user = newUser();
    Task task =
        recurring(user, Instant.parse("2026-05-04T09:00:00Z"), "{\"frequency\": \"daily\"}");
    sql(
        "UPDATE tasks SET recurrence_rule = '{\"frequency\": \"daily\", \"interval\": 2000000000}'"
            + " WHERE id = ?",
        task.id());

    completedAsTheLast(user, task);
  }

  @Test
  void aSeriesWhoseNextDueDateWouldBeAfterTheYear9999Ends() {
    UUID user = newUser();
    Task task =
        recurring(user, Instant.parse("9999-06-01T09:00:00Z"), "{\"frequency\": \"yearly\"}");

    Completion completion = completedAsTheLast(user, task);

    assertThat(completion.completed().recurrence()).isEqualTo(task.recurrence());
  }

  @Test
  void aStoredRuleJavaCannotReadEndsTheSeriesAndTheTaskComesBackWithoutIt() {
    UUID user = newUser();
    Task task =
        recurring(user, Instant.parse("2026-05-04T09:00:00Z"), "{\"frequency\": \"daily\"}");
    sql(
        "UPDATE tasks SET recurrence_rule = '{\"frequency\": \"daily\", \"every\": 2}' WHERE id = ?",
        task.id());

    Completion completion = completedAsTheLast(user, task);

    assertThat(completion.completed().recurrence()).isNull();
    assertThat(
            count(
                "SELECT count(*) FROM tasks WHERE id = ? AND recurrence_rule ->> 'every' = '2'",
                task.id()))
        .as("the stored rule is left as it was")
        .isEqualTo(1);
  }

  @Test
  void aTimeZoneJavaDoesNotKnowEndsTheSeries() {
    UUID user = newLegacyUser("PST");
    Task task =
        recurring(user, Instant.parse("2026-05-04T09:00:00Z"), "{\"frequency\": \"daily\"}");

    completedAsTheLast(user, task);
  }
}
