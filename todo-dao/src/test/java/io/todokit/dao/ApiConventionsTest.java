package io.todokit.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.dao.conversations.ContextWindow;
import io.todokit.dao.conversations.Conversation;
import io.todokit.dao.conversations.MessageRole;
import io.todokit.dao.conversations.NewMessage;
import io.todokit.dao.conversations.ToolCall;
import io.todokit.dao.recurring.MaterializeResult;
import io.todokit.dao.recurring.MissedPolicy;
import io.todokit.dao.recurring.NewRecurringTask;
import io.todokit.dao.recurring.RecurringTask;
import io.todokit.dao.recurring.RecurringTaskPatch;
import io.todokit.dao.tags.NewTag;
import io.todokit.dao.tags.Tag;
import io.todokit.dao.tasks.NewTask;
import io.todokit.dao.tasks.Priority;
import io.todokit.dao.tasks.Task;
import io.todokit.dao.tasks.TaskQuery;
import io.todokit.dao.users.User;
import io.todokit.recurrence.RecurrenceMode;
import io.todokit.recurrence.RecurrenceSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The rules of docs/api-conventions.md that hold across every DAO. */
class ApiConventionsTest extends DaoTestSupport {

  private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");

  private final TodoDb at = dbAt(NOW);

  private static void assertNotFound(ThrowingCallable call, String entity, UUID id) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.entity()).isEqualTo(entity);
              assertThat(e.id()).isEqualTo(id.toString());
            });
  }

  // ---- find returns Optional, get throws NotFoundException -------------------------------------

  @Test
  void everyDaoWithRowsByIdHasFindAndGet() {
    UUID user = newUser();
    Task task = at.tasks().create(user, NewTask.titled("t"));
    Tag tag = at.tags().create(user, NewTag.named("n"));
    RecurringTask template =
        at.recurring()
            .create(user, NewRecurringTask.of("r", RecurrenceSpec.daily(1), NOW.plusSeconds(60)));
    Conversation conversation = at.conversations().create(user, "c");

    assertThat(at.tasks().find(user, task.id())).contains(task);
    assertThat(at.tasks().get(user, task.id())).isEqualTo(task);
    assertThat(at.tags().find(user, tag.id())).contains(tag);
    assertThat(at.tags().get(user, tag.id())).isEqualTo(tag);
    assertThat(at.recurring().find(user, template.id())).contains(template);
    assertThat(at.recurring().get(user, template.id())).isEqualTo(template);
    assertThat(at.conversations().find(user, conversation.id())).contains(conversation);
    assertThat(at.conversations().get(user, conversation.id())).isEqualTo(conversation);
    User stored = at.users().find(user).orElseThrow();
    assertThat(at.users().get(user)).isEqualTo(stored);
  }

  @Test
  void findIsEmptyAndGetIsNotFoundForAnotherUsersOrAMissingRow() {
    UUID owner = newUser();
    UUID other = newUser();
    Task task = at.tasks().create(owner, NewTask.titled("t"));
    Tag tag = at.tags().create(owner, NewTag.named("n"));
    RecurringTask template =
        at.recurring()
            .create(owner, NewRecurringTask.of("r", RecurrenceSpec.daily(1), NOW.plusSeconds(60)));
    Conversation conversation = at.conversations().create(owner, "c");
    UUID ghost = UUID.randomUUID();

    assertThat(at.tasks().find(other, task.id())).isEmpty();
    assertNotFound(() -> at.tasks().get(other, task.id()), "task", task.id());
    assertThat(at.tags().find(other, tag.id())).isEmpty();
    assertNotFound(() -> at.tags().get(other, tag.id()), "tag", tag.id());
    assertThat(at.recurring().find(other, template.id())).isEmpty();
    assertNotFound(() -> at.recurring().get(other, template.id()), "recurring task", template.id());
    assertThat(at.conversations().find(other, conversation.id())).isEmpty();
    assertNotFound(
        () -> at.conversations().get(other, conversation.id()), "conversation", conversation.id());
    assertThat(at.users().find(ghost)).isEmpty();
    assertNotFound(() -> at.users().get(ghost), "user", ghost);
  }

  // ---- every change of a versioned row returns it with its new version -------------------------

  @Test
  void addingAReminderToAMissingTaskIsNotFound() {
    UUID user = newUser();
    UUID ghost = UUID.randomUUID();

    assertNotFound(
        () -> at.reminders().add(user, ghost, io.todokit.dao.reminders.ReminderSpec.at(NOW)),
        "task",
        ghost);
  }

  // ---- commands and patches are validated when built -------------------------------------------

  private static void assertInvalid(ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void newRecurringTaskFactoriesAndWithersRefuseBadValuesNamingTheField() {
    RecurrenceSpec daily = RecurrenceSpec.daily(1);
    NewRecurringTask ok = NewRecurringTask.of("r", daily, NOW);

    assertInvalid(() -> NewRecurringTask.of(" ", daily, NOW), "title");
    assertInvalid(() -> NewRecurringTask.of("r", null, NOW), "recurrence_rule");
    assertInvalid(() -> NewRecurringTask.of("r", daily, (Instant) null), "starts_at");
    assertInvalid(
        () -> NewRecurringTask.of("r", daily.withMode(RecurrenceMode.AFTER_COMPLETION), NOW),
        "recurrence_rule.mode");
    assertInvalid(() -> ok.withDescription("a\u0000b"), "description");
    assertInvalid(() -> ok.withPriority(null), "priority");
    assertInvalid(() -> ok.withMissedPolicy(null), "missed_policy");
    assertInvalid(() -> ok.withTimeZone(ZoneOffset.ofHours(2)), "time_zone");
    assertInvalid(() -> ok.withTimeZone(null), "time_zone");
  }

  @Test
  void newRecurringTaskFactoriesSpellTheDefaultsOut() {
    NewRecurringTask template = NewRecurringTask.of(" r ", RecurrenceSpec.daily(1), NOW);

    assertThat(template.title()).isEqualTo("r");
    assertThat(template.priority()).isEqualTo(Priority.MEDIUM);
    assertThat(template.missedPolicy()).isEqualTo(MissedPolicy.LATEST);
    assertThat(template.timeZone()).isNull(); // the user's zone, which only the database knows
  }

  @Test
  void recurringTaskPatchWithersRefuseBadValuesNamingTheField() {
    RecurringTaskPatch empty = RecurringTaskPatch.empty();

    assertInvalid(() -> empty.withTitle(null), "title");
    assertInvalid(() -> empty.withTitle(""), "title");
    assertInvalid(() -> empty.withDescription("x".repeat(10_001)), "description");
    assertInvalid(() -> empty.withPriority(null), "priority");
    assertInvalid(() -> empty.withRecurrence(null), "recurrence_rule");
    assertInvalid(() -> empty.withTimeZone(ZoneId.of("GMT")), "time_zone");
    assertInvalid(() -> empty.withMissedPolicy(null), "missed_policy");
    assertThat(empty.isEmpty()).isTrue();
    assertThat(empty.withDescription(null).isEmpty()).isFalse();
    assertThat(empty.withTitle(" a ")).isEqualTo(empty.withTitle("a"));
  }

  @Test
  void recurringTaskPatchClearsTheDescriptionWithNullAndAnEmptyPatchChangesNothing() {
    UUID user = newUser();
    RecurringTask template =
        at.recurring()
            .create(
                user,
                NewRecurringTask.of("r", RecurrenceSpec.daily(1), NOW.plusSeconds(60))
                    .withDescription("d"));
    TodoDb later = dbAt(NOW.plus(Duration.ofHours(1)));

    RecurringTask unchanged =
        later.recurring().update(user, template.id(), RecurringTaskPatch.empty());
    RecurringTask cleared =
        later
            .recurring()
            .update(user, template.id(), RecurringTaskPatch.empty().withDescription(null));

    assertThat(unchanged).isEqualTo(template);
    assertThat(cleared.description()).isNull();
    assertThat(cleared.title()).isEqualTo("r");
    assertNotFound(
        () -> at.recurring().update(newUser(), template.id(), RecurringTaskPatch.empty()),
        "recurring task",
        template.id());
  }

  @Test
  void newMessageFactoriesRefuseBadValuesNamingTheField() {
    assertInvalid(() -> NewMessage.user(null), "content");
    assertInvalid(() -> NewMessage.user("a\u0000b"), "content");
    assertInvalid(() -> NewMessage.assistantToolCalls("", List.of()), "tool_calls");
    assertInvalid(
        () -> NewMessage.assistantToolCalls("", List.of(ToolCall.of("c", "f", "not json"))),
        "tool_calls[0].arguments");
    assertInvalid(
        () -> NewMessage.assistantToolCalls("", List.of(ToolCall.of("c", "f", "{} {}"))),
        "tool_calls[0].arguments");
    assertInvalid(
        () ->
            NewMessage.assistantToolCalls(
                "", List.of(ToolCall.of("c", "f", "{}"), ToolCall.of(" ", "f", "{}"))),
        "tool_calls[1].id");
    assertInvalid(
        () ->
            NewMessage.assistantToolCalls(
                "", List.of(ToolCall.of("c", "f", "{}"), ToolCall.of("c", "g", "{}"))),
        "tool_calls[1].id");
    assertInvalid(
        () -> NewMessage.assistantToolCalls("", List.of(ToolCall.of("c", "", "{}"))),
        "tool_calls[0].name");
    assertInvalid(() -> ToolCall.of("c", null, "{}"), "tool_call.name");
    assertInvalid(() -> NewMessage.tool(" ", "result"), "tool_call_id");
    assertInvalid(
        () -> new NewMessage(MessageRole.USER, "x", List.of(ToolCall.of("c", "f", "{}")), null),
        "tool_calls");
    assertInvalid(() -> new NewMessage(MessageRole.USER, "x", null, null), "tool_calls");
    assertInvalid(() -> new NewMessage(MessageRole.USER, "x", List.of(), "call_1"), "tool_call_id");
    assertInvalid(() -> new NewMessage(MessageRole.TOOL, "x", List.of(), null), "tool_call_id");
    assertThat(
            NewMessage.assistantToolCalls("", List.of(ToolCall.of("c", "f", "{ \"a\" : 1 }")))
                .toolCalls())
        .containsExactly(ToolCall.of("c", "f", "{ \"a\" : 1 }"));
  }

  // ---- one page request type, no null cursor ---------------------------------------------------

  @Test
  void pageRequestValidatesItsLimitAndCursorWhenBuilt() {
    assertThat(PageRequest.first().limit()).isEqualTo(50);
    assertThat(PageRequest.first().cursor()).isEmpty();
    assertThat(PageRequest.first(1).limit()).isEqualTo(1);
    assertThat(PageRequest.first(200).limit()).isEqualTo(200);
    assertInvalid(() -> PageRequest.first(0), "limit");
    assertInvalid(() -> PageRequest.first(201), "limit");
    assertInvalid(() -> PageRequest.after(null, 10), "cursor");
    assertInvalid(() -> PageRequest.after("", 10), "cursor");
    assertInvalid(() -> PageRequest.after("not a cursor!", 10), "cursor");
  }

  @Test
  void pageNextAsksForThePageAfterWithTheSameLimitAndTheLastPageHasNoNext() {
    UUID user = newUser();
    for (int i = 0; i < 3; i++) {
      at.tasks().create(user, NewTask.titled("t" + i));
    }

    Page<Task> first = at.tasks().query(user, TaskQuery.open(), PageRequest.first(2));
    PageRequest next = first.next().orElseThrow();
    Page<Task> second = at.tasks().query(user, TaskQuery.open(), next);

    assertThat(first.items()).hasSize(2);
    assertThat(next.limit()).isEqualTo(2);
    assertThat(next.cursor()).isEqualTo(first.nextCursor()).isPresent();
    assertThat(PageRequest.after(first.nextCursor().orElseThrow(), 2)).isEqualTo(next);
    assertThat(second.items()).hasSize(1).doesNotContainAnyElementsOf(first.items());
    assertThat(second.next()).isEmpty();
    assertThat(second.nextCursor()).isEmpty();
    assertThat(second.hasNext()).isFalse();
  }

  @Test
  void conversationsAndMessagesPageWithThePageRequestToo() {
    UUID user = newUser();
    Conversation a = at.conversations().create(user, "a");
    Conversation b = dbAt(NOW.plusSeconds(1)).conversations().create(user, "b");
    for (int i = 0; i < 3; i++) {
      at.conversations().append(user, a.id(), NewMessage.user("m" + i));
    }

    Page<Conversation> conversations = at.conversations().list(user, PageRequest.first(1));
    Page<Conversation> rest = at.conversations().list(user, conversations.next().orElseThrow());
    Page<io.todokit.dao.conversations.Message> messages =
        at.conversations().messages(user, a.id(), PageRequest.first(2));
    Page<io.todokit.dao.conversations.Message> last =
        at.conversations().messages(user, a.id(), messages.next().orElseThrow());

    assertThat(conversations.items()).hasSize(1);
    assertThat(rest.items()).hasSize(1).doesNotContainAnyElementsOf(conversations.items());
    assertThat(List.of(conversations.items().get(0).id(), rest.items().get(0).id()))
        .containsExactlyInAnyOrder(a.id(), b.id());
    assertThat(rest.next()).isEmpty();
    assertThat(messages.items()).extracting(m -> m.content()).containsExactly("m0", "m1");
    assertThat(last.items()).extracting(m -> m.content()).containsExactly("m2");
    assertThat(last.next()).isEmpty();
    assertThat(at.conversations().window(user, a.id(), ContextWindow.of(2)).messages())
        .extracting(m -> m.content())
        .containsExactly("m1", "m2");
    assertInvalid(() -> ContextWindow.of(0), "max_messages");
  }

  // ---- now comes from the TodoDb clock, with asOf overloads for reads ------------------------

  @Test
  void overdueAndDueTodayReadTheClockAndTheAsOfOverloadsTakeAnotherInstant() {
    UUID user = newUser();
    Task yesterday =
        at.tasks().create(user, NewTask.titled("y").withDueAt(NOW.minus(Duration.ofDays(1))));
    Task soon = at.tasks().create(user, NewTask.titled("s").withDueAt(NOW.plusSeconds(60)));

    assertThat(at.tasks().overdue(user)).containsExactly(yesterday);
    assertThat(at.tasks().overdue(user, NOW.plusSeconds(120))).containsExactly(yesterday, soon);
    assertThat(at.tasks().dueToday(user)).containsExactly(soon);
    assertThat(at.tasks().dueToday(user, NOW.minus(Duration.ofDays(1)))).containsExactly(yesterday);
    assertInvalid(() -> at.tasks().overdue(user, Instant.MAX), "as_of");
    assertInvalid(() -> at.tasks().dueToday(user, Instant.MIN), "as_of");
  }

  @Test
  void claimAndMaterializeDueTakeNowFromTheClockForWhatIsDueAndWhatTheyWrite() {
    UUID user = newUser();
    Task call =
        at.tasks()
            .create(
                user,
                NewTask.titled("call")
                    .withReminders(io.todokit.dao.reminders.ReminderSpec.at(NOW.plusSeconds(60))));
    at.recurring()
        .create(user, NewRecurringTask.of("r", RecurrenceSpec.daily(1), NOW.plusSeconds(60)));
    TodoDb later = dbAt(NOW.plusSeconds(90));

    var all = io.todokit.dao.reminders.ClaimRequest.of(10);
    assertThat(at.reminders().claim(all)).noneMatch(r -> r.taskId().equals(call.id()));
    var claim = later.reminders().claim(all);
    assertThat(claim).anyMatch(r -> r.taskId().equals(call.id()));
    assertThat(claim)
        .filteredOn(r -> r.taskId().equals(call.id()))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.leaseExpiresAt())
                    .isEqualTo(NOW.plusSeconds(90).plus(later.reminders().policy().lease())));
    MaterializeResult none = at.recurring().materializeDue(10);
    MaterializeResult made = later.recurring().materializeDue(10);

    assertThat(none.created()).noneMatch(t -> t.userId().equals(user));
    assertThat(made.created())
        .filteredOn(t -> t.userId().equals(user))
        .singleElement()
        .satisfies(
            task -> {
              assertThat(task.dueAt()).isEqualTo(NOW.plusSeconds(60));
              assertThat(task.createdAt()).isEqualTo(NOW.plusSeconds(90));
            });
  }
}
