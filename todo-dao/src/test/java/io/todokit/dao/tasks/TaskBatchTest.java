package io.todokit.dao.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.dao.DaoTestSupport;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.TransactionOptions;
import io.todokit.dao.ValidationException;
import io.todokit.dao.reminders.ReminderSpec;
import io.todokit.recurrence.Frequency;
import io.todokit.recurrence.RecurrenceSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code TaskDao.createAll} and {@code TagDao.addTags}: batches validated and written as one. */
class TaskBatchTest extends DaoTestSupport {

  private static final Instant T0 = Instant.parse("2026-05-04T08:00:00Z");
  private static final Instant DUE = Instant.parse("2026-01-31T10:00:00Z");

  private static long tasksOf(UUID userId) {
    return count("SELECT count(*) FROM tasks WHERE user_id = ?", userId);
  }

  private static long linksOf(UUID userId) {
    return count("SELECT count(*) FROM task_tags WHERE user_id = ?", userId);
  }

  private static long remindersOf(UUID userId) {
    return count("SELECT count(*) FROM reminders WHERE user_id = ?", userId);
  }

  @Test
  void createAllReturnsTheTasksInOrderStoredAsCreateStoresThem() {
    UUID user = newUser("Europe/Berlin");
    UUID home = TaskCrudTest.newTag(user, "home");
    UUID work = TaskCrudTest.newTag(user, "work");
    RecurrenceSpec monthly =
        RecurrenceSpec.of(Frequency.MONTHLY, 1, Set.of(), null, null, null, null);
    List<NewTask> batch = new ArrayList<>();
    for (int i = 0; i < 1_500; i++) {
      batch.add(NewTask.titled("task " + i).withDueAt(DUE.plusSeconds(i)));
    }
    batch.set(
        7,
        NewTask.titled("  rent  ")
            .withDescription("landlord")
            .withPriority(Priority.URGENT)
            .withDueAt(DUE)
            .withRecurrence(monthly)
            .withReminders(ReminderSpec.beforeDue(Duration.ofHours(1)), ReminderSpec.at(DUE))
            .withTagIds(List.of(home, work, home)));
    batch.set(1_200, NewTask.titled("no due date").withTagIds(List.of(work)));

    List<Task> created = dbAt(T0).tasks().createAll(user, batch);

    assertThat(created).hasSize(1_500);
    for (int i = 0; i < created.size(); i++) {
      Task task = created.get(i);
      assertThat(task.title()).isEqualTo(batch.get(i).title());
      assertThat(task.dueAt()).isEqualTo(batch.get(i).dueAt());
      assertThat(task.userId()).isEqualTo(user);
      assertThat(task.status()).isEqualTo(TaskStatus.PENDING);
      assertThat(task.version()).isZero();
      assertThat(task.createdAt()).isEqualTo(T0);
      assertThat(db.tasks().get(user, task.id())).isEqualTo(task);
    }
    assertThat(created.stream().map(Task::id).distinct()).hasSize(1_500);
    Task rent = created.get(7);
    assertThat(rent.title()).isEqualTo("rent");
    assertThat(rent.description()).isEqualTo("landlord");
    assertThat(rent.priority()).isEqualTo(Priority.URGENT);
    // anchored as create anchors it: the due date's day in the user's zone
    assertThat(rent.recurrence()).isEqualTo(monthly.withMonthDay(31));
    assertThat(db.tags().tagsOf(user, rent.id()))
        .extracting(t -> t.id())
        .containsExactlyInAnyOrder(home, work);
    assertThat(db.reminders().list(user, rent.id()))
        .extracting(r -> r.fireAt())
        .containsExactlyInAnyOrder(DUE.minusSeconds(3600), DUE);
    assertThat(db.tags().tagsOf(user, created.get(1_200).id()))
        .extracting(t -> t.id())
        .containsExactly(work);
    assertThat(tasksOf(user)).isEqualTo(1_500);
    assertThat(linksOf(user)).isEqualTo(3);
    assertThat(remindersOf(user)).isEqualTo(2);
  }

  @Test
  void oneBadElementNamesItsIndexAndNothingIsWritten() {
    UUID user = newUser();
    RecurrenceSpec daily = RecurrenceSpec.of(Frequency.DAILY, 1, Set.of(), null, null, null, null);
    List<NewTask> batch =
        List.of(
            NewTask.titled("fine"),
            NewTask.titled("fine too").withDueAt(DUE),
            NewTask.titled("fine"),
            NewTask.titled("recurring, no due date").withRecurrence(daily));

    assertThatThrownBy(() -> db.tasks().createAll(user, batch))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("tasks[3].due_at"));
    List<NewTask> withNull = Arrays.asList(NewTask.titled("fine"), null);
    assertThatThrownBy(() -> db.tasks().createAll(user, withNull))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("tasks[1]"));
    assertThat(tasksOf(user)).isZero();
  }

  @Test
  void anUnknownOrForeignTagFailsTheWholeBatch() {
    UUID user = newUser();
    UUID other = newUser();
    UUID mine = TaskCrudTest.newTag(user, "mine");
    UUID theirs = TaskCrudTest.newTag(other, "theirs");
    UUID unknown = UUID.randomUUID();
    for (UUID bad : List.of(theirs, unknown)) {
      List<NewTask> batch =
          List.of(
              NewTask.titled("a").withTagIds(List.of(mine)),
              NewTask.titled("b").withReminders(ReminderSpec.at(DUE)),
              NewTask.titled("c").withTagIds(List.of(mine, bad)));
      assertThatThrownBy(() -> db.tasks().createAll(user, batch))
          .isInstanceOfSatisfying(
              NotFoundException.class,
              e -> {
                assertThat(e.entity()).isEqualTo("tag");
                assertThat(e.id()).isEqualTo(bad.toString());
              });
    }
    assertThat(tasksOf(user)).isZero();
    assertThat(linksOf(user)).isZero();
    assertThat(remindersOf(user)).isZero();
    assertThat(linksOf(other)).isZero();
  }

  @Test
  void anUnknownUserIsNotFound() {
    UUID nobody = UUID.randomUUID();
    assertThatThrownBy(() -> db.tasks().createAll(nobody, List.of(NewTask.titled("a"))))
        .isInstanceOfSatisfying(
            NotFoundException.class, e -> assertThat(e.entity()).isEqualTo("user"));
  }

  @Test
  void anEmptyListWritesNothingAndTheLimitIsTenThousand() {
    UUID user = newUser();
    assertThat(db.tasks().createAll(user, List.of())).isEmpty();
    List<NewTask> tooMany = Collections.nCopies(TaskBatch.MAX_TASKS + 1, NewTask.titled("x"));
    assertThatThrownBy(() -> db.tasks().createAll(user, tooMany))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo("tasks");
              assertThat(e.getMessage()).contains("10000");
            });
    List<NewTask> most = Collections.nCopies(TaskBatch.MAX_TASKS, NewTask.titled("x"));
    assertThat(db.tasks().createAll(user, most)).hasSize(TaskBatch.MAX_TASKS);
    assertThat(tasksOf(user)).isEqualTo(TaskBatch.MAX_TASKS);
  }

  @Test
  void insideATransactionACaughtFailureLeavesItUsable() {
    UUID user = newUser();
    List<Task> kept =
        db.transactionResult(
            tx -> {
              List<Task> first = tx.tasks().createAll(user, List.of(NewTask.titled("kept")));
              assertThatThrownBy(
                      () ->
                          tx.tasks()
                              .createAll(
                                  user,
                                  List.of(
                                      NewTask.titled("rolled back")
                                          .withTagIds(List.of(UUID.randomUUID())))))
                  .isInstanceOf(NotFoundException.class);
              List<Task> second = tx.tasks().createAll(user, List.of(NewTask.titled("also kept")));
              return List.of(first.get(0), second.get(0));
            });
    assertThat(kept).extracting(Task::title).containsExactly("kept", "also kept");
    assertThat(tasksOf(user)).isEqualTo(2);
  }

  @Test
  void withoutSavepointsTheCallsCommitTogether() {
    UUID user = newUser();
    UUID tag = TaskCrudTest.newTag(user, "t");
    db.transaction(
        TransactionOptions.withoutSavepoints(),
        tx -> {
          tx.tasks().create(user, NewTask.titled("one").withTagIds(List.of(tag)));
          tx.tasks().createAll(user, List.of(NewTask.titled("two"), NewTask.titled("three")));
          assertThat(tx.tasks().overdue(user, T0)).isEmpty();
        });
    assertThat(tasksOf(user)).isEqualTo(3);
    assertThat(linksOf(user)).isEqualTo(1);
  }

  @Test
  void withoutSavepointsACaughtFailureRollsTheWholeTransactionBack() {
    UUID user = newUser();
    assertThatThrownBy(
            () ->
                db.transaction(
                    TransactionOptions.withoutSavepoints(),
                    tx -> {
                      tx.tasks().create(user, NewTask.titled("first"));
                      assertThatThrownBy(
                              () ->
                                  tx.tasks()
                                      .create(
                                          user,
                                          NewTask.titled("bad")
                                              .withTagIds(List.of(UUID.randomUUID()))))
                          .isInstanceOf(NotFoundException.class);
                      // the next call fails at once, naming the first failure
                      assertThatThrownBy(() -> tx.tasks().create(user, NewTask.titled("third")))
                          .isInstanceOf(IllegalStateException.class)
                          .hasMessageContaining("without savepoints")
                          .hasCauseInstanceOf(NotFoundException.class);
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("can only roll back");
    assertThat(tasksOf(user)).isZero();
  }

  @Test
  void withoutSavepointsAReadThatFailsInJavaLeavesTheTransactionUsable() {
    UUID user = newUser();
    db.transaction(
        TransactionOptions.withoutSavepoints(),
        tx -> {
          tx.tasks().create(user, NewTask.titled("first"));
          assertThatThrownBy(() -> tx.tasks().get(user, UUID.randomUUID()))
              .isInstanceOf(NotFoundException.class);
          tx.tasks().create(user, NewTask.titled("second"));
        });
    assertThat(tasksOf(user)).isEqualTo(2);
  }

  @Test
  void addTagsAttachesManyLinksIdempotentlyAsOneUnit() {
    UUID user = newUser();
    UUID other = newUser();
    UUID a = TaskCrudTest.newTag(user, "a");
    UUID b = TaskCrudTest.newTag(user, "b");
    UUID theirs = TaskCrudTest.newTag(other, "theirs");
    List<Task> tasks =
        db.tasks()
            .createAll(
                user,
                List.of(
                    NewTask.titled("1").withTagIds(List.of(a)),
                    NewTask.titled("2"),
                    NewTask.titled("3")));
    UUID t1 = tasks.get(0).id();
    UUID t2 = tasks.get(1).id();
    UUID t3 = tasks.get(2).id();
    UUID theirTask = db.tasks().create(other, NewTask.titled("theirs")).id();

    db.tags().addTags(user, Map.of(t1, List.of(a, b, b), t2, List.of(b), t3, List.of()));
    db.tags().addTags(user, Map.of(t1, List.of(a, b)));

    assertThat(db.tags().tagsOf(user, t1)).extracting(t -> t.id()).containsExactly(a, b);
    assertThat(db.tags().tagsOf(user, t2)).extracting(t -> t.id()).containsExactly(b);
    assertThat(db.tags().tagsOf(user, t3)).isEmpty();
    assertThat(linksOf(user)).isEqualTo(3);

    assertThatThrownBy(() -> db.tags().addTags(user, Map.of(t2, List.of(a), t3, List.of(theirs))))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.entity()).isEqualTo("tag");
              assertThat(e.id()).isEqualTo(theirs.toString());
            });
    assertThatThrownBy(() -> db.tags().addTags(user, Map.of(t2, List.of(a), theirTask, List.of(a))))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.entity()).isEqualTo("task");
              assertThat(e.id()).isEqualTo(theirTask.toString());
            });
    assertThat(linksOf(user)).isEqualTo(3);
    assertThat(linksOf(other)).isZero();

    List<UUID> withNull = Arrays.asList(a, null);
    assertThatThrownBy(() -> db.tags().addTags(user, Map.of(t2, withNull)))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("tag_ids[" + t2 + "]"));
    assertThat(linksOf(user)).isEqualTo(3);
  }
}
