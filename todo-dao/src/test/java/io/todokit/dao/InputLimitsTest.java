package io.todokit.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.dao.conversations.NewMessage;
import io.todokit.dao.conversations.ToolCall;
import io.todokit.dao.recurring.NewRecurringTask;
import io.todokit.dao.tags.NewTag;
import io.todokit.dao.tasks.NewTask;
import io.todokit.dao.tasks.Task;
import io.todokit.dao.tasks.TaskPatch;
import io.todokit.dao.tasks.TaskQuery;
import io.todokit.dao.users.NewUser;
import io.todokit.recurrence.RecurrenceSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input todokit cannot store faithfully is refused with a {@link ValidationException} naming the
 * field, and nothing is written: instants outside years 1–9999, lone UTF-16 surrogates, titles made
 * of Unicode spaces, zone ids that are not tzdb regions, recurrence JSON that means two things.
 */
class InputLimitsTest extends DaoTestSupport {

  private static final Instant YEAR_300000 = Instant.parse("+300000-01-01T00:00:00Z");
  private static final String LONE_HIGH = "Pay \uD83D rent";
  private static final String LONE_LOW = "\uDCA9";

  private static void assertRefused(ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void instantsOutsideYearsOneTo9999AreRefusedNamingTheField() {
    UUID user = newUser();
    Task task = db.tasks().create(user, NewTask.titled("Dated"));
    for (Instant bad : new Instant[] {YEAR_300000, Instant.MAX, Instant.MIN}) {
      assertRefused(() -> NewTask.titled("x").withDueAt(bad), "due_at");
      assertRefused(() -> io.todokit.dao.reminders.ReminderSpec.at(bad), "at");
      assertRefused(() -> TaskPatch.empty().withDueAt(bad), "due_at");
      assertRefused(() -> TaskQuery.open().withOverdueAt(bad), "overdue_at");
      assertRefused(() -> TaskQuery.open().withDueBetween(bad, null), "due_from");
      assertRefused(() -> db.tasks().overdue(user, bad), "as_of");
      assertRefused(() -> db.tasks().dueToday(user, bad), "as_of");
      assertRefused(() -> db.tasks().dueBetween(user, Instant.EPOCH, bad), "to");
      assertRefused(() -> db.reminders().due(bad, Instant.EPOCH), "from");
      assertRefused(
          () -> dbAt(bad).reminders().claim(io.todokit.dao.reminders.ClaimRequest.of(10)), "now");
      assertRefused(() -> dbAt(bad).recurring().materializeDue(10), "now");
      assertRefused(
          () ->
              db.recurring()
                  .create(user, NewRecurringTask.of("Daily", RecurrenceSpec.daily(1), bad)),
          "starts_at");
    }
    assertThat(db.tasks().get(user, task.id())).isEqualTo(task);
  }

  @Test
  void theLimitsThemselvesAreStoredExactly() {
    UUID user = newUser();
    Instant first = Instant.parse("0001-01-01T00:00:00Z");
    Instant last = Instant.parse("9999-12-31T23:59:59.999999Z");

    Task early = db.tasks().create(user, NewTask.titled("early").withDueAt(first));
    Task late = db.tasks().create(user, NewTask.titled("late").withDueAt(last));

    assertThat(db.tasks().get(user, early.id()).dueAt()).isEqualTo(first);
    assertThat(db.tasks().get(user, late.id()).dueAt()).isEqualTo(last);
  }

  @Test
  void aClockOutsideTheRangeIsRefusedAsNow() {
    UUID user = newUser();
    TodoDb future = db.withClock(Clock.fixed(YEAR_300000, ZoneOffset.UTC));

    assertRefused(() -> future.tasks().create(user, NewTask.titled("from the future")), "now");
    assertThat(count("SELECT count(*) FROM tasks WHERE user_id = ?", user)).isZero();
  }

  @Test
  void loneSurrogatesAreRefusedInEveryTextField() {
    UUID user = newUser();
    UUID conversation = db.conversations().create(user, "Chat").id();

    assertRefused(() -> NewTask.titled(LONE_HIGH), "title");
    assertRefused(() -> NewTask.titled("ok").withDescription(LONE_LOW), "description");
    assertRefused(() -> TaskPatch.empty().withTitle(LONE_LOW), "title");
    assertRefused(() -> NewTag.named(LONE_HIGH), "name");
    assertRefused(() -> db.conversations().create(user, LONE_LOW), "title");
    assertRefused(
        () -> db.conversations().append(user, conversation, NewMessage.user(LONE_HIGH)), "content");
    assertRefused(
        () ->
            db.conversations()
                .append(
                    user,
                    conversation,
                    NewMessage.assistantToolCalls(
                        "", List.of(ToolCall.of("call_1", "f", "{\"x\":\"\uD800\"}")))),
        "tool_calls[0].arguments");
    assertRefused(
        () ->
            db.conversations()
                .append(
                    user,
                    conversation,
                    NewMessage.assistantToolCalls(
                        "", List.of(ToolCall.of("call_\uD800", "f", "{}")))),
        "tool_calls[0].id");
    assertRefused(
        () ->
            NewTask.titled("x").withRecurrenceJson("{\"frequency\":\"daily\",\"mode\":\"\uDC00\"}"),
        "recurrence_rule");
    assertRefused(() -> NewUser.of("lone" + LONE_LOW, "a@example.com", "hash"), "username");
    assertThat(count("SELECT count(*) FROM messages WHERE user_id = ?", user)).isZero();
  }

  @Test
  void wellFormedSurrogatePairsAreStoredExactly() {
    UUID user = newUser();
    Task task = db.tasks().create(user, NewTask.titled("Pay \uD83D\uDCA9 rent"));

    assertThat(db.tasks().get(user, task.id()).title()).isEqualTo("Pay \uD83D\uDCA9 rent");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u00A0", "\u2003\u2003", "\u3000", "\u202F\u00A0\u2007", "\u2028"})
  void titlesAndNamesOfUnicodeSpacesOnlyAreBlank(String spaces) {
    UUID user = newUser();

    assertRefused(() -> NewTask.titled(spaces), "title");
    assertRefused(() -> NewTag.named(spaces), "name");
    assertRefused(() -> db.conversations().create(user, spaces), "title");
    assertRefused(
        () ->
            db.recurring()
                .create(
                    user,
                    NewRecurringTask.of(
                        spaces, RecurrenceSpec.daily(1), Instant.parse("2027-01-01T09:00:00Z"))),
        "title");
  }

  @Test
  void unicodeSpacesAroundATitleAreTrimmedAndInsideItKept() {
    UUID user = newUser();

    Task task = db.tasks().create(user, NewTask.titled("\u00A0Pay\u00A0rent\u3000"));

    assertThat(task.title()).isEqualTo("Pay\u00A0rent");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Z", "UT", "GMT", "UTC+1", "+02:00", "EST5EDT", "GMT0"})
  void zoneIdsThatAreNotTzdbRegionsAreRefused(String zone) {
    UUID user = newUser();

    assertRefused(() -> db.users().setTimeZone(user, ZoneId.of(zone)), "time_zone");
    assertThat(count("SELECT count(*) FROM users WHERE id = ? AND time_zone = 'UTC'", user))
        .isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"UTC", "Europe/Berlin", "America/Argentina/Buenos_Aires", "Etc/GMT+5"})
  void tzdbRegionIdsAreAccepted(String zone) {
    UUID user = newUser();

    db.users().setTimeZone(user, ZoneId.of(zone));

    assertThat(db.users().find(user).orElseThrow().timeZone()).isEqualTo(ZoneId.of(zone));
  }

  @Test
  void aZoneOffsetIsRefusedForANewUser() {
    assertRefused(
        () -> new NewUser("offset_user", "o@example.com", "hash", ZoneOffset.UTC), "time_zone");
  }

  @Test
  void recurrenceJsonWithTrailingContentOrDuplicateKeysIsRefused() {
    assertRefused(
        () -> NewTask.titled("x").withRecurrenceJson("{\"frequency\":\"daily\"} x"),
        "recurrence_rule");
    assertRefused(
        () -> NewTask.titled("x").withRecurrenceJson("{\"frequency\":\"daily\"}{}"),
        "recurrence_rule");
    assertRefused(
        () ->
            NewTask.titled("x")
                .withRecurrenceJson("{\"frequency\":\"daily\",\"frequency\":\"weekly\"}"),
        "recurrence_rule");
  }

  @Test
  void toolCallJsonWithTrailingContentOrDuplicateKeysIsRefused() {
    UUID user = newUser();
    UUID conversation = db.conversations().create(user, "Chat").id();

    assertRefused(
        () ->
            db.conversations()
                .append(
                    user,
                    conversation,
                    NewMessage.assistantToolCalls("", List.of(ToolCall.of("a", "f", "{} x")))),
        "tool_calls[0].arguments");
    assertRefused(
        () ->
            db.conversations()
                .append(
                    user,
                    conversation,
                    NewMessage.assistantToolCalls(
                        "", List.of(ToolCall.of("a", "f", "{\"id\":\"a\",\"id\":\"b\"}")))),
        "tool_calls[0].arguments");
  }
}
