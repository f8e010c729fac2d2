package io.todokit.examples.quickstart.docs;

import io.todokit.dao.TodoDb;
import io.todokit.dao.reminders.Reminder;
import io.todokit.dao.tasks.NewTask;
import io.todokit.dao.tasks.Task;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Reminders: set one on a task, look at the window, claim the due ones once, snooze. */
public final class Demo03Reminders {

  private Demo03Reminders() {}

  /**
   * What {@link #run} saw.
   *
   * @param window the reminders of the next hour, unclaimed
   * @param claimed what the first claim returned
   * @param claimedAgain what a second claim at the same time returned
   * @param afterSnooze what a claim after the snooze returned
   */
  public record Result(
      List<Reminder> window,
      List<Reminder> claimed,
      List<Reminder> claimedAgain,
      List<Reminder> afterSnooze) {}

  /**
   * Runs the sample. Reminders are claimed across all users: use a database without other reminders
   * due at {@code now}.
   *
   * @param db the database
   * @param userId a user
   * @param now the present
   * @return what the calls returned
   */
  public static Result run(TodoDb db, UUID userId, Instant now) {
    // tag::reminders[]
    NewTask dentist =
        NewTask.titled("Call the dentist")
            .withDueAt(now.plus(Duration.ofHours(2)))
            .withRemindAt(now.plus(Duration.ofMinutes(30)));
    Task call = db.tasks().create(userId, dentist);

    // A dashboard: the reminders of the next hour, nothing claimed.
    List<Reminder> window = db.reminders().due(now, now.plus(Duration.ofHours(1)));

    // A worker (see examples/worker): each due reminder is returned by exactly one claim,
    // however many workers run; send them after the call returns (at most once).
    // "Now" is the TodoDb clock's: here a worker's, 31 minutes on.
    Instant later = now.plus(Duration.ofMinutes(31));
    TodoDb worker = db.withClock(Clock.fixed(later, ZoneOffset.UTC));
    List<Reminder> claimed = worker.reminders().claimDue(100);
    List<Reminder> claimedAgain = worker.reminders().claimDue(100); // empty

    // Snoozing moves the reminder and arms it again.
    db.reminders().snooze(userId, call.id(), later.plus(Duration.ofMinutes(10)));
    // end::reminders[]
    List<Reminder> afterSnooze =
        db.withClock(Clock.fixed(later.plus(Duration.ofMinutes(10)), ZoneOffset.UTC))
            .reminders()
            .claimDue(100);
    return new Result(window, claimed, claimedAgain, afterSnooze);
  }
}
