package io.todokit.examples.quickstart.docs;

import io.todokit.dao.Page;
import io.todokit.dao.PageRequest;
import io.todokit.dao.TodoDb;
import io.todokit.dao.tasks.Completion;
import io.todokit.dao.tasks.NewTask;
import io.todokit.dao.tasks.Priority;
import io.todokit.dao.tasks.Task;
import io.todokit.dao.tasks.TaskPatch;
import io.todokit.dao.tasks.TaskQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

/** Tasks: create, the overdue / due today / by priority lists, update, complete, query. */
public final class Demo01Tasks {

  private Demo01Tasks() {}

  /**
   * What {@link #run} saw.
   *
   * @param overdue the overdue tasks
   * @param today the tasks due today in the user's zone
   * @param urgent the urgent and high-priority tasks
   * @param renamed the rent task after its update
   * @param completion completing the rent task
   * @param nextRent the rent task its completion created
   * @param page the first page of the text query
   */
  public record Result(
      List<Task> overdue,
      List<Task> today,
      List<Task> urgent,
      Task renamed,
      Completion completion,
      Task nextRent,
      Page<Task> page) {}

  /**
   * Runs the sample.
   *
   * @param db the database
   * @param userId a user without tasks
   * @param now the present
   * @return what the calls returned
   */
  public static Result run(TodoDb db, UUID userId, Instant now) {
    // tag::tasks-create[]
    NewTask newTask =
        NewTask.titled("Pay rent")
            .withPriority(Priority.HIGH)
            .withDueAt(now.plus(Duration.ofHours(2)))
            .withRecurrenceJson("{\"frequency\": \"monthly\", \"month_day\": 31}");
    Task rent = db.tasks().create(userId, newTask);
    Instant yesterday = now.minus(Duration.ofDays(1));
    db.tasks().create(userId, NewTask.titled("File taxes").withDueAt(yesterday));
    // end::tasks-create[]

    // tag::tasks-lists[]
    List<Task> overdue = db.tasks().overdue(userId, now);
    List<Task> today = db.tasks().dueToday(userId, now); // "today" in the user's time zone
    List<Task> urgent = db.tasks().byPriority(userId, EnumSet.of(Priority.URGENT, Priority.HIGH));
    // end::tasks-lists[]

    // tag::tasks-update[]
    // Optimistic locking: ConcurrentUpdateException if someone changed it since we read it.
    TaskPatch patch = TaskPatch.empty().withTitle("Pay the rent").withDescription("Flat 3B");
    Task renamed = db.tasks().update(userId, rent.id(), rent.version(), patch);
    // end::tasks-update[]

    // tag::tasks-complete[]
    Completion completion = db.tasks().complete(userId, rent.id());
    Task nextRent = completion.next().orElseThrow(); // due on the 31st, or the month's last day
    // end::tasks-complete[]

    // tag::tasks-query[]
    TaskQuery query = TaskQuery.open().withText("rent");
    Page<Task> page = db.tasks().query(userId, query, PageRequest.first(20));
    if (page.next().isPresent()) { // the same filters, the page after this one
      page = db.tasks().query(userId, query, page.next().get());
    }
    // end::tasks-query[]
    return new Result(overdue, today, urgent, renamed, completion, nextRent, page);
  }
}
