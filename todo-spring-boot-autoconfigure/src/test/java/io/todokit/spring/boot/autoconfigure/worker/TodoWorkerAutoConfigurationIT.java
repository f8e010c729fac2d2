package io.todokit.spring.boot.autoconfigure.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.RecurrenceJson;
import io.todokit.dao.TodoDb;
import io.todokit.dao.recurring.NewRecurringTask;
import io.todokit.dao.reminders.ReminderClaim;
import io.todokit.dao.reminders.ReminderSpec;
import io.todokit.dao.reminders.ReminderState;
import io.todokit.dao.tasks.NewTask;
import io.todokit.dao.users.NewUser;
import io.todokit.spring.boot.autoconfigure.TodoAutoConfiguration;
import io.todokit.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The workers: off by default, the reminders worker only with a handler, and what they do. */
class TodoWorkerAutoConfigurationIT {

  private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");

  private TestDatabase database;
  private ApplicationContextRunner runner;

  @BeforeEach
  void migratedDatabase() {
    database = TestDatabase.migrated();
    runner =
        new ApplicationContextRunner()
            .withConfiguration(
                AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    TodoAutoConfiguration.class,
                    TodoWorkerAutoConfiguration.class))
            .withBean(Clock.class, () -> Clock.fixed(NOW, ZoneOffset.UTC))
            .withPropertyValues(
                "spring.datasource.url=" + database.jdbcUrl(),
                "spring.datasource.username=" + database.username(),
                "spring.datasource.password=" + database.password(),
                "todokit.worker.reminders.interval=50ms",
                "todokit.worker.templates.interval=50ms");
  }

  @AfterEach
  void dropDatabase() {
    database.close();
  }

  @Test
  void byDefaultNoWorkerRuns() {
    runner
        .withBean(ReminderHandler.class, () -> reminder -> {})
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(TodoWorker.class);
            });
  }

  @Test
  void withoutAReminderHandlerOnlyTheTemplateWorkerRuns() {
    runner
        .withPropertyValues("todokit.worker.enabled=true")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasSingleBean(TodoWorker.class);
              assertThat(context).hasBean("todokitTemplateWorker");
              assertThat(context).doesNotHaveBean("todokitReminderWorker");
              assertThat(context).hasBean("todokitNoReminderHandlerNotice");
            });
  }

  @Test
  void eachWorkerCanBeTurnedOffOnItsOwn() {
    runner
        .withBean(ReminderHandler.class, () -> reminder -> {})
        .withPropertyValues("todokit.worker.enabled=true", "todokit.worker.templates.enabled=false")
        .run(
            context -> {
              assertThat(context).hasSingleBean(TodoWorker.class);
              assertThat(context).hasBean("todokitReminderWorker");
            });
  }

  @Test
  void theReminderWorkerHandsEachDueReminderToTheHandlerAndNacksItsFailuresForARetry() {
    List<ReminderClaim> handled = new CopyOnWriteArrayList<>();
    ReminderHandler handler =
        reminder -> {
          handled.add(reminder);
          if (reminder.title().equals("fails")) {
            throw new IllegalStateException("the mail server is down");
          }
        };
    runner
        .withBean(ReminderHandler.class, () -> handler)
        .withPropertyValues("todokit.worker.enabled=true", "todokit.worker.reminders.batch-size=2")
        .run(
            context -> {
              TodoDb db = context.getBean(TodoDb.class);
              UUID user = db.users().create(NewUser.of("gina", "g@example.com", "h")).id();
              for (String title : List.of("fails", "second", "third")) {
                db.tasks()
                    .create(
                        user,
                        NewTask.titled(title)
                            .withDueAt(NOW.plusSeconds(3600))
                            .withReminders(ReminderSpec.at(NOW.minusSeconds(60))));
              }
              db.tasks()
                  .create(
                      user,
                      NewTask.titled("later")
                          .withDueAt(NOW.plusSeconds(7200))
                          .withReminders(ReminderSpec.at(NOW.plusSeconds(60))));

              TodoWorker worker = context.getBean("todokitReminderWorker", TodoWorker.class);
              awaitUntil(() -> handled.size() >= 3 && worker.iterations() >= 3);

              assertThat(handled)
                  .extracting(ReminderClaim::title)
                  .containsExactlyInAnyOrder("fails", "second", "third");
              assertThat(worker.failures()).isZero();
              ReminderClaim failed =
                  handled.stream().filter(r -> r.title().equals("fails")).findFirst().orElseThrow();
              awaitUntil(
                  () ->
                      db.reminders().get(user, failed.reminderId()).state()
                          == ReminderState.PENDING);
              assertThat(db.reminders().get(user, failed.reminderId()).lastError())
                  .contains("the mail server is down");
            });
  }

  @Test
  void theTemplateWorkerTurnsADueOccurrenceIntoATask() {
    runner
        .withPropertyValues("todokit.worker.enabled=true")
        .run(
            context -> {
              TodoDb db = context.getBean(TodoDb.class);
              UUID user = db.users().create(NewUser.of("hugo", "hu@example.com", "h")).id();
              db.recurring()
                  .create(
                      user,
                      NewRecurringTask.of(
                          "Water the plants",
                          RecurrenceJson.parse("{\"frequency\": \"daily\"}"),
                          NOW.minusSeconds(3600)));

              awaitUntil(() -> tasksMadeFromTemplates(user) == 1);
              TodoWorker worker = context.getBean("todokitTemplateWorker", TodoWorker.class);
              long iterations = worker.iterations();
              awaitUntil(() -> worker.iterations() >= iterations + 2);

              // The clock stands still, so the next occurrence is never due: made once, only once.
              assertThat(tasksMadeFromTemplates(user)).isEqualTo(1);
              assertThat(worker.failures()).isZero();
            });
  }

  private long tasksMadeFromTemplates(UUID user) {
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT count(*) FROM todokit.tasks WHERE user_id = ? AND title = 'Water the"
                    + " plants'")) {
      statement.setObject(1, user);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theWorkersStopWithTheContext() {
    runner
        .withBean(ReminderHandler.class, () -> reminder -> {})
        .withPropertyValues("todokit.worker.enabled=true")
        .run(
            context -> {
              List<TodoWorker> workers =
                  List.copyOf(context.getBeansOfType(TodoWorker.class).values());
              assertThat(workers).hasSize(2).allMatch(TodoWorker::isRunning);
              context.close();
              assertThat(workers).noneMatch(TodoWorker::isRunning);
            });
  }

  private static void awaitUntil(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 20 seconds");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
