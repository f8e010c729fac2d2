package io.todokit.examples.quickstart.docs;

import io.todokit.dao.Page;
import io.todokit.dao.PageRequest;
import io.todokit.dao.TodoDb;
import io.todokit.dao.ValidationException;
import io.todokit.dao.conversations.NewMessage;
import io.todokit.dao.conversations.ToolCall;
import io.todokit.dao.recurring.MaterializeResult;
import io.todokit.dao.recurring.NewRecurringTask;
import io.todokit.dao.recurring.RecurringTaskPatch;
import io.todokit.dao.reminders.ClaimRequest;
import io.todokit.dao.reminders.ReminderClaim;
import io.todokit.dao.reminders.ReminderSpec;
import io.todokit.dao.tasks.NewTask;
import io.todokit.dao.tasks.Task;
import io.todokit.dao.tasks.TaskPatch;
import io.todokit.dao.tasks.TaskQuery;
import io.todokit.recurrence.RecurrenceSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The samples of docs/api-conventions.md: one convention for every DAO. */
public final class Demo09Conventions {

  private Demo09Conventions() {}

  /**
   * What {@link #run} saw.
   *
   * @param fetched the task read back by id
   * @param refusedFields the fields named by the two refused commands
   * @param renamed the task after the completion and the update that used its version
   * @param pagedTitles the titles of every page, in order
   * @param overdue the overdue tasks at the clock's now
   * @param dueTodayThen the tasks due on the day of the {@code asOf} instant
   * @param claimed the reminders the worker clock's claim took
   * @param materialized the worker clock's materialization
   * @param patches the two sample patches
   */
  public record Result(
      Task fetched,
      List<String> refusedFields,
      Task renamed,
      List<String> pagedTitles,
      List<Task> overdue,
      List<Task> dueTodayThen,
      List<ReminderClaim> claimed,
      MaterializeResult materialized,
      List<Object> patches) {}

  /**
   * Runs the samples.
   *
   * @param db the database, its clock at {@code now}
   * @param userId a user without tasks
   * @param now the clock's instant
   * @param workerClock a later clock, for the worker calls
   * @return what the calls returned
   */
  public static Result run(TodoDb db, UUID userId, Instant now, Clock workerClock) {
    UUID taskId =
        db.tasks()
            .create(userId, NewTask.titled("Water plants").withDueAt(now.minusSeconds(3_600)))
            .id();
    // tag::conventions-get[]
    Task task = db.tasks().get(userId, taskId);
    // end::conventions-get[]

    Instant start = now;
    List<String> refused = new ArrayList<>();
    // tag::conventions-commands[]
    try {
      NewRecurringTask.of("Stand-up", RecurrenceSpec.daily(1), start)
          .withTimeZone(ZoneOffset.ofHours(2));
    } catch (ValidationException e) {
      refused.add(e.field()); // "time_zone": an offset is not a region
    }
    try {
      NewMessage.assistantToolCalls("", List.of(ToolCall.of("call_1", "add_task", "not json")));
    } catch (ValidationException e) {
      refused.add(e.field()); // "tool_calls[0].arguments"
    }
    // end::conventions-commands[]

    List<Object> patches = new ArrayList<>();
    // tag::conventions-patches[]
    RecurringTaskPatch retitle = RecurringTaskPatch.empty().withTitle("Stand-up");
    retitle = retitle.withDescription(null); // new title, no description
    TaskPatch undated = TaskPatch.empty().withDueAt(null); // no due date
    // end::conventions-patches[]
    patches.add(retitle);
    patches.add(undated);

    db.tasks()
        .create(
            userId,
            NewTask.titled("Call Anna").withReminders(ReminderSpec.at(now.plusSeconds(60))));
    // tag::conventions-versions[]
    Task done = db.tasks().complete(userId, task.id()).completed();
    db.tasks().update(userId, task.id(), done.version(), TaskPatch.empty().withTitle("Call back"));
    // end::conventions-versions[]

    for (int i = 1; i <= 5; i++) {
      db.tasks().create(userId, NewTask.titled("Errand " + i));
    }
    List<String> titles = new ArrayList<>();
    // tag::conventions-paging[]
    Page<Task> page = db.tasks().query(userId, TaskQuery.open(), PageRequest.first(2));
    page.items().forEach(t -> titles.add(t.title()));
    while (page.next().isPresent()) {
      page = db.tasks().query(userId, TaskQuery.open(), page.next().get());
      page.items().forEach(t -> titles.add(t.title()));
    }
    // end::conventions-paging[]

    // tag::conventions-now[]
    List<Task> overdue = db.tasks().overdue(userId); // before the clock's now
    List<Task> then = db.tasks().dueToday(userId, Instant.parse("2026-03-02T08:00:00Z"));
    List<ReminderClaim> claimed =
        db.withClock(workerClock).reminders().claim(ClaimRequest.of(100)); // its own clock
    MaterializeResult result = db.withClock(workerClock).recurring().materializeDue(100);
    // end::conventions-now[]
    return new Result(
        db.tasks().get(userId, taskId),
        refused,
        db.tasks().get(userId, task.id()),
        titles,
        overdue,
        then,
        claimed,
        result,
        patches);
  }
}
