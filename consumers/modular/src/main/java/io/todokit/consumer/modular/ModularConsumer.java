package io.todokit.consumer.modular;

import io.todokit.dao.Page;
import io.todokit.dao.PageRequest;
import io.todokit.dao.TodoDb;
import io.todokit.dao.conversations.Conversation;
import io.todokit.dao.conversations.Message;
import io.todokit.dao.conversations.NewMessage;
import io.todokit.dao.conversations.ToolCall;
import io.todokit.dao.recurring.NewRecurringTask;
import io.todokit.dao.recurring.RecurringTask;
import io.todokit.dao.tags.NewTag;
import io.todokit.dao.tags.Tag;
import io.todokit.dao.tasks.NewTask;
import io.todokit.dao.tasks.TagFilter;
import io.todokit.dao.tasks.Task;
import io.todokit.dao.tasks.TaskQuery;
import io.todokit.dao.users.NewUser;
import io.todokit.dao.users.User;
import io.todokit.recurrence.RecurrenceSpec;
import io.todokit.schema.SchemaInfo;
import io.todokit.schema.TodoSchema;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * What a modular service does with todokit: migrate, then use each part of the API that reads or
 * writes JSON, enums, time zones and tags (where reflection or a missing {@code requires} would
 * show up). Stateless.
 */
public final class ModularConsumer {

  private ModularConsumer() {}

  /** What {@link #run} saw, for the test to check. */
  public record Outcome(
      SchemaInfo schema,
      Task task,
      List<Tag> tagsOfTask,
      Page<Task> taggedPage,
      RecurringTask template,
      Page<Message> messages) {}

  /**
   * Migrates todokit's schema in an empty database and uses the DAOs once each.
   *
   * @param dataSource an empty PostgreSQL database
   * @return what the calls returned
   */
  public static Outcome run(DataSource dataSource) {
    SchemaInfo schema = TodoSchema.standard().migrate(dataSource);
    TodoDb db = TodoDb.create(dataSource);

    User user = db.users().create(NewUser.of("modular", "modular@example.org", "hash"));
    Tag home = db.tags().create(user.id(), NewTag.named("home").withColor("#00aa00"));
    Task task =
        db.tasks()
            .create(
                user.id(),
                NewTask.titled("Water the plants")
                    .withDueAt(Instant.parse("2030-01-01T18:00:00Z"))
                    .withRecurrence(RecurrenceSpec.daily(2))
                    .withTagIds(List.of(home.id())));
    db.tasks().create(user.id(), NewTask.titled("Untagged"));
    Page<Task> tagged =
        db.tasks()
            .query(
                user.id(),
                TaskQuery.open().withTags(TagFilter.anyOf(List.of(home.id()))),
                PageRequest.first(10));
    RecurringTask template =
        db.recurring()
            .create(
                user.id(),
                NewRecurringTask.of(
                    "Stand-up", RecurrenceSpec.daily(1), Instant.parse("2030-01-01T09:00:00Z")));

    Conversation conversation = db.conversations().create(user.id(), "Plants");
    db.conversations().append(user.id(), conversation.id(), NewMessage.user("Remind me daily"));
    db.conversations()
        .append(
            user.id(),
            conversation.id(),
            NewMessage.assistantToolCalls("", List.of(ToolCall.of("call-1", "create_task", "{}"))));
    db.conversations()
        .append(user.id(), conversation.id(), NewMessage.tool("call-1", "{\"ok\":true}"));
    Page<Message> messages =
        db.conversations().messages(user.id(), conversation.id(), PageRequest.first(10));

    return new Outcome(
        schema, task, db.tags().tagsOf(user.id(), task.id()), tagged, template, messages);
  }
}
