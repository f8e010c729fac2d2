package io.todokit.examples.quickstart.docs;

import io.todokit.dao.TodoDb;
import io.todokit.dao.recurring.MaterializeResult;
import io.todokit.dao.recurring.MissedPolicy;
import io.todokit.dao.recurring.NewRecurringTask;
import io.todokit.dao.recurring.RecurringTask;
import io.todokit.dao.tasks.Priority;
import io.todokit.recurrence.RecurrenceSpec;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

/** Recurring templates: create one, let a worker turn its occurrences into tasks, pause it. */
public final class Demo04RecurringTemplates {

  private Demo04RecurringTemplates() {}

  /**
   * What {@link #run} saw.
   *
   * @param created the template as created
   * @param first what the first materialization did
   * @param second what a second one at the same time did
   * @param paused the template once paused
   */
  public record Result(
      RecurringTask created,
      MaterializeResult first,
      MaterializeResult second,
      RecurringTask paused) {}

  /**
   * Runs the sample. Templates are materialized across all users: use a database without other
   * templates due at {@code now}.
   *
   * @param db the database
   * @param userId a user
   * @param now the present, after 2026-03-06 09:00 in Berlin
   * @return what the calls returned
   */
  public static Result run(TodoDb db, UUID userId, Instant now) {
    // tag::recurring-create[]
    NewRecurringTask standUp =
        NewRecurringTask.of(
                "Stand-up",
                RecurrenceSpec.weekly(1, DayOfWeek.MONDAY, DayOfWeek.THURSDAY),
                LocalDateTime.parse("2026-03-02T09:00"))
            .withTimeZone(ZoneId.of("Europe/Berlin")) // 09:00 Berlin time, summer and winter
            .withPriority(Priority.HIGH)
            .withMissedPolicy(MissedPolicy.LATEST); // after downtime: only the latest occurrence
    RecurringTask template = db.recurring().create(userId, standUp);
    // end::recurring-create[]

    // tag::recurring-materialize[]
    // A worker's call, across all users: claims due templates (SKIP LOCKED), creates their tasks
    // and advances them; a unique key makes sure that no occurrence is ever created twice.
    // "Now" is the TodoDb clock's (TodoDb.withClock).
    TodoDb worker = db.withClock(Clock.fixed(now, ZoneOffset.UTC));
    MaterializeResult first = worker.recurring().materializeDue(100);
    MaterializeResult second = worker.recurring().materializeDue(100); // creates nothing
    // end::recurring-materialize[]

    // tag::recurring-pause[]
    RecurringTask paused = db.recurring().pause(userId, template.id()); // workers skip it
    db.recurring().resume(userId, template.id()); // continues from now, skipping the pause
    // end::recurring-pause[]
    return new Result(template, first, second, paused);
  }
}
