package io.todokit.bench.dao;

import io.todokit.dao.PageRequest;
import io.todokit.dao.TodoDb;
import io.todokit.dao.conversations.ContextWindow;
import io.todokit.dao.conversations.NewMessage;
import io.todokit.dao.recurring.MissedPolicy;
import io.todokit.dao.recurring.NewRecurringTask;
import io.todokit.dao.recurring.RecurringTask;
import io.todokit.dao.recurring.RecurringTaskPatch;
import io.todokit.dao.tags.NewTag;
import io.todokit.dao.tasks.Priority;
import io.todokit.dao.tasks.TagFilter;
import io.todokit.dao.tasks.Task;
import io.todokit.dao.tasks.TaskPatch;
import io.todokit.dao.tasks.TaskQuery;
import io.todokit.dao.users.NewUser;
import io.todokit.recurrence.RecurrenceSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Every public DAO method, called once on the dataset's data: what {@link PlansMain} runs to
 * capture the plan of every statement the DAOs send.
 */
final class DaoCalls {

  /** One DAO call; a write runs in a transaction that is rolled back. */
  record Call(String name, boolean write, Consumer<TodoDb> body) {}

  private DaoCalls() {}

  static List<Call> all(Dataset data, int u) {
    Instant now = Dataset.NOW;
    UUID user = data.userId(u);
    UUID tag0 = data.tagId(u, 0);
    UUID tag1 = data.tagId(u, 1);
    UUID task = data.taskId(u, 0);
    int recurringIndex = data.openRecurringTask(u, 0);
    // complete() of an open recurring task, so that the plans show the next task's statements
    UUID recurringUser = user;
    UUID recurring = data.taskId(u, Math.max(recurringIndex, 0));
    for (int other = u; recurringIndex < 0 && other < data.users(); other++) {
      recurringIndex = data.openRecurringTask(other, 0);
      recurringUser = data.userId(other);
      recurring = data.taskId(other, Math.max(recurringIndex, 0));
    }
    UUID completer = recurringUser;
    UUID completed = recurring;
    UUID template = data.templateId(u, 0);
    UUID conversation = data.conversationId(u, 0);
    RecurrenceSpec weekly =
        io.todokit.dao.RecurrenceJson.parse(
            "{\"frequency\":\"weekly\",\"interval\":1,\"days\":[\"monday\"]}");
    List<Call> calls = new ArrayList<>();
    // tasks
    calls.add(read("tasks.overdue", db -> db.tasks().overdue(user, now)));
    calls.add(read("tasks.dueToday", db -> db.tasks().dueToday(user, now)));
    calls.add(
        read(
            "tasks.dueBetween",
            db -> db.tasks().dueBetween(user, now, now.plusSeconds(7 * 86_400))));
    calls.add(read("tasks.byTag", db -> db.tasks().byTag(user, tag0)));
    calls.add(
        read(
            "tasks.withTags.any",
            db -> db.tasks().withTags(user, TagFilter.anyOf(List.of(tag0, tag1)))));
    calls.add(
        read(
            "tasks.withTags.all",
            db -> db.tasks().withTags(user, TagFilter.allOf(List.of(tag0, tag1)))));
    calls.add(
        read(
            "tasks.withTags.none",
            db -> db.tasks().withTags(user, TagFilter.noneOf(List.of(tag0)))));
    calls.add(
        read(
            "tasks.byPriority",
            db -> db.tasks().byPriority(user, EnumSet.of(Priority.URGENT, Priority.HIGH))));
    calls.add(
        read(
            "tasks.query.page1",
            db -> db.tasks().query(user, TaskQuery.open(), PageRequest.first())));
    calls.add(
        read(
            "tasks.query.page2",
            db -> {
              var first = db.tasks().query(user, TaskQuery.open(), PageRequest.first(10));
              db.tasks().query(user, TaskQuery.open(), first.next().orElseThrow());
            }));
    calls.add(
        read(
            "tasks.query.filtered",
            db ->
                db.tasks()
                    .query(
                        user,
                        TaskQuery.all()
                            .withPriorities(Set.of(Priority.HIGH, Priority.URGENT))
                            .withTags(TagFilter.anyOf(List.of(tag0)))
                            .withDueBetween(now.minusSeconds(30 * 86_400), now),
                        PageRequest.first(20))));
    calls.add(
        read(
            "tasks.query.overdue",
            db ->
                db.tasks().query(user, TaskQuery.open().withOverdueAt(now), PageRequest.first())));
    calls.add(
        read(
            "tasks.query.text",
            db -> db.tasks().query(user, TaskQuery.all().withText("rent"), PageRequest.first())));
    calls.add(read("tasks.find", db -> db.tasks().find(user, task)));
    calls.add(
        write(
            "tasks.create",
            db ->
                db.tasks()
                    .create(
                        user,
                        io.todokit.dao.tasks.NewTask.titled("Plan task")
                            .withDueAt(now.plusSeconds(86_400))
                            .withRecurrence(weekly)
                            .withTagIds(List.of(tag0, tag1)))));
    calls.add(
        write(
            "tasks.createAll",
            db ->
                db.tasks()
                    .createAll(
                        user,
                        List.of(
                            io.todokit.dao.tasks.NewTask.titled("Plan task 1")
                                .withTagIds(List.of(tag0, tag1)),
                            io.todokit.dao.tasks.NewTask.titled("Plan task 2")
                                .withDueAt(now.plusSeconds(86_400))))));
    calls.add(
        write(
            "tasks.update",
            db -> {
              Task current = db.tasks().get(user, task);
              db.tasks()
                  .update(
                      user,
                      task,
                      current.version(),
                      TaskPatch.empty().withTitle("Renamed").withDueAt(now).withRecurrence(weekly));
            }));
    calls.add(write("tasks.complete", db -> db.tasks().complete(completer, completed)));
    calls.add(write("tasks.reopen", db -> db.tasks().reopen(user, task)));
    calls.add(write("tasks.delete", db -> db.tasks().delete(user, task)));
    // tags
    calls.add(read("tags.list", db -> db.tags().list(user)));
    calls.add(read("tags.get", db -> db.tags().get(user, tag0)));
    calls.add(read("tags.tagsOf", db -> db.tags().tagsOf(user, task)));
    calls.add(write("tags.create", db -> db.tags().create(user, NewTag.named("plans"))));
    calls.add(write("tags.rename", db -> db.tags().rename(user, tag0, "office")));
    calls.add(write("tags.recolor", db -> db.tags().recolor(user, tag0, "#112233")));
    calls.add(write("tags.delete", db -> db.tags().delete(user, tag1)));
    calls.add(
        write("tags.setTaskTags", db -> db.tags().setTaskTags(user, task, List.of(tag0, tag1))));
    calls.add(write("tags.addTag", db -> db.tags().addTag(user, task, tag1)));
    calls.add(
        write(
            "tags.addTags",
            db -> db.tags().addTags(user, java.util.Map.of(task, List.of(tag0, tag1)))));
    calls.add(write("tags.removeTag", db -> db.tags().removeTag(user, task, tag0)));
    // reminders
    calls.add(read("reminders.due", db -> db.reminders().due(now.minusSeconds(3_600), now)));
    calls.add(
        write(
            "reminders.claim",
            db ->
                db.withClock(Clock.fixed(now, ZoneOffset.UTC))
                    .reminders()
                    .claim(io.todokit.dao.reminders.ClaimRequest.of(100))));
    calls.add(
        write(
            "reminders.add",
            db ->
                db.reminders()
                    .add(
                        user,
                        task,
                        io.todokit.dao.reminders.ReminderSpec.at(now.plusSeconds(600)))));
    // recurring templates
    calls.add(read("recurring.get", db -> db.recurring().get(user, template)));
    calls.add(read("recurring.list", db -> db.recurring().list(user)));
    calls.add(
        write(
            "recurring.create",
            db ->
                db.recurring()
                    .create(
                        user,
                        NewRecurringTask.of("Plan template", weekly, now.minusSeconds(86_400)))));
    calls.add(
        write(
            "recurring.update",
            db ->
                db.recurring()
                    .update(user, template, RecurringTaskPatch.empty().withTitle("Renamed"))));
    calls.add(
        write(
            "recurring.pauseResume",
            db -> {
              RecurringTask paused = db.recurring().pause(user, template);
              db.recurring().resume(user, paused.id());
            }));
    calls.add(write("recurring.delete", db -> db.recurring().delete(user, template)));
    calls.add(
        write(
            "recurring.materializeDue",
            db -> db.withClock(Clock.fixed(now, ZoneOffset.UTC)).recurring().materializeDue(100)));
    calls.add(
        write(
            "recurring.materializeDue.all",
            db ->
                db.withClock(Clock.fixed(now, ZoneOffset.UTC))
                    .recurring()
                    .materializeDue(10, MissedPolicy.ALL)));
    // conversations
    calls.add(read("conversations.get", db -> db.conversations().get(user, conversation)));
    calls.add(
        read(
            "conversations.list",
            db -> {
              var page = db.conversations().list(user, PageRequest.first(1));
              db.conversations().list(user, page.next().orElseThrow());
            }));
    calls.add(
        read(
            "conversations.messages",
            db -> {
              var page = db.conversations().messages(user, conversation, PageRequest.first(20));
              db.conversations().messages(user, conversation, page.next().orElseThrow());
            }));
    calls.add(
        read(
            "conversations.window",
            db -> db.conversations().window(user, conversation, ContextWindow.of(50))));
    calls.add(write("conversations.create", db -> db.conversations().create(user)));
    calls.add(
        write(
            "conversations.rename",
            db -> db.conversations().rename(user, conversation, "Renamed")));
    calls.add(
        write(
            "conversations.append",
            db -> db.conversations().append(user, conversation, NewMessage.user("Plan message"))));
    calls.add(
        write(
            "conversations.appendToolAnswer",
            db ->
                db.conversations()
                    .append(
                        user,
                        conversation,
                        NewMessage.tool(Dataset.toolCallId(u, 0, 4), "Found 2 tasks"))));
    calls.add(write("conversations.delete", db -> db.conversations().delete(user, conversation)));
    // users
    calls.add(read("users.find", db -> db.users().find(user)));
    calls.add(
        read(
            "users.findByEmail",
            db -> db.users().findByEmail(Loader.username(u) + "@example.org")));
    calls.add(read("users.findByUsername", db -> db.users().findByUsername(Loader.username(u))));
    calls.add(
        write(
            "users.create",
            db -> db.users().create(NewUser.of("planuser", "planuser@example.org", "x-hash"))));
    calls.add(
        write("users.setTimeZone", db -> db.users().setTimeZone(user, ZoneId.of("Europe/Paris"))));
    calls.add(
        write(
            "users.deactivateActivate",
            db -> {
              db.users().deactivate(user);
              db.users().activate(user);
            }));
    return calls;
  }

  private static Call read(String name, Consumer<TodoDb> body) {
    return new Call(name, false, body);
  }

  private static Call write(String name, Consumer<TodoDb> body) {
    return new Call(name, true, body);
  }
}
