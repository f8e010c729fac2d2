package io.todokit.examples.quickstart;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.todokit.dao.PageRequest;
import io.todokit.dao.RecurrenceJson;
import io.todokit.dao.TodoDb;
import io.todokit.dao.conversations.Conversation;
import io.todokit.dao.conversations.Message;
import io.todokit.dao.conversations.NewMessage;
import io.todokit.dao.conversations.ToolCall;
import io.todokit.dao.recurring.MaterializeResult;
import io.todokit.dao.recurring.MissedPolicy;
import io.todokit.dao.recurring.NewRecurringTask;
import io.todokit.dao.reminders.ClaimRequest;
import io.todokit.dao.reminders.ReminderClaim;
import io.todokit.dao.reminders.ReminderSpec;
import io.todokit.dao.tags.NewTag;
import io.todokit.dao.tags.Tag;
import io.todokit.dao.tasks.Completion;
import io.todokit.dao.tasks.NewTask;
import io.todokit.dao.tasks.Priority;
import io.todokit.dao.tasks.TagFilter;
import io.todokit.dao.tasks.Task;
import io.todokit.dao.users.NewUser;
import io.todokit.dao.users.User;
import io.todokit.recurrence.RecurrenceRule;
import io.todokit.recurrence.RecurrenceSpec;
import io.todokit.schema.TodoSchema;
import io.todokit.testing.PostgresProvisioner;
import io.todokit.testing.PostgresServer;
import io.todokit.testing.ProvisioningSettings;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * todokit in one run: a user in Berlin with tags, tasks, reminders, a recurring task, two recurring
 * templates and a chatbot turn, then a console report of what the DAOs answer.
 *
 * <p>{@link #main} finds a PostgreSQL the way the tests do ({@code TODO_PG_URL}, else Docker, else
 * an embedded server), creates a database of its own, migrates it, runs {@link #run} and drops the
 * database again, so it never touches existing data. {@link #run} is what a service does with
 * {@link TodoDb}; {@code QuickStartTest} runs it too, so this example cannot rot.
 *
 * <p>Not thread-safe: a program, not a component.
 */
public final class QuickStart {

  /**
   * The quick start's fixed "now": Saturday 28 March 2026, 00:30 in Berlin, still Friday in UTC.
   * The user's "today" is Saturday, which shows why todokit computes it in the user's zone.
   */
  public static final Instant NOW = Instant.parse("2026-03-27T23:30:00Z");

  /** The user's time zone. */
  public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  private QuickStart() {}

  /**
   * Finds a PostgreSQL, creates and migrates a throwaway database on it, prints the report, and
   * drops the database and stops the server (also when something fails).
   *
   * @param args none
   */
  public static void main(String[] args) {
    try (PostgresServer server =
        PostgresProvisioner.start(ProvisioningSettings.fromEnvironment())) {
      String database = "todokit_quickstart_" + HexFormat.of().toHexDigits(randomInt());
      server.createDatabase(database, null);
      try (HikariDataSource pool = pool(server, database)) {
        TodoSchema.standard().migrate(pool);
        run(pool, Clock.fixed(NOW, ZoneOffset.UTC), System.out);
      } finally {
        server.dropDatabase(database);
      }
    }
  }

  /**
   * Fills a migrated, empty database as a service would and prints what the DAOs answer.
   *
   * @param dataSource a database migrated with {@link TodoSchema#migrate}, without a user "alice"
   * @param clock the present; {@code Clock.fixed(NOW, UTC)} gives the report in the README
   * @param out where the report goes
   */
  public static void run(DataSource dataSource, Clock clock, PrintStream out) {
    TodoDb db = TodoDb.create(dataSource).withClock(clock);
    Instant now = clock.instant();
    User alice =
        db.users()
            .create(
                NewUser.of("alice", "alice@example.org", "{noop}not-a-hash").withTimeZone(ZONE));
    Report report = new Report(out, alice.timeZone());
    Days days = new Days(now, alice.timeZone());

    Tags tags = createTags(db, alice);
    Task plants = createTasks(db, alice, tags, days);
    createTemplates(db, alice, days);

    report.header(alice, now);
    report.tasks("Overdue", db.tasks().overdue(alice.id(), now));
    report.tasks(
        "Due today (" + report.date(now) + " in " + alice.timeZone() + ")",
        db.tasks().dueToday(alice.id(), now));
    report.tasks(
        "Tagged work OR errands",
        db.tasks()
            .withTags(alice.id(), TagFilter.anyOf(List.of(tags.work.id(), tags.errands.id()))));
    report.tasks(
        "Tagged home AND errands",
        db.tasks()
            .withTags(alice.id(), TagFilter.allOf(List.of(tags.home.id(), tags.errands.id()))));
    report.tasks(
        "Urgent and high priority",
        db.tasks().byPriority(alice.id(), EnumSet.of(Priority.URGENT, Priority.HIGH)));
    printNextOccurrences(report, alice.timeZone(), now);
    completeRecurringTask(db, alice, plants, report);
    materializeTemplates(db, now, report);
    claimReminders(db, now, report);
    chatAndReplay(db, alice, now, report);
  }

  /** Three tags of the user's, each with a color. */
  private static Tags createTags(TodoDb db, User user) {
    return new Tags(
        db.tags().create(user.id(), NewTag.named("work").withColor("#d73a49")),
        db.tags().create(user.id(), NewTag.named("home").withColor("#28a745")),
        db.tags().create(user.id(), NewTag.named("errands").withColor("#f9a825")));
  }

  /**
   * Tasks due in the past, today (in the user's zone) and later; two with a reminder that is due,
   * one with a reminder later today; and a recurring one, which is returned.
   */
  private static Task createTasks(TodoDb db, User user, Tags tags, Days days) {
    db.tasks()
        .create(
            user.id(),
            NewTask.titled("Renew passport")
                .withPriority(Priority.URGENT)
                .withDueAt(days.at(-3, 12, 0))
                .withTagIds(List.of(tags.errands.id())));
    db.tasks()
        .create(
            user.id(),
            NewTask.titled("Send invoice to ACME")
                .withPriority(Priority.HIGH)
                .withDueAt(days.at(-1, 17, 0))
                .withReminders(ReminderSpec.at(days.at(-1, 16, 0)))
                .withTagIds(List.of(tags.work.id())));
    Task plants =
        db.tasks()
            .create(
                user.id(),
                NewTask.titled("Water the plants")
                    // A rule in the JSON shape the database stores, as a service receives it from a
                    // client.
                    .withRecurrenceJson(
                        "{\"frequency\": \"weekly\", \"days\": [\"monday\", \"thursday\"]}")
                    .withDueAt(days.at(-2, 19, 0))
                    .withTagIds(List.of(tags.home.id())));
    db.tasks()
        .create(
            user.id(),
            NewTask.titled("Buy a birthday present")
                .withPriority(Priority.HIGH)
                .withDueAt(days.at(0, 11, 0))
                .withReminders(ReminderSpec.at(days.at(0, 9, 0)))
                .withTagIds(List.of(tags.errands.id(), tags.home.id())));
    db.tasks()
        .create(
            user.id(),
            NewTask.titled("Book flights")
                .withDueAt(days.at(0, 20, 0))
                .withTagIds(List.of(tags.home.id())));
    db.tasks()
        .create(
            user.id(),
            NewTask.titled("Call the plumber")
                .withPriority(Priority.LOW)
                .withDueAt(days.at(1, 10, 0))
                .withReminders(ReminderSpec.at(days.at(-1, 20, 0)))
                .withTagIds(List.of(tags.home.id())));
    db.tasks()
        .create(
            user.id(),
            NewTask.titled("Prepare the quarterly report")
                .withPriority(Priority.URGENT)
                .withDueAt(days.at(3, 10, 0))
                .withTagIds(List.of(tags.work.id())));
    db.tasks().create(user.id(), NewTask.titled("Learn the ukulele").withPriority(Priority.LOW));
    return plants;
  }

  /**
   * Two templates whose first occurrences have passed: a weekday stand-up that catches up every
   * missed occurrence, and a weekly review that only makes the latest one.
   */
  private static void createTemplates(TodoDb db, User user, Days days) {
    RecurrenceSpec weekdays =
        RecurrenceSpec.of(
            "daily",
            1,
            List.of("monday", "tuesday", "wednesday", "thursday", "friday"),
            null,
            null,
            null,
            null);
    db.recurring()
        .create(
            user.id(),
            NewRecurringTask.of("Stand-up", weekdays, days.local(-5, 9, 30))
                .withPriority(Priority.HIGH)
                .withMissedPolicy(MissedPolicy.ALL));
    RecurrenceSpec fridays =
        RecurrenceSpec.of("weekly", 1, List.of("friday"), null, null, null, null);
    db.recurring()
        .create(
            user.id(),
            NewRecurringTask.of("Weekly review", fridays, days.local(-22, 17, 0))
                .withMissedPolicy(MissedPolicy.LATEST));
  }

  /** "Monthly on the 31st" as RFC 5545 says it: the last day of every month, at 09:00 in Berlin. */
  private static void printNextOccurrences(Report report, ZoneId zone, Instant now) {
    RecurrenceRule rule = RecurrenceRule.parse("FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1");
    ZonedDateTime start = LocalDate.of(2026, 1, 31).atTime(9, 0).atZone(zone);
    report.section("Next five occurrences of " + rule.toRRule() + ", from " + start.toLocalDate());
    rule.schedule(start).stream()
        .filter(occurrence -> occurrence.isAfter(now))
        .limit(5)
        .forEach(occurrence -> report.line(report.dateTime(occurrence) + "  = " + occurrence));
  }

  /** Completing a recurring task creates the next one, on the user's wall clock. */
  private static void completeRecurringTask(TodoDb db, User user, Task task, Report report) {
    Completion completion = db.tasks().complete(user.id(), task.id());
    report.section(
        "Completing \""
            + task.title()
            + "\", rule "
            + RecurrenceJson.format(Objects.requireNonNull(task.recurrence())));
    report.line("completed  " + report.dateTimeOffset(completion.completed().dueAt()));
    report.line(
        "next       "
            + completion
                .next()
                .map(next -> report.dateTimeOffset(next.dueAt()))
                .orElse("none: the rule has ended"));
  }

  /** What a scheduler does: turn the templates' due occurrences into tasks. */
  private static void materializeTemplates(TodoDb db, Instant now, Report report) {
    MaterializeResult result =
        db.withClock(Clock.fixed(now, ZoneOffset.UTC)).recurring().materializeDue(100);
    report.tasks(
        "materializeDue: tasks made from " + result.claimedTemplates() + " templates",
        result.created());
  }

  /**
   * What a worker does: claim the due reminders with a lease, send them, and acknowledge each (see
   * ReminderWorker); a second claim finds nothing due.
   */
  private static void claimReminders(TodoDb db, Instant now, Report report) {
    TodoDb worker = db.withClock(Clock.fixed(now, ZoneOffset.UTC));
    List<ReminderClaim> claimed = worker.reminders().claim(ClaimRequest.of(100));
    report.section("claim: " + claimed.size() + " reminders to send");
    for (ReminderClaim reminder : claimed) {
      worker.reminders().ack(reminder.lease());
      report.line(report.dateTime(reminder.fireAt()) + "  " + reminder.title());
    }
    report.line("a second claim returns " + worker.reminders().claim(ClaimRequest.of(100)).size());
  }

  /**
   * One chatbot turn: the user asks, the model calls a tool, the tool answers, the model replies;
   * then the conversation is read back in order, as the next request to the model would send it.
   */
  private static void chatAndReplay(TodoDb db, User user, Instant now, Report report) {
    Conversation chat = db.conversations().create(user.id(), "What's on today?");
    db.conversations().append(user.id(), chat.id(), NewMessage.user("What do I have to do today?"));
    db.conversations()
        .append(
            user.id(),
            chat.id(),
            NewMessage.assistantToolCalls("", List.of(ToolCall.of("call_1", "due_today", "{}"))));
    List<Task> today = db.tasks().dueToday(user.id(), now);
    db.conversations()
        .append(
            user.id(),
            chat.id(),
            NewMessage.tool("call_1", ToolCalls.toJson(today, user.timeZone())));
    db.conversations()
        .append(
            user.id(),
            chat.id(),
            NewMessage.assistant(
                "Two things: "
                    + today.get(0).title()
                    + " at "
                    + report.time(today.get(0).dueAt())
                    + ", and "
                    + today.get(1).title()
                    + " at "
                    + report.time(today.get(1).dueAt())
                    + "."));

    List<Message> messages =
        db.conversations().messages(user.id(), chat.id(), PageRequest.first(50)).items();
    report.section("Conversation \"" + chat.title() + "\" replayed");
    for (Message message : messages) {
      report.message(message);
    }
  }

  private static HikariDataSource pool(PostgresServer server, String database) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.jdbcUrl(database));
    config.setUsername(server.username());
    config.setPassword(server.password());
    config.setMaximumPoolSize(4);
    config.setPoolName("quickstart");
    return new HikariDataSource(config);
  }

  private static int randomInt() {
    return ThreadLocalRandom.current().nextInt();
  }

  /** The user's three tags. */
  private record Tags(Tag work, Tag home, Tag errands) {}

  /** Instants relative to the user's "today", so the data stays meaningful for any clock. */
  private record Days(Instant now, ZoneId zone) {

    LocalDateTime local(int daysFromToday, int hour, int minute) {
      return now.atZone(zone)
          .toLocalDate()
          .plusDays(daysFromToday)
          .atTime(LocalTime.of(hour, minute));
    }

    Instant at(int daysFromToday, int hour, int minute) {
      return local(daysFromToday, hour, minute).atZone(zone).toInstant();
    }
  }
}
