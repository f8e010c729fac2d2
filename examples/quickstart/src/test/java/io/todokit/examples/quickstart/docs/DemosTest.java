package io.todokit.examples.quickstart.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.todokit.dao.TodoDb;
import io.todokit.dao.conversations.Conversation;
import io.todokit.dao.conversations.Message;
import io.todokit.dao.conversations.MessageRole;
import io.todokit.dao.conversations.ToolCall;
import io.todokit.dao.reminders.LeaseOutcome;
import io.todokit.dao.reminders.Reminder;
import io.todokit.dao.reminders.ReminderClaim;
import io.todokit.dao.tags.Tag;
import io.todokit.dao.tags.TagWithCount;
import io.todokit.dao.tasks.Task;
import io.todokit.dao.tasks.TaskStatus;
import io.todokit.dao.users.NewUser;
import io.todokit.dao.users.User;
import io.todokit.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every README sample ({@code Demo01Tasks} … {@code Demo07Transactions}) on one migrated
 * database, each for a user of its own, and checks what it got.
 */
class DemosTest {

  /** Friday 27 March 2026, 11:00 in Berlin. */
  private static final Instant NOW = Instant.parse("2026-03-27T10:00:00Z");

  private static TestDatabase database;
  private static HikariDataSource pool;
  private static TodoDb db;

  @BeforeAll
  static void openDatabase() {
    database = TestDatabase.migrated();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.jdbcUrl());
    config.setUsername(database.username());
    config.setPassword(database.password());
    config.setMaximumPoolSize(2);
    pool = new HikariDataSource(config);
    db = TodoDb.create(pool).withClock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterAll
  static void dropDatabase() {
    pool.close();
    database.close();
  }

  private static UUID userInBerlin(String username) {
    return db.users()
        .create(
            NewUser.of(username, username + "@example.org", "{noop}hash")
                .withTimeZone(ZoneId.of("Europe/Berlin")))
        .id();
  }

  @Test
  void demo01TasksListsCompletesAndQueries() {
    UUID userId = userInBerlin("demo01");

    Demo01Tasks.Result result = Demo01Tasks.run(db, userId, NOW);

    assertThat(result.overdue()).extracting(Task::title).containsExactly("File taxes");
    assertThat(result.today()).extracting(Task::title).containsExactly("Pay rent");
    assertThat(result.urgent()).extracting(Task::title).containsExactly("Pay rent");
    assertThat(result.renamed().title()).isEqualTo("Pay the rent");
    assertThat(result.renamed().description()).isEqualTo("Flat 3B");
    assertThat(result.renamed().version()).isEqualTo(1);
    assertThat(result.completion().completed().status()).isEqualTo(TaskStatus.COMPLETED);
    // Monthly on the 31st, at the due date's 13:00 in Berlin, now summer time.
    assertThat(result.nextRent().dueAt()).isEqualTo(Instant.parse("2026-03-31T11:00:00Z"));
    assertThat(result.nextRent().title()).isEqualTo("Pay the rent");
    assertThat(result.page().items())
        .extracting(Task::id, Task::status)
        .containsExactly(tuple(result.nextRent().id(), TaskStatus.PENDING));
    assertThat(result.page().hasNext()).isFalse();
  }

  @Test
  void demo02TagsFilterByAnyAllAndNoneAndRefuseDuplicates() {
    UUID userId = userInBerlin("demo02");

    Demo02Tags.Result result = Demo02Tags.run(db, userId);

    assertThat(result.workOrHome())
        .extracting(Task::title)
        .containsExactlyInAnyOrder("Report", "Slides", "Laundry");
    assertThat(result.workAndUrgent()).extracting(Task::title).containsExactly("Report");
    assertThat(result.notUrgent()).extracting(Task::title).containsExactly("Slides");
    assertThat(result.counts())
        .extracting(count -> count.tag().name(), TagWithCount::taskCount)
        .containsExactly(tuple("home", 1L), tuple("urgent", 1L), tuple("work", 2L));
    assertThat(result.duplicateField()).isEqualTo("name");
  }

  @Test
  void demo03RemindersAreLeasedAckedAndANackedOneComesBackWithItsKey() {
    UUID userId = userInBerlin("demo03");

    Demo03Reminders.Result result = Demo03Reminders.run(db, userId, NOW);

    assertThat(result.window())
        .extracting(Reminder::fireAt)
        .containsExactly(NOW.plusSeconds(30 * 60), NOW.plusSeconds(40 * 60));
    assertThat(result.claimed())
        .extracting(ReminderClaim::title, ReminderClaim::fireAt)
        .containsExactly(tuple("Call the dentist", NOW.plusSeconds(30 * 60)));
    assertThat(result.claimedAgain()).isEmpty();
    assertThat(result.acked()).isEqualTo(LeaseOutcome.DONE);
    assertThat(result.retried())
        .singleElement()
        .satisfies(c -> assertThat(c.fireAt()).isEqualTo(NOW.plusSeconds(40 * 60)))
        .satisfies(c -> assertThat(c.attempt()).isEqualTo(2));
  }

  @Test
  void demo04TemplateMakesOnlyTheLatestMissedOccurrenceOnce() {
    UUID userId = userInBerlin("demo04");

    Demo04RecurringTemplates.Result result = Demo04RecurringTemplates.run(db, userId, NOW);

    assertThat(result.created().timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(result.created().nextDueAt()).isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
    // Policy LATEST: of the eight passed Mondays and Thursdays only Thursday 26 March is made.
    assertThat(result.first().created())
        .extracting(Task::title, Task::occurrenceAt)
        .containsExactly(tuple("Stand-up", Instant.parse("2026-03-26T08:00:00Z")));
    assertThat(result.first().created().getFirst().templateId()).isEqualTo(result.created().id());
    assertThat(result.second().created()).isEmpty();
    assertThat(result.paused().paused()).isTrue();
    assertThat(db.recurring().get(userId, result.created().id()).active()).isTrue();
  }

  @Test
  void demo05ConversationKeepsTheToolCallAndItsResultInOrder() {
    UUID userId = userInBerlin("demo05");

    Demo05Conversations.Result result = Demo05Conversations.run(db, userId);

    assertThat(result.context())
        .extracting(Message::seq, Message::role)
        .containsExactly(
            tuple(1L, MessageRole.SYSTEM),
            tuple(2L, MessageRole.USER),
            tuple(3L, MessageRole.ASSISTANT),
            tuple(4L, MessageRole.TOOL),
            tuple(5L, MessageRole.ASSISTANT));
    assertThat(result.context().get(2).toolCalls())
        .extracting(ToolCall::name)
        .containsExactly("create_task");
    assertThat(result.context().get(3).toolCallId()).isEqualTo("call_1");
    assertThat(result.conversations().items())
        .extracting(Conversation::title, Conversation::lastMessageSeq)
        .containsExactly(tuple("Groceries", 5L));
    assertThat(result.retried()).isEqualTo(result.created());
    assertThat(
            db.tasks()
                .query(
                    userId,
                    io.todokit.dao.tasks.TaskQuery.all(),
                    io.todokit.dao.PageRequest.first(10))
                .items())
        .extracting(Task::title)
        .containsExactly("Buy bread");
    assertThat(result.effects())
        .singleElement()
        .satisfies(
            effect -> {
              assertThat(effect.taskId()).isEqualTo(result.created().id());
              assertThat(effect.kind()).isEqualTo(io.todokit.dao.tasks.TaskEffectKind.CREATED);
              assertThat(effect.origin().toolCallId()).isEqualTo("call_2");
              assertThat(effect.origin().conversationId())
                  .isEqualTo(result.conversations().items().getFirst().id());
            });
  }

  @Test
  void demo06UsersAreFoundByEmailInAnyCaseAndMoveZones() {
    Demo06Users.Result result = Demo06Users.run(db, "demo06");

    assertThat(result.created().email()).isEqualTo("demo06@example.org");
    assertThat(result.created().timeZone()).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(result.found()).map(User::id).hasValue(result.created().id());
    assertThat(result.moved().timeZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
    assertThat(result.refusedField()).isEqualTo("time_zone");
  }

  @Test
  void demo07TransactionsWriteAllOrNothing() {
    UUID userId = userInBerlin("demo07");

    Demo07Transactions.Result result = Demo07Transactions.run(db, userId);

    assertThat(result.task().title()).isEqualTo("Buy milk");
    assertThat(db.tags().tagsOf(userId, result.task().id()))
        .extracting(Tag::name)
        .containsExactly("errands");
    assertThat(result.failure().entity()).isEqualTo("tag");
    assertThat(result.tagsAfterFailure()).containsExactly("errands");
  }
}
