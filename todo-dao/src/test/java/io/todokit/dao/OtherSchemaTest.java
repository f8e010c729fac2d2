package io.todokit.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.dao.conversations.NewMessage;
import io.todokit.dao.recurring.NewRecurringTask;
import io.todokit.dao.tags.NewTag;
import io.todokit.dao.tasks.NewTask;
import io.todokit.dao.tasks.Task;
import io.todokit.dao.users.NewUser;
import io.todokit.schema.SchemaException;
import io.todokit.schema.TodoSchema;
import io.todokit.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * todokit's tables in a schema other than the default, beside a service whose own tables are named
 * like todokit's and come first on its search path: every DAO statement, the plain-SQL ones and the
 * message trigger included, must reach todokit's schema and nothing else.
 */
class OtherSchemaTest {

  private static final TodoSchema SCHEMA = TodoSchema.in("Todo App");
  private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");

  /** The service's own tables, named like todokit's, in public. */
  private static void addDecoys(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE public.users (id uuid);"
              + "CREATE TABLE public.tasks (id uuid);"
              + "CREATE TABLE public.conversations (id uuid, user_id uuid, last_message_seq int);"
              + "CREATE TABLE public.recurring_tasks (id uuid)");
    }
  }

  @Test
  void everyDaoWorksInItsSchemaAndNeverTouchesTheServicesTables() throws SQLException {
    try (TestDatabase database = TestDatabase.empty()) {
      DataSource dataSource = database.dataSource();
      addDecoys(dataSource);
      SCHEMA.migrate(dataSource);
      TodoDb db = TodoDb.create(dataSource, SCHEMA).withClock(Clock.fixed(NOW, ZoneOffset.UTC));

      assertThat(db.schema()).isEqualTo(SCHEMA);
      UUID user = db.users().create(NewUser.of("ada", "ada@example.org", "hash")).id();
      var tag = db.tags().create(user, NewTag.named("home"));
      Task task =
          db.tasks()
              .create(
                  user,
                  NewTask.titled("Pay rent")
                      .withDueAt(NOW.minusSeconds(60))
                      .withReminders(
                          io.todokit.dao.reminders.ReminderSpec.at(NOW.minusSeconds(120)))
                      .withTagIds(List.of(tag.id())));
      assertThat(db.tasks().overdue(user, NOW)).extracting(Task::id).containsExactly(task.id());
      assertThat(
              db.withClock(Clock.fixed(NOW, ZoneOffset.UTC))
                  .reminders()
                  .claim(io.todokit.dao.reminders.ClaimRequest.of(10)))
          .hasSize(1);
      var conversation = db.conversations().create(user, "Chat");
      db.conversations().append(user, conversation.id(), NewMessage.user("hi"));
      assertThat(
              db.conversations()
                  .append(user, conversation.id(), NewMessage.assistant("hello"))
                  .seq())
          .isEqualTo(2);
      db.recurring()
          .create(
              user,
              NewRecurringTask.of(
                  "Stand-up",
                  RecurrenceJson.parse("{\"frequency\": \"daily\"}"),
                  NOW.minusSeconds(3600)));
      assertThat(
              db.withClock(Clock.fixed(NOW, ZoneOffset.UTC))
                  .recurring()
                  .materializeDue(10)
                  .created())
          .isNotEmpty();
      db.transaction(tx -> tx.tasks().complete(user, task.id()));

      assertThat(count(dataSource, "public.users")).isZero();
      assertThat(count(dataSource, "public.tasks")).isZero();
      assertThat(count(dataSource, "public.conversations")).isZero();
      assertThat(count(dataSource, "public.recurring_tasks")).isZero();
      assertThat(count(dataSource, "\"Todo App\".tasks")).isEqualTo(2);
      assertThat(SCHEMA.verify(dataSource).failures()).isEmpty();
    }
  }

  @Test
  void aServicesJooqContextWithItsOwnSettingsStillReachesTodokitsSchema() throws SQLException {
    try (TestDatabase database = TestDatabase.empty()) {
      DataSource dataSource = database.dataSource();
      addDecoys(dataSource);
      SCHEMA.migrate(dataSource);
      // A service's context: schema names off, identifiers unquoted.
      var serviceDsl =
          DSL.using(
              dataSource,
              SQLDialect.POSTGRES,
              new Settings()
                  .withRenderSchema(false)
                  .withRenderQuotedNames(RenderQuotedNames.NEVER));

      TodoDb db = TodoDb.create(serviceDsl, SCHEMA);
      UUID user = db.users().create(NewUser.of("bob", "bob@example.org", "hash")).id();
      db.tasks().create(user, NewTask.titled("Water the plants"));

      assertThat(count(dataSource, "\"Todo App\".tasks")).isOne();
      assertThat(count(dataSource, "public.tasks")).isZero();
      assertThat(serviceDsl.settings().isRenderSchema()).as("the service's own settings").isFalse();
    }
  }

  @Test
  void theDefaultSchemaIsCheckedAtCreateAndNamesTheSchemaToMigrate() {
    try (TestDatabase database = TestDatabase.empty()) {
      SCHEMA.migrate(database.dataSource());

      assertThatThrownBy(() -> TodoDb.create(database.dataSource()))
          .isInstanceOf(SchemaException.class)
          .hasMessageStartingWith("todokit schema \"todokit\" has no todokit migrations applied");
      assertThat(TodoDb.create(database.dataSource(), SCHEMA).schema().schemaName())
          .isEqualTo("Todo App");
    }
  }

  private static long count(DataSource dataSource, String table) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
