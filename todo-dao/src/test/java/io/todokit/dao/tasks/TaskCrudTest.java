package io.todokit.dao.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.dao.ConcurrentUpdateException;
import io.todokit.dao.DaoTestSupport;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.ValidationException;
import io.todokit.recurrence.Frequency;
import io.todokit.recurrence.RecurrenceSpec;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskCrudTest extends DaoTestSupport {

  private static final Instant T0 = Instant.parse("2026-05-04T08:00:00Z");
  private static final Instant T1 = Instant.parse("2026-05-04T09:30:00.123456Z");
  private static final Instant DUE = Instant.parse("2026-05-10T17:00:00Z");

  static UUID newTag(UUID userId, String name) {
    UUID id = UUID.randomUUID();
    sql("INSERT INTO tags (user_id, id, name) VALUES (?, ?, ?)", userId, id, name);
    return id;
  }

  private static long tasksOf(UUID userId) {
    return count("SELECT count(*) FROM tasks WHERE user_id = ?", userId);
  }

  @Test
  void createStoresEveryFieldAndReturnsTheRow() {
    UUID user = newUser();
    UUID tag = newTag(user, "home");
    RecurrenceSpec weekly =
        RecurrenceSpec.of(Frequency.WEEKLY, 1, Set.of(), null, null, null, null);
    Task task =
        dbAt(T0)
            .tasks()
            .create(
                user,
                NewTask.titled("  Pay rent  ")
                    .withDescription("Landlord: 'Bob'")
                    .withPriority(Priority.HIGH)
                    .withDueAt(DUE)
                    .withReminders(io.todokit.dao.reminders.ReminderSpec.at(DUE.minusSeconds(3600)))
                    .withRecurrence(weekly)
                    .withTagIds(List.of(tag, tag)));

    assertThat(task.userId()).isEqualTo(user);
    assertThat(task.id().version()).isEqualTo(7);
    assertThat(task.title()).isEqualTo("Pay rent");
    assertThat(task.description()).isEqualTo("Landlord: 'Bob'");
    assertThat(task.status()).isEqualTo(TaskStatus.PENDING);
    assertThat(task.priority()).isEqualTo(Priority.HIGH);
    assertThat(task.dueAt()).isEqualTo(DUE);
    assertThat(db.reminders().list(user, task.id()))
        .extracting(r -> r.fireAt())
        .containsExactly(DUE.minusSeconds(3600));
    assertThat(task.completedAt()).isNull();
    assertThat(task.recurrence()).isEqualTo(weekly);
    assertThat(task.templateId()).isNull();
    assertThat(task.version()).isZero();
    assertThat(task.createdAt()).isEqualTo(T0);
    assertThat(task.updatedAt()).isEqualTo(T0);
    assertThat(db.tasks().get(user, task.id())).isEqualTo(task);
    assertThat(
            count(
                "SELECT count(*) FROM task_tags WHERE user_id = ? AND task_id = ?",
                user,
                task.id()))
        .isEqualTo(1);
  }

  @Test
  void createDefaultsToMediumPriorityAndNoOptionalFields() {
    UUID user = newUser();
    Task task = db.tasks().create(user, NewTask.titled("x"));
    assertThat(task.priority()).isEqualTo(Priority.MEDIUM);
    assertThat(task.description()).isNull();
    assertThat(task.dueAt()).isNull();
    assertThat(task.recurrence()).isNull();
  }

  @Test
  void createFromRecurrenceJson() {
    UUID user = newUser();
    Task task =
        db.tasks()
            .create(
                user,
                NewTask.titled("Water plants")
                    .withDueAt(DUE)
                    .withRecurrenceJson(
                        "{\"frequency\":\"weekly\",\"interval\":2,\"days\":[\"monday\",\"thursday\"]}"));
    assertThat(task.recurrence().frequency()).isEqualTo(Frequency.WEEKLY);
    assertThat(task.recurrence().interval()).isEqualTo(2);
    assertThat(task.recurrence().dayNames()).containsExactly("monday", "thursday");
  }

  @Test
  void monthlyRuleWithoutMonthDayIsAnchoredOnTheDueDayInTheUsersZone() {
    UUID user = newUser("Pacific/Auckland");
    // 2026-01-30T12:00Z is January 31, 01:00 in Auckland.
    Task task =
        db.tasks()
            .create(
                user,
                NewTask.titled("Invoice")
                    .withDueAt(Instant.parse("2026-01-30T12:00:00Z"))
                    .withRecurrenceJson("{\"frequency\":\"monthly\"}"));
    assertThat(task.recurrence().monthDay()).isEqualTo(31);
    assertThat(
            count(
                "SELECT (recurrence_rule ->> 'month_day')::int FROM tasks WHERE id = ?", task.id()))
        .isEqualTo(31);
  }

  @Test
  void hostileTextIsStoredVerbatim() {
    UUID user = newUser();
    String title = "Robert'); DROP TABLE tasks; -- /* hi */ \"q\" 🎉🚀";
    String description = "; DELETE FROM users; --\n/* */ ' \" \\ 𝄞";
    Task task = db.tasks().create(user, NewTask.titled(title).withDescription(description));
    assertThat(task.title()).isEqualTo(title);
    assertThat(db.tasks().get(user, task.id()).description()).isEqualTo(description);
    assertThat(
            count(
                "SELECT count(*) FROM tasks WHERE id = ? AND title = ? AND description = ?",
                task.id(),
                title,
                description))
        .isEqualTo(1);
    // 255 code points of emoji (510 UTF-16 chars) are a valid title.
    String emoji = "🎉".repeat(255);
    assertThat(db.tasks().create(user, NewTask.titled(emoji)).title()).isEqualTo(emoji);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "a\u0000b"})
  void badTitlesAreRefused(String title) {
    UUID user = newUser();
    assertThatThrownBy(() -> db.tasks().create(user, NewTask.titled(title)))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("title"));
    assertThat(tasksOf(user)).isZero();
  }

  @Test
  void oversizeFieldsAreRefusedAndNothingIsWritten() {
    UUID user = newUser();
    long before = rows("tasks");
    assertThatThrownBy(() -> db.tasks().create(user, NewTask.titled("a".repeat(256))))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("title"));
    assertThatThrownBy(
            () -> db.tasks().create(user, NewTask.titled("ok").withDescription("d".repeat(10_001))))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("description"));
    assertThatThrownBy(
            () -> db.tasks().create(user, NewTask.titled("ok").withDescription("a\u0000")))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("description"));
    assertThat(db.tasks().create(user, NewTask.titled("ok").withDescription("d".repeat(10_000))))
        .isNotNull();
    assertThat(rows("tasks")).isEqualTo(before + 1);
  }

  @Test
  void badRecurrenceIsRefusedNamingThePart() {
    UUID user = newUser();
    assertThatThrownBy(
            () ->
                db.tasks()
                    .create(
                        user,
                        NewTask.titled("x")
                            .withDueAt(DUE)
                            .withRecurrenceJson("{\"frequency\":\"weekly\",\"interval\":0}")))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.field()).isEqualTo("recurrence_rule.interval"));
    assertThatThrownBy(() -> NewTask.titled("x").withRecurrenceJson("{\"frequency\":\"hourly\"}"))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.field()).isEqualTo("recurrence_rule.frequency"));
    assertThatThrownBy(() -> NewTask.titled("x").withRecurrenceJson("{\"frequency\":"))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("recurrence_rule"));
    assertThat(tasksOf(user)).isZero();
  }

  @Test
  void recurrenceNeedsADueDate() {
    UUID user = newUser();
    assertThatThrownBy(
            () ->
                db.tasks()
                    .create(
                        user, NewTask.titled("x").withRecurrenceJson("{\"frequency\":\"daily\"}")))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("due_at"));
    assertThat(tasksOf(user)).isZero();
  }

  @Test
  void anotherUsersTagIsNotFoundAndNothingIsWritten() {
    UUID user = newUser();
    UUID other = newUser();
    UUID mine = newTag(user, "mine");
    UUID theirs = newTag(other, "theirs");
    long taskTags = rows("task_tags");
    assertThatThrownBy(
            () -> db.tasks().create(user, NewTask.titled("x").withTagIds(List.of(mine, theirs))))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.entity()).isEqualTo("tag");
              assertThat(e.id()).isEqualTo(theirs.toString());
            });
    assertThat(tasksOf(user)).isZero();
    assertThat(rows("task_tags")).isEqualTo(taskTags);
  }

  @Test
  void createForAnUnknownUserIsNotFound() {
    UUID nobody = UUID.randomUUID();
    assertThatThrownBy(() -> db.tasks().create(nobody, NewTask.titled("x")))
        .isInstanceOfSatisfying(
            NotFoundException.class, e -> assertThat(e.entity()).isEqualTo("user"));
  }

  @Test
  void findAndGetSeeOnlyTheUsersOwnTasks() {
    UUID user = newUser();
    UUID other = newUser();
    Task task = db.tasks().create(user, NewTask.titled("mine"));
    assertThat(db.tasks().find(user, task.id())).contains(task);
    assertThat(db.tasks().find(other, task.id())).isEmpty();
    assertThat(db.tasks().find(user, UUID.randomUUID())).isEmpty();
    assertThatThrownBy(() -> db.tasks().get(other, task.id()))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.entity()).isEqualTo("task");
              assertThat(e.id()).isEqualTo(task.id().toString());
            });
  }

  @Test
  void updateChangesOnlyTheFieldsSetAndIncrementsTheVersion() {
    UUID user = newUser();
    Task task =
        dbAt(T0)
            .tasks()
            .create(
                user,
                NewTask.titled("old")
                    .withDescription("desc")
                    .withPriority(Priority.LOW)
                    .withDueAt(DUE));

    Task updated =
        dbAt(T1)
            .tasks()
            .update(
                user,
                task.id(),
                0,
                TaskPatch.empty().withTitle(" new ").withDueAt(null).withPriority(Priority.URGENT));

    assertThat(updated.title()).isEqualTo("new");
    assertThat(updated.dueAt()).isNull();
    assertThat(updated.priority()).isEqualTo(Priority.URGENT);
    assertThat(updated.description()).isEqualTo("desc");
    assertThat(updated.version()).isEqualTo(1);
    assertThat(updated.createdAt()).isEqualTo(T0);
    assertThat(updated.updatedAt()).isEqualTo(T1);
    assertThat(db.tasks().get(user, task.id())).isEqualTo(updated);

    Task cleared =
        db.tasks()
            .update(
                user,
                task.id(),
                1,
                TaskPatch.empty().withDescription(null).withStatus(TaskStatus.IN_PROGRESS));
    assertThat(cleared.description()).isNull();
    assertThat(cleared.status()).isEqualTo(TaskStatus.IN_PROGRESS);
    assertThat(cleared.title()).isEqualTo("new");
    assertThat(cleared.version()).isEqualTo(2);
  }

  @Test
  void updateWithAStaleVersionFailsAndChangesNothing() {
    UUID user = newUser();
    Task task = db.tasks().create(user, NewTask.titled("v0"));
    Task v1 = db.tasks().update(user, task.id(), 0, TaskPatch.empty().withTitle("v1"));
    assertThatThrownBy(
            () -> db.tasks().update(user, task.id(), 0, TaskPatch.empty().withTitle("stale")))
        .isInstanceOfSatisfying(
            ConcurrentUpdateException.class,
            e -> {
              assertThat(e.entity()).isEqualTo("task");
              assertThat(e.id()).isEqualTo(task.id().toString());
            });
    // The locked path (rule or due date changes) checks the version too.
    assertThatThrownBy(
            () -> db.tasks().update(user, task.id(), 0, TaskPatch.empty().withDueAt(null)))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThatThrownBy(() -> db.tasks().update(user, task.id(), 0, TaskPatch.empty()))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(db.tasks().get(user, task.id())).isEqualTo(v1);
  }

  @Test
  void anEmptyPatchWritesNothing() {
    UUID user = newUser();
    Task task = db.tasks().create(user, NewTask.titled("same"));
    assertThat(db.tasks().update(user, task.id(), 0, TaskPatch.empty())).isEqualTo(task);
    assertThat(db.tasks().get(user, task.id()).version()).isZero();
  }

  @Test
  void updateOfAnotherUsersTaskIsNotFoundAndChangesNothing() {
    UUID user = newUser();
    UUID other = newUser();
    Task task = db.tasks().create(user, NewTask.titled("mine").withDueAt(DUE));
    assertThatThrownBy(
            () -> db.tasks().update(other, task.id(), 0, TaskPatch.empty().withTitle("hijack")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () ->
                db.tasks()
                    .update(
                        other,
                        task.id(),
                        0,
                        TaskPatch.empty().withRecurrenceJson("{\"frequency\":\"daily\"}")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> db.tasks().update(other, task.id(), 0, TaskPatch.empty()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () ->
                db.tasks()
                    .update(user, UUID.randomUUID(), 0, TaskPatch.empty().withTitle("nobody")))
        .isInstanceOf(NotFoundException.class);
    assertThat(db.tasks().get(user, task.id())).isEqualTo(task);
  }

  @Test
  void updateValidatesTheCombinationOfRuleAndDueDate() {
    UUID user = newUser();
    Task plain = db.tasks().create(user, NewTask.titled("no due"));
    assertThatThrownBy(
            () ->
                db.tasks()
                    .update(
                        user,
                        plain.id(),
                        0,
                        TaskPatch.empty().withRecurrenceJson("{\"frequency\":\"daily\"}")))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("due_at"));
    Task recurring =
        db.tasks()
            .create(
                user,
                NewTask.titled("daily")
                    .withDueAt(DUE)
                    .withRecurrenceJson("{\"frequency\":\"daily\"}"));
    assertThatThrownBy(
            () -> db.tasks().update(user, recurring.id(), 0, TaskPatch.empty().withDueAt(null)))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("due_at"));
    // Clearing both at once is fine; so is setting both at once.
    Task cleared =
        db.tasks()
            .update(
                user, recurring.id(), 0, TaskPatch.empty().withDueAt(null).withRecurrence(null));
    assertThat(cleared.recurrence()).isNull();
    assertThat(cleared.dueAt()).isNull();
    Task monthly =
        db.tasks()
            .update(
                user,
                plain.id(),
                0,
                TaskPatch.empty()
                    .withDueAt(Instant.parse("2026-03-30T10:00:00Z"))
                    .withRecurrenceJson("{\"frequency\":\"monthly\"}"));
    assertThat(monthly.recurrence().monthDay()).isEqualTo(30);
    assertThat(db.tasks().get(user, plain.id())).isEqualTo(monthly);
  }

  @Test
  void patchesRefuseBadValuesWhenBuilt() {
    assertThatThrownBy(() -> TaskPatch.empty().withTitle(" "))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("title"));
    assertThatThrownBy(() -> TaskPatch.empty().withDescription("x".repeat(10_001)))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("description"));
    assertThatThrownBy(() -> TaskPatch.empty().withStatus(TaskStatus.COMPLETED))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("status"));
    assertThatThrownBy(
            () -> TaskPatch.empty().withRecurrenceJson("{\"frequency\":\"daily\",\"days\":7}"))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.field()).isEqualTo("recurrence_rule.days"));
    assertThat(TaskPatch.empty().isEmpty()).isTrue();
    assertThat(TaskPatch.empty().withDueAt(null).isEmpty()).isFalse();
    assertThat(TaskPatch.empty().withDueAt(null)).isEqualTo(TaskPatch.empty().withDueAt(null));
    assertThat(TaskPatch.empty().withDueAt(null)).isNotEqualTo(TaskPatch.empty());
    assertThat(TaskPatch.empty().withTitle("a").withDueAt(null))
        .hasToString("TaskPatch[title=a, due_at=null]");
  }

  @Test
  void movingTheDueDateReArmsADeliveredRelativeReminderAndOtherChangesKeepIt() {
    UUID user = newUser();
    Task task =
        db.tasks()
            .create(
                user,
                NewTask.titled("call")
                    .withDueAt(DUE)
                    .withReminders(
                        io.todokit.dao.reminders.ReminderSpec.beforeDue(
                            java.time.Duration.ofMinutes(10))));
    sql("UPDATE reminders SET state = 'delivered', delivered_at = now(), next_attempt_at = NULL");

    Task renamed = db.tasks().update(user, task.id(), 0, TaskPatch.empty().withTitle("call mum"));
    Task same = db.tasks().update(user, task.id(), 1, TaskPatch.empty().withDueAt(DUE));
    assertThat(db.reminders().list(user, task.id()))
        .extracting(r -> r.state())
        .containsExactly(io.todokit.dao.reminders.ReminderState.DELIVERED);
    assertThat(same.version()).isEqualTo(renamed.version() + 1);

    db.tasks().update(user, task.id(), 2, TaskPatch.empty().withDueAt(DUE.plusSeconds(60)));
    assertThat(db.reminders().list(user, task.id()))
        .extracting(r -> r.state(), r -> r.fireAt())
        .containsExactly(
            org.assertj.core.api.Assertions.tuple(
                io.todokit.dao.reminders.ReminderState.PENDING, DUE.minusSeconds(540)));
  }

  @Test
  void settingAnOpenStatusReopensACompletedTask() {
    UUID user = newUser();
    Task task = db.tasks().create(user, NewTask.titled("x"));
    Task done = db.tasks().complete(user, task.id()).completed();
    Task open =
        db.tasks()
            .update(
                user, task.id(), done.version(), TaskPatch.empty().withStatus(TaskStatus.PENDING));
    assertThat(open.status()).isEqualTo(TaskStatus.PENDING);
    assertThat(open.completedAt()).isNull();
  }

  @Test
  void deleteRemovesTheTaskAndItsTagLinks() {
    UUID user = newUser();
    UUID other = newUser();
    UUID tag = newTag(user, "t");
    Task task = db.tasks().create(user, NewTask.titled("x").withTagIds(List.of(tag)));
    assertThatThrownBy(() -> db.tasks().delete(other, task.id()))
        .isInstanceOfSatisfying(
            NotFoundException.class, e -> assertThat(e.entity()).isEqualTo("task"));
    assertThat(tasksOf(user)).isEqualTo(1);

    db.tasks().delete(user, task.id());
    assertThat(tasksOf(user)).isZero();
    assertThat(count("SELECT count(*) FROM task_tags WHERE task_id = ?", task.id())).isZero();
    assertThat(count("SELECT count(*) FROM tags WHERE id = ?", tag)).isEqualTo(1);
    assertThatThrownBy(() -> db.tasks().delete(user, task.id()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void recurrenceEndDateMustNotComeWithCount() {
    assertThatThrownBy(
            () ->
                NewTask.titled("x")
                    .withRecurrenceJson(
                        "{\"frequency\":\"daily\",\"count\":3,\"end_date\":\""
                            + LocalDate.of(2026, 1, 1)
                            + "\"}"))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.field()).isEqualTo("recurrence_rule.count"));
  }
}
