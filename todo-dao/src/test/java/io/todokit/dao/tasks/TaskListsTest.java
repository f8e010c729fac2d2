package io.todokit.dao.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.dao.DaoTestSupport;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.ValidationException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskListsTest extends DaoTestSupport {

  private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

  private static Task task(UUID user, String title, String due) {
    return task(user, title, due == null ? null : Instant.parse(due), Priority.MEDIUM);
  }

  private static Task task(UUID user, String title, Instant due, Priority priority) {
    return dbAt(CREATED)
        .tasks()
        .create(user, NewTask.titled(title).withDueAt(due).withPriority(priority));
  }

  private static Task tagged(UUID user, String title, List<UUID> tags) {
    return db.tasks().create(user, NewTask.titled(title).withTagIds(tags));
  }

  private static List<String> titles(List<Task> tasks) {
    return tasks.stream().map(Task::title).toList();
  }

  @Test
  void overdueListsOpenTasksDueBeforeNowEarliestFirst() {
    UUID user = newUser();
    UUID other = newUser();
    Instant now = Instant.parse("2026-05-04T12:00:00Z");
    task(user, "b", "2026-05-04T11:00:00Z");
    task(user, "a", "2026-05-01T09:00:00Z");
    task(user, "due now", "2026-05-04T12:00:00Z");
    task(user, "future", "2026-05-05T00:00:00Z");
    task(user, "no due", (String) null);
    Task done = task(user, "done", "2026-05-02T00:00:00Z");
    db.tasks().complete(user, done.id());
    task(other, "theirs", "2026-05-01T00:00:00Z");
    // Same due date: creation time, then id decide.
    Task tie1 = task(user, "tie", "2026-05-03T00:00:00Z");
    Task tie2 = task(user, "tie", "2026-05-03T00:00:00Z");

    List<Task> overdue = db.tasks().overdue(user, now);

    assertThat(titles(overdue)).containsExactly("a", "tie", "tie", "b");
    assertThat(overdue.get(1).id().toString()).isLessThan(overdue.get(2).id().toString());
    assertThat(List.of(overdue.get(1).id(), overdue.get(2).id()))
        .containsExactlyInAnyOrder(tie1.id(), tie2.id());
    assertThat(db.tasks().overdue(UUID.randomUUID(), now)).isEmpty();
  }

  @Test
  void dueTodayFollowsTheUsersZoneLateInTheEvening() {
    // 23:30 in Auckland (NZST, +12) on May 4 is 11:30 UTC: "today" is May 4 local, which is
    // [May 3 12:00Z, May 4 12:00Z), not the UTC day.
    UUID user = newUser("Pacific/Auckland");
    task(user, "yesterday 23:59:59", "2026-05-03T11:59:59Z");
    task(user, "midnight", "2026-05-03T12:00:00Z");
    task(user, "23:59:59", "2026-05-04T11:59:59Z");
    task(user, "tomorrow midnight", "2026-05-04T12:00:00Z");
    task(user, "later utc today", "2026-05-04T20:00:00Z");
    Task done = task(user, "done", "2026-05-04T00:00:00Z");
    db.tasks().complete(user, done.id());

    assertThat(titles(db.tasks().dueToday(user, Instant.parse("2026-05-04T11:30:00Z"))))
        .containsExactly("midnight", "23:59:59");
  }

  @Test
  void dueTodayOnTheSpringForwardDayIs23HoursLong() {
    UUID user = newUser("America/New_York");
    // 2026-03-08: 00:00 EST = 05:00Z; the next midnight is EDT = 04:00Z on March 9.
    task(user, "before", "2026-03-08T04:59:59Z");
    task(user, "first", "2026-03-08T05:00:00Z");
    task(user, "last", "2026-03-09T03:59:59Z");
    task(user, "next day", "2026-03-09T04:00:00Z");
    assertThat(titles(db.tasks().dueToday(user, Instant.parse("2026-03-08T15:00:00Z"))))
        .containsExactly("first", "last");
    assertThat(titles(db.tasks().dueToday(user, Instant.parse("2026-03-09T03:59:59Z"))))
        .containsExactly("first", "last");
  }

  @Test
  void dueTodayOnTheFallBackDayIs25HoursLong() {
    UUID user = newUser("America/New_York");
    // 2026-11-01: 00:00 EDT = 04:00Z; the next midnight is EST = 05:00Z on November 2.
    task(user, "before", "2026-11-01T03:59:59Z");
    task(user, "first", "2026-11-01T04:00:00Z");
    task(user, "23:30 EST", "2026-11-02T04:30:00Z");
    task(user, "next day", "2026-11-02T05:00:00Z");
    assertThat(titles(db.tasks().dueToday(user, Instant.parse("2026-11-02T04:45:00Z"))))
        .containsExactly("first", "23:30 EST");
  }

  @Test
  void dueTodayStartsAtTheFirstOfTwoMidnightsWhereClocksFallBackAtMidnightInTheAzores() {
    // 2026-10-25 01:00 WEST (+00:00) falls back to 00:00 AZOT (-01:00): local 00:00 happens at
    // 00:00Z and again at 01:00Z. The day starts at the first, and lasts 25 hours.
    assertDueTodayIsTheWholeDay("Atlantic/Azores", "2026-10-25T00:00:00Z", "2026-10-26T01:00:00Z");
  }

  @Test
  void dueTodayStartsAtTheFirstOfTwoMidnightsWhereClocksFallBackAtMidnightInHavana() {
    // 2026-11-01 01:00 CDT (-04:00) falls back to 00:00 CST (-05:00).
    assertDueTodayIsTheWholeDay("America/Havana", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z");
  }

  @Test
  void dueTodayStartsAfterTheGapWhereClocksSpringForwardOverMidnight() {
    // 2026-03-08 00:00 CST (-05:00) springs forward to 01:00 CDT (-04:00): a 23-hour day.
    assertDueTodayIsTheWholeDay("America/Havana", "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z");
  }

  /**
   * Tasks due a microsecond before the day, at its start, a microsecond before its end and at its
   * end: "today" is [start, end) whether "now" is in the day's first local minute or its last, and
   * the days either side end and start at the same instants.
   */
  private static void assertDueTodayIsTheWholeDay(String zone, String start, String end) {
    UUID user = newUser(zone);
    Instant first = Instant.parse(start);
    Instant next = Instant.parse(end);
    task(user, "yesterday's last", first.minusNanos(1_000), Priority.MEDIUM);
    task(user, "today's first", first, Priority.MEDIUM);
    task(user, "today's last", next.minusNanos(1_000), Priority.MEDIUM);
    task(user, "tomorrow's first", next, Priority.MEDIUM);

    for (Instant now :
        List.of(first, first.plusSeconds(59), next.minusSeconds(60), next.minusNanos(1_000))) {
      assertThat(titles(db.tasks().dueToday(user, now)))
          .as("%s at %s", zone, now)
          .containsExactly("today's first", "today's last");
    }
    assertThat(titles(db.tasks().dueToday(user, first.minusNanos(1_000))))
        .containsExactly("yesterday's last");
    assertThat(titles(db.tasks().dueToday(user, next))).containsExactly("tomorrow's first");
  }

  @Test
  void dueTodayForAZoneOnlyPostgresKnowsIsAValidationError() {
    // PostgreSQL knows the abbreviation PST (rows from before V11 may hold it); java.time does not.
    UUID user = newLegacyUser("PST");
    assertThatThrownBy(() -> db.tasks().dueToday(user, Instant.parse("2026-05-04T12:00:00Z")))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("time_zone"))
        .hasMessageContaining("PST");
  }

  @Test
  void dueTodayForAUtcUserIgnoresOtherUsersZones() {
    UUID utc = newUser("UTC");
    UUID tokyo = newUser("Asia/Tokyo");
    task(utc, "utc early", "2026-05-04T00:00:00Z");
    task(utc, "utc late", "2026-05-04T23:59:59Z");
    task(utc, "utc tomorrow", "2026-05-05T00:00:00Z");
    task(tokyo, "tokyo", "2026-05-04T10:00:00Z");
    Instant now = Instant.parse("2026-05-04T18:00:00Z");
    assertThat(titles(db.tasks().dueToday(utc, now))).containsExactly("utc early", "utc late");
    // 18:00Z is 03:00 on May 5 in Tokyo.
    assertThat(titles(db.tasks().dueToday(tokyo, now))).isEmpty();
    assertThat(titles(db.tasks().dueToday(tokyo, Instant.parse("2026-05-04T14:59:59Z"))))
        .containsExactly("tokyo");
    assertThat(db.tasks().dueToday(UUID.randomUUID(), now)).isEmpty();
  }

  @Test
  void dueBetweenIsHalfOpen() {
    UUID user = newUser();
    UUID other = newUser();
    task(user, "from", "2026-05-04T00:00:00Z");
    task(user, "inside", "2026-05-05T00:00:00Z");
    task(user, "to", "2026-05-06T00:00:00Z");
    task(user, "no due", (String) null);
    task(other, "theirs", "2026-05-05T00:00:00Z");
    assertThat(
            titles(
                db.tasks()
                    .dueBetween(
                        user,
                        Instant.parse("2026-05-04T00:00:00Z"),
                        Instant.parse("2026-05-06T00:00:00Z"))))
        .containsExactly("from", "inside");
    Instant at = Instant.parse("2026-05-04T00:00:00Z");
    assertThatThrownBy(() -> db.tasks().dueBetween(user, at, at))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("to"));
    assertThatThrownBy(() -> db.tasks().dueBetween(user, at.plusSeconds(1), at))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void byTagListsTheTagsTasksAndRefusesOtherUsersTags() {
    UUID user = newUser();
    UUID other = newUser();
    UUID tag = TaskCrudTest.newTag(user, "errands");
    UUID unused = TaskCrudTest.newTag(user, "unused");
    UUID theirs = TaskCrudTest.newTag(other, "errands");
    Task undated = db.tasks().create(user, NewTask.titled("undated").withTagIds(List.of(tag)));
    Task later =
        db.tasks()
            .create(
                user,
                NewTask.titled("later")
                    .withDueAt(Instant.parse("2026-06-01T00:00:00Z"))
                    .withTagIds(List.of(tag)));
    Task sooner =
        db.tasks()
            .create(
                user,
                NewTask.titled("sooner")
                    .withDueAt(Instant.parse("2026-05-01T00:00:00Z"))
                    .withTagIds(List.of(tag, unused)));
    db.tasks()
        .delete(
            user, db.tasks().create(user, NewTask.titled("gone").withTagIds(List.of(unused))).id());
    db.tasks().complete(user, later.id());
    db.tasks().create(user, NewTask.titled("untagged"));
    db.tasks().create(other, NewTask.titled("theirs").withTagIds(List.of(theirs)));

    assertThat(db.tasks().byTag(user, tag))
        .extracting(Task::id)
        .containsExactly(sooner.id(), later.id(), undated.id());
    assertThat(titles(db.tasks().byTag(user, unused))).containsExactly("sooner");
    assertThatThrownBy(() -> db.tasks().byTag(user, theirs))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.entity()).isEqualTo("tag");
              assertThat(e.id()).isEqualTo(theirs.toString());
            });
    assertThatThrownBy(() -> db.tasks().byTag(other, tag)).isInstanceOf(NotFoundException.class);
    UUID empty = TaskCrudTest.newTag(user, "empty");
    assertThat(db.tasks().byTag(user, empty)).isEmpty();
  }

  @Test
  void withTagsCombinesAnyAllAndNone() {
    UUID user = newUser();
    UUID other = newUser();
    UUID a = TaskCrudTest.newTag(user, "a");
    UUID b = TaskCrudTest.newTag(user, "b");
    UUID c = TaskCrudTest.newTag(user, "c");
    UUID theirs = TaskCrudTest.newTag(other, "a");
    tagged(user, "t1", List.of(a));
    tagged(user, "t2", List.of(a, b));
    tagged(user, "t3", List.of(b, c));
    tagged(user, "t4", List.of());
    tagged(user, "t5", List.of(c));
    tagged(other, "theirs", List.of(theirs));

    assertThat(titles(db.tasks().withTags(user, TagFilter.anyOf(Set.of(a, b)))))
        .containsExactly("t1", "t2", "t3");
    assertThat(titles(db.tasks().withTags(user, TagFilter.allOf(Set.of(a, b)))))
        .containsExactly("t2");
    assertThat(titles(db.tasks().withTags(user, TagFilter.noneOf(Set.of(c)))))
        .containsExactly("t1", "t2", "t4");
    assertThat(titles(db.tasks().withTags(user, TagFilter.anyOf(Set.of(b)).withNoneOf(Set.of(c)))))
        .containsExactly("t2");
    assertThat(
            titles(db.tasks().withTags(user, TagFilter.allOf(Set.of(b, c)).withAnyOf(Set.of(a)))))
        .isEmpty();
    assertThat(titles(db.tasks().withTags(user, TagFilter.none())))
        .containsExactly("t1", "t2", "t3", "t4", "t5");
    // Another user's tag is carried by none of this user's tasks.
    assertThat(db.tasks().withTags(user, TagFilter.anyOf(Set.of(theirs)))).isEmpty();
    assertThat(db.tasks().withTags(user, TagFilter.allOf(Set.of(a, theirs)))).isEmpty();
    assertThat(titles(db.tasks().withTags(user, TagFilter.noneOf(Set.of(theirs)))))
        .containsExactly("t1", "t2", "t3", "t4", "t5");
    assertThat(db.tasks().withTags(other, TagFilter.anyOf(Set.of(a)))).isEmpty();
  }

  @Test
  void byPriorityListsOpenTasksUrgentFirst() {
    UUID user = newUser();
    UUID other = newUser();
    Instant may1 = Instant.parse("2026-05-01T00:00:00Z");
    Instant may2 = Instant.parse("2026-05-02T00:00:00Z");
    task(user, "high undated", null, Priority.HIGH);
    task(user, "high may2", may2, Priority.HIGH);
    task(user, "urgent may2", may2, Priority.URGENT);
    task(user, "high may1", may1, Priority.HIGH);
    task(user, "low", may1, Priority.LOW);
    task(user, "medium", may1, Priority.MEDIUM);
    Task done = task(user, "urgent done", may1, Priority.URGENT);
    db.tasks().complete(user, done.id());
    task(other, "theirs", may1, Priority.URGENT);

    assertThat(titles(db.tasks().byPriority(user, EnumSet.of(Priority.URGENT, Priority.HIGH))))
        .containsExactly("urgent may2", "high may1", "high may2", "high undated");
    assertThat(titles(db.tasks().byPriority(user, EnumSet.allOf(Priority.class))))
        .containsExactly("urgent may2", "high may1", "high may2", "high undated", "medium", "low");
    assertThatThrownBy(() -> db.tasks().byPriority(user, Set.of()))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("priorities"));
  }
}
