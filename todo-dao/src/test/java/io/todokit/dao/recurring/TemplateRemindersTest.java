package io.todokit.dao.recurring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.todokit.dao.DaoTestSupport;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.RecurrenceJson;
import io.todokit.dao.ValidationException;
import io.todokit.dao.reminders.Reminder;
import io.todokit.dao.reminders.ReminderDao;
import io.todokit.dao.reminders.ReminderSpec;
import io.todokit.dao.reminders.ReminderState;
import io.todokit.dao.tasks.Task;
import io.todokit.recurrence.RecurrenceSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Templates carry relative reminders, and every task a worker makes from one gets them. */
class TemplateRemindersTest extends DaoTestSupport {

  private static final RecurrenceSpec DAILY = RecurrenceJson.parse("{\"frequency\": \"daily\"}");
  private static final Instant START = Instant.parse("2026-06-01T09:00:00Z");
  private static final ReminderSpec HALF_HOUR = ReminderSpec.beforeDue(Duration.ofMinutes(30));
  private static final ReminderSpec DAY = ReminderSpec.beforeDue(Duration.ofDays(1));
  private static final ReminderSpec AT_DUE = ReminderSpec.beforeDue(Duration.ZERO);

  /** materializeDue is cross-user: every test starts without templates of other tests. */
  @AfterEach
  void removeTemplatesAndTasks() {
    sql("DELETE FROM tasks");
    sql("DELETE FROM recurring_tasks");
  }

  @Test
  void createStoresTheRemindersInOrderAndReadsThemBack() {
    UUID user = newUser();
    RecurringTask template =
        db.recurring()
            .create(
                user,
                NewRecurringTask.of("Stand-up", DAILY, START)
                    .withReminders(DAY, HALF_HOUR, AT_DUE));

    assertThat(template.reminders()).containsExactly(DAY, HALF_HOUR, AT_DUE);
    assertThat(db.recurring().get(user, template.id())).isEqualTo(template);
    assertThat(db.recurring().list(user)).containsExactly(template);
    assertThat(
            count(
                "SELECT count(*) FROM recurring_tasks WHERE id = ? AND reminders_before_due"
                    + " = ARRAY[interval '1 day', interval '30 minutes', interval '0']",
                template.id()))
        .isOne();
    // None given, none stored; microseconds and long distances survive the round trip.
    ReminderSpec fine = ReminderSpec.beforeDue(Duration.ofSeconds(90_061, 123_456_000));
    ReminderSpec longest = ReminderSpec.beforeDue(ReminderSpec.MAX_BEFORE_DUE);
    assertThat(db.recurring().create(user, NewRecurringTask.of("plain", DAILY, START)).reminders())
        .isEmpty();
    RecurringTask exact =
        db.recurring()
            .create(user, NewRecurringTask.of("exact", DAILY, START).withReminders(fine, longest));
    assertThat(db.recurring().get(user, exact.id()).reminders()).containsExactly(fine, longest);
  }

  @Test
  void absoluteTooManyOrNullRemindersAreRefusedNamingTheField() {
    NewRecurringTask base = NewRecurringTask.of("Stand-up", DAILY, START);

    assertValidation(
        () -> base.withReminders(HALF_HOUR, ReminderSpec.at(Instant.parse("2026-06-01T08:00:00Z"))),
        "reminders[1]");
    assertValidation(
        () ->
            RecurringTaskPatch.empty()
                .withReminders(List.of(ReminderSpec.at(Instant.parse("2026-06-01T08:00:00Z")))),
        "reminders[0]");
    List<ReminderSpec> tooMany = Collections.nCopies(ReminderDao.MAX_PER_TASK + 1, HALF_HOUR);
    assertValidation(() -> base.withReminders(tooMany), "reminders");
    assertValidation(() -> RecurringTaskPatch.empty().withReminders(tooMany), "reminders");
    assertValidation(() -> base.withReminders((List<ReminderSpec>) null), "reminders");
    assertValidation(() -> RecurringTaskPatch.empty().withReminders(null), "reminders");
    List<ReminderSpec> withNull = new ArrayList<>();
    withNull.add(null);
    assertValidation(() -> base.withReminders(withNull), "reminders");

    List<ReminderSpec> limit = Collections.nCopies(ReminderDao.MAX_PER_TASK, HALF_HOUR);
    assertThat(db.recurring().create(newUser(), base.withReminders(limit)).reminders())
        .hasSize(ReminderDao.MAX_PER_TASK);
  }

  @Test
  void aPatchReplacesOrClearsTheRemindersAndOtherPatchesKeepThem() {
    UUID user = newUser();
    RecurringTask template =
        db.recurring()
            .create(user, NewRecurringTask.of("Stand-up", DAILY, START).withReminders(HALF_HOUR));
    UUID id = template.id();

    RecurringTask retitled =
        db.recurring().update(user, id, RecurringTaskPatch.empty().withTitle("Daily stand-up"));
    assertThat(retitled.reminders()).containsExactly(HALF_HOUR);

    RecurringTask replaced =
        db.recurring()
            .update(user, id, RecurringTaskPatch.empty().withReminders(List.of(DAY, AT_DUE)));
    assertThat(replaced.reminders()).containsExactly(DAY, AT_DUE);
    assertThat(db.recurring().get(user, id).reminders()).containsExactly(DAY, AT_DUE);
    assertThat(RecurringTaskPatch.empty().withReminders(List.of(DAY)).toString())
        .contains("reminders");
    assertThat(RecurringTaskPatch.empty().withReminders(List.of()).isEmpty()).isFalse();

    RecurringTask cleared =
        db.recurring().update(user, id, RecurringTaskPatch.empty().withReminders(List.of()));
    assertThat(cleared.reminders()).isEmpty();
    assertThat(db.recurring().get(user, id).reminders()).isEmpty();
  }

  @Test
  void everyTaskMaterializedGetsTheRemindersUnderLatestAndAll() {
    UUID user = newUser();
    RecurringTask latest =
        db.recurring()
            .create(
                user, NewRecurringTask.of("latest", DAILY, START).withReminders(HALF_HOUR, DAY));
    RecurringTask all =
        db.recurring()
            .create(
                user,
                NewRecurringTask.of("all", DAILY, START)
                    .withMissedPolicy(MissedPolicy.ALL)
                    .withReminders(HALF_HOUR, DAY));
    RecurringTask none = db.recurring().create(user, NewRecurringTask.of("none", DAILY, START));
    Instant now = Instant.parse("2026-06-11T10:00:00Z");

    MaterializeResult result = dbAt(now).recurring().materializeDue(10);

    List<Task> fromLatest = made(result, latest);
    List<Task> fromAll = made(result, all);
    assertThat(fromLatest).hasSize(1);
    assertThat(fromAll).hasSize(11);
    for (Task task : concat(fromLatest, fromAll)) {
      Instant due = Objects.requireNonNull(task.dueAt());
      assertThat(db.reminders().list(user, task.id()))
          .extracting(Reminder::beforeDue, Reminder::fireAt, Reminder::state, Reminder::userId)
          .containsExactlyInAnyOrder(
              tuple(Duration.ofMinutes(30), due.minus(Duration.ofMinutes(30)), pending(), user),
              tuple(Duration.ofDays(1), due.minus(Duration.ofDays(1)), pending(), user));
    }
    assertThat(made(result, none))
        .singleElement()
        .satisfies(task -> assertThat(db.reminders().list(user, task.id())).isEmpty());
    assertThat(count("SELECT count(*) FROM reminders WHERE user_id = ?", user))
        .isEqualTo(2L * (1 + 11));
    // The fire instants follow the task: moving the due date moves them.
    Task moved = fromLatest.getFirst();
    Instant movedDue = Objects.requireNonNull(moved.dueAt()).plus(Duration.ofHours(2));
    sql(
        "UPDATE tasks SET due_at = due_at + interval '2 hours' WHERE user_id = ? AND id = ?",
        user,
        moved.id());
    assertThat(db.reminders().list(user, moved.id()))
        .extracting(Reminder::fireAt)
        .containsExactlyInAnyOrder(
            movedDue.minus(Duration.ofMinutes(30)), movedDue.minus(Duration.ofDays(1)));
  }

  @Test
  void aRewoundTemplateMakesNoDuplicateTasksAndSoNoDuplicateReminders() {
    UUID user = newUser();
    RecurringTask template =
        db.recurring()
            .create(
                user,
                NewRecurringTask.of("all", DAILY, START)
                    .withMissedPolicy(MissedPolicy.ALL)
                    .withReminders(HALF_HOUR));
    Instant now = Instant.parse("2026-06-03T10:00:00Z");
    assertThat(dbAt(now).recurring().materializeDue(10).created()).hasSize(3);
    sql("UPDATE recurring_tasks SET next_due_at = ? WHERE id = ?", START, template.id());

    assertThat(dbAt(now).recurring().materializeDue(10).created()).isEmpty();
    assertThat(count("SELECT count(*) FROM reminders WHERE user_id = ?", user)).isEqualTo(3);
  }

  @Test
  void tasksMadeBeforeAPatchKeepTheirRemindersAndLaterOnesGetTheNewOnes() {
    UUID user = newUser();
    RecurringTask template =
        db.recurring()
            .create(user, NewRecurringTask.of("Stand-up", DAILY, START).withReminders(HALF_HOUR));
    Task first =
        dbAt(Instant.parse("2026-06-01T09:00:01Z"))
            .recurring()
            .materializeDue(10)
            .created()
            .getFirst();
    db.recurring()
        .update(user, template.id(), RecurringTaskPatch.empty().withReminders(List.of(DAY)));

    Task second =
        dbAt(Instant.parse("2026-06-02T09:00:01Z"))
            .recurring()
            .materializeDue(10)
            .created()
            .getFirst();

    assertThat(db.reminders().list(user, first.id()))
        .extracting(Reminder::beforeDue)
        .containsExactly(Duration.ofMinutes(30));
    assertThat(db.reminders().list(user, second.id()))
        .extracting(Reminder::beforeDue)
        .containsExactly(Duration.ofDays(1));
  }

  @Test
  void anotherUserCannotChangeOrSeeATemplatesReminders() {
    UUID owner = newUser();
    UUID intruder = newUser();
    RecurringTask template =
        db.recurring()
            .create(owner, NewRecurringTask.of("mine", DAILY, START).withReminders(HALF_HOUR));
    Task made =
        dbAt(Instant.parse("2026-06-01T09:00:01Z"))
            .recurring()
            .materializeDue(10)
            .created()
            .getFirst();

    assertThatThrownBy(
            () ->
                db.recurring()
                    .update(
                        intruder,
                        template.id(),
                        RecurringTaskPatch.empty().withReminders(List.of(DAY))))
        .isInstanceOf(NotFoundException.class);
    assertThat(db.recurring().list(intruder)).isEmpty();
    assertThatThrownBy(() -> db.reminders().list(intruder, made.id()))
        .isInstanceOf(NotFoundException.class);
    assertThat(db.recurring().get(owner, template.id()).reminders()).containsExactly(HALF_HOUR);
    assertThat(count("SELECT count(*) FROM reminders WHERE user_id <> ?", owner)).isZero();
  }

  private static ReminderState pending() {
    return ReminderState.PENDING;
  }

  private static List<Task> made(MaterializeResult result, RecurringTask template) {
    return result.created().stream().filter(t -> template.id().equals(t.templateId())).toList();
  }

  private static List<Task> concat(List<Task> a, List<Task> b) {
    List<Task> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static void assertValidation(ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
