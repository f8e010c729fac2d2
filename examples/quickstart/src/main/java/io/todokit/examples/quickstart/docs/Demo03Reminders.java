package io.todokit.examples.quickstart.docs;

import io.todokit.dao.TodoDb;
import io.todokit.dao.reminders.ClaimRequest;
import io.todokit.dao.reminders.LeaseOutcome;
import io.todokit.dao.reminders.Reminder;
import io.todokit.dao.reminders.ReminderClaim;
import io.todokit.dao.reminders.ReminderSpec;
import io.todokit.dao.tasks.NewTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Reminders: several per task, one relative to the due time; the window; claim with a lease, ack,
 * and a nack that retries later with the same delivery key.
 */
public final class Demo03Reminders {

  private Demo03Reminders() {}

  /**
   * What {@link #run} saw.
   *
   * @param window the reminders of the next hour, unclaimed
   * @param claimed what the first claim returned
   * @param claimedAgain what a second claim at the same time returned
   * @param acked what acknowledging the first claim said
   * @param retried what a claim after the nack's backoff returned
   */
  public record Result(
      List<Reminder> window,
      List<ReminderClaim> claimed,
      List<ReminderClaim> claimedAgain,
      LeaseOutcome acked,
      List<ReminderClaim> retried) {}

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
            .withReminders(
                ReminderSpec.beforeDue(Duration.ofMinutes(90)), // follows the due time
                ReminderSpec.at(now.plus(Duration.ofMinutes(40))));
    db.tasks().create(userId, dentist);

    // A dashboard: the reminders of the next hour, nothing claimed.
    List<Reminder> window = db.reminders().due(now, now.plus(Duration.ofHours(1)));

    // A worker (see examples/worker and ReminderWorker): claim leases each due firing to one
    // worker; ack after sending. "Now" is the TodoDb clock's: here a worker's, 31 minutes on.
    Instant later = now.plus(Duration.ofMinutes(31));
    TodoDb worker = db.withClock(Clock.fixed(later, ZoneOffset.UTC));
    List<ReminderClaim> claimed = worker.reminders().claim(ClaimRequest.of(100));
    List<ReminderClaim> claimedAgain = worker.reminders().claim(ClaimRequest.of(100)); // leased
    LeaseOutcome acked = worker.reminders().ack(claimed.getFirst().lease());

    // A send that fails: nack, and the firing comes back after the backoff, same delivery key.
    Instant tenLater = later.plus(Duration.ofMinutes(9));
    TodoDb laterWorker = db.withClock(Clock.fixed(tenLater, ZoneOffset.UTC));
    ReminderClaim second = laterWorker.reminders().claim(ClaimRequest.of(100)).getFirst();
    laterWorker.reminders().nack(second.lease(), "push service unavailable");
    // end::reminders[]
    List<ReminderClaim> retried =
        db.withClock(Clock.fixed(tenLater.plus(Duration.ofMinutes(1)), ZoneOffset.UTC))
            .reminders()
            .claim(ClaimRequest.of(100));
    return new Result(window, claimed, claimedAgain, acked, retried);
  }
}
