package io.todokit.dao.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.dao.DaoTestSupport;
import io.todokit.dao.Page;
import io.todokit.dao.PageRequest;
import io.todokit.dao.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TaskQueryTest extends DaoTestSupport {

  /** The documented order; ids compare as PostgreSQL compares uuids (unsigned, bytewise). */
  private static final Comparator<Task> ORDER =
      Comparator.comparing(Task::priority, Comparator.reverseOrder())
          .thenComparing(Task::dueAt, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(Task::createdAt)
          .thenComparing(task -> task.id().toString());

  private static final Instant NOW = Instant.parse("2026-05-04T12:00:00Z");

  private static UUID user;
  private static UUID other;
  private static UUID red;
  private static UUID blue;
  private static List<Task> all;

  @BeforeAll
  static void manyTasks() {
    user = newUser();
    other = newUser();
    red = TaskCrudTest.newTag(user, "red");
    blue = TaskCrudTest.newTag(user, "blue");
    UUID theirs = TaskCrudTest.newTag(other, "red");
    Random random = new Random(42);
    Instant[] dues = {
      null,
      NOW.minusSeconds(86_400),
      NOW.minusSeconds(60),
      NOW.plusSeconds(3_600),
      NOW.plusSeconds(86_400 * 7)
    };
    Instant[] created = {
      Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T00:00:00Z")
    };
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      List<UUID> tags =
          switch (i % 4) {
            case 0 -> List.of();
            case 1 -> List.of(red);
            case 2 -> List.of(blue);
            default -> List.of(red, blue);
          };
      Task task =
          dbAt(created[random.nextInt(created.length)])
              .tasks()
              .create(
                  user,
                  NewTask.titled(i % 10 == 0 ? "Buy milk #" + i : "Task " + i)
                      .withDescription(i % 15 == 0 ? "ask the farm about cheese" : null)
                      .withPriority(Priority.values()[random.nextInt(4)])
                      .withDueAt(dues[random.nextInt(dues.length)])
                      .withTagIds(tags));
      if (i % 7 == 0) {
        task = dbAt(NOW).tasks().complete(user, task.id()).completed();
      } else if (i % 7 == 1) {
        task =
            db.tasks()
                .update(user, task.id(), 0, TaskPatch.empty().withStatus(TaskStatus.IN_PROGRESS));
      }
      tasks.add(task);
    }
    for (int i = 0; i < 20; i++) {
      db.tasks()
          .create(
              other,
              NewTask.titled("Buy milk (theirs)")
                  .withPriority(Priority.URGENT)
                  .withTagIds(List.of(theirs)));
    }
    all = List.copyOf(tasks);
  }

  private static List<Task> pageThrough(TaskQuery query) {
    return pageThrough(query, PageRequest.DEFAULT_LIMIT);
  }

  private static List<Task> pageThrough(TaskQuery query, int limit) {
    List<Task> seen = new ArrayList<>();
    PageRequest next = PageRequest.first(limit);
    int pages = 0;
    while (true) {
      Page<Task> page = db.tasks().query(user, query, next);
      assertThat(page.items().size()).isLessThanOrEqualTo(limit);
      seen.addAll(page.items());
      pages++;
      assertThat(pages).isLessThan(1_000);
      if (page.next().isEmpty()) {
        return seen;
      }
      assertThat(page.items()).hasSize(limit);
      next = page.next().get();
      assertThat(next.limit()).isEqualTo(limit);
      assertThat(next.cursor()).isEqualTo(page.nextCursor());
    }
  }

  private static List<UUID> expected(java.util.function.Predicate<Task> filter) {
    return all.stream().filter(filter).sorted(ORDER).map(Task::id).toList();
  }

  private static boolean open(Task task) {
    return task.status() != TaskStatus.COMPLETED;
  }

  @Test
  void pagesConcatenateToTheWholeSortedListWithoutDuplicatesOrGaps() {
    for (int limit : new int[] {1, 7, 50, 200}) {
      List<Task> pages = pageThrough(TaskQuery.all(), limit);
      assertThat(pages).extracting(Task::id).containsExactlyElementsOf(expected(t -> true));
      assertThat(new HashSet<>(pages)).hasSize(300);
    }
    assertThat(pageThrough(TaskQuery.open(), 13))
        .extracting(Task::id)
        .containsExactlyElementsOf(expected(TaskQueryTest::open));
  }

  @Test
  void theDefaultsAreOpenTasksInPagesOf50() {
    Page<Task> first = db.tasks().query(user, TaskQuery.open(), PageRequest.first());
    assertThat(first.items()).hasSize(50);
    assertThat(first.items()).allMatch(TaskQueryTest::open);
    assertThat(first.items().get(0).priority()).isEqualTo(Priority.URGENT);
  }

  @Test
  void filtersCombineAndArePagedToo() {
    TaskQuery query =
        TaskQuery.all()
            .withStatuses(EnumSet.of(TaskStatus.PENDING, TaskStatus.COMPLETED))
            .withPriorities(EnumSet.of(Priority.URGENT, Priority.LOW))
            .withTags(TagFilter.anyOf(Set.of(red)).withNoneOf(Set.of(blue)));
    assertThat(pageThrough(query, 4))
        .extracting(Task::id)
        .containsExactlyElementsOf(
            expected(
                t ->
                    t.status() != TaskStatus.IN_PROGRESS
                        && (t.priority() == Priority.URGENT || t.priority() == Priority.LOW)
                        && all.indexOf(t) % 4 == 1));

    assertThat(pageThrough(TaskQuery.all().withStatuses(Set.of(TaskStatus.IN_PROGRESS)), 9))
        .extracting(Task::id)
        .containsExactlyElementsOf(expected(t -> t.status() == TaskStatus.IN_PROGRESS));

    assertThat(pageThrough(TaskQuery.all().withTags(TagFilter.allOf(Set.of(red, blue))), 11))
        .extracting(Task::id)
        .containsExactlyElementsOf(expected(t -> all.indexOf(t) % 4 == 3));

    Instant from = NOW.minusSeconds(60);
    Instant to = NOW.plusSeconds(86_400);
    assertThat(pageThrough(TaskQuery.all().withDueBetween(from, to), 6))
        .extracting(Task::id)
        .containsExactlyElementsOf(
            expected(
                t -> t.dueAt() != null && !t.dueAt().isBefore(from) && t.dueAt().isBefore(to)));

    assertThat(pageThrough(TaskQuery.all().withOverdueAt(NOW), 8))
        .extracting(Task::id)
        .containsExactlyElementsOf(expected(t -> t.isOverdue(NOW)));
  }

  @Test
  void textSearchMatchesTitleAndDescriptionWords() {
    assertThat(pageThrough(TaskQuery.all().withText("milk"), 5))
        .extracting(Task::id)
        .containsExactlyElementsOf(expected(t -> t.title().startsWith("Buy milk")));
    assertThat(pageThrough(TaskQuery.all().withText("CHEESE")))
        .extracting(Task::id)
        .containsExactlyElementsOf(
            expected(t -> t.description() != null && t.description().contains("cheese")));
    assertThat(pageThrough(TaskQuery.all().withText("\"buy milk\" -cheese")))
        .extracting(Task::id)
        .containsExactlyElementsOf(
            expected(t -> t.title().startsWith("Buy milk") && t.description() == null));
    assertThat(pageThrough(TaskQuery.all().withText("milk or cheese")))
        .extracting(Task::id)
        .containsExactlyElementsOf(
            expected(t -> t.title().startsWith("Buy milk") || t.description() != null));
    // Hostile input is just text.
    assertThat(
            db.tasks()
                .query(
                    user,
                    TaskQuery.all().withText("'); DROP TABLE tasks; -- /* */"),
                    PageRequest.first())
                .items())
        .isEmpty();
    assertThat(db.tasks().query(user, TaskQuery.all().withText("   "), PageRequest.first()).items())
        .hasSize(50);
    assertThat(rows("tasks")).isEqualTo(320);
  }

  @Test
  void anotherUsersTasksNeverAppear() {
    assertThat(pageThrough(TaskQuery.all().withText("theirs"))).isEmpty();
    Page<Task> theirs = db.tasks().query(other, TaskQuery.all(), PageRequest.first(200));
    assertThat(theirs.items()).hasSize(20).allMatch(t -> t.userId().equals(other));
    // The user's red tag is not the other user's.
    assertThat(
            db.tasks()
                .query(
                    other,
                    TaskQuery.all().withTags(TagFilter.anyOf(Set.of(red))),
                    PageRequest.first())
                .items())
        .isEmpty();
    // A cursor is sealed for the user it was handed out to: another user's is refused.
    Page<Task> mine = db.tasks().query(user, TaskQuery.all(), PageRequest.first(1));
    assertThatThrownBy(() -> db.tasks().query(other, TaskQuery.all(), mine.next().orElseThrow()))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
  }

  @Test
  void aCursorIsRefusedWithOtherFilters() {
    TaskQuery urgent = TaskQuery.all().withPriorities(Set.of(Priority.URGENT, Priority.HIGH));
    PageRequest next = db.tasks().query(user, urgent, PageRequest.first(1)).next().orElseThrow();
    List<TaskQuery> others =
        List.of(
            TaskQuery.all(),
            TaskQuery.all().withPriorities(Set.of(Priority.URGENT)),
            urgent.withText("report"),
            urgent.withOverdueAt(NOW),
            urgent.withTags(TagFilter.noneOf(Set.of(UUID.randomUUID()))));
    for (TaskQuery other : others) {
      assertThatThrownBy(() -> db.tasks().query(user, other, next))
          .as(other.toString())
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
    }
    // The same filters, built again (sets in another order), take the cursor.
    TaskQuery same = TaskQuery.all().withPriorities(Set.of(Priority.HIGH, Priority.URGENT));
    assertThat(db.tasks().query(user, same, next).items()).hasSize(1);
  }

  @Test
  void tamperedOrMalformedCursorsAreRefused() {
    String cursor =
        db.tasks().query(user, TaskQuery.all(), PageRequest.first(3)).nextCursor().orElseThrow();
    String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    // Same shape, another priority: only the tag tells.
    String otherPriority =
        decoded.contains("|URGENT|")
            ? decoded.replace("|URGENT|", "|LOW|")
            : decoded.replaceFirst("\\|(HIGH|MEDIUM|LOW)\\|", "|URGENT|");
    assertThat(otherPriority).isNotEqualTo(decoded);
    String tampered =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(otherPriority.getBytes(StandardCharsets.UTF_8));
    List<String> bad =
        List.of(
            tampered,
            cursor.substring(0, cursor.length() - 2),
            cursor + "A",
            "not a cursor!",
            "",
            "dDF8VVJHRU5UfHx4fHl8eg",
            Base64.getUrlEncoder()
                .encodeToString("t1|URGENT||1|x|0".getBytes(StandardCharsets.UTF_8)));
    for (String value : bad) {
      // Refused when the query is built (its shape), or at the latest when it runs (its tag).
      assertThatThrownBy(
              () -> db.tasks().query(user, TaskQuery.all(), PageRequest.after(value, 50)))
          .as(value)
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
    }
    assertThat(PageRequest.after(cursor, 50).cursor()).contains(cursor);
  }

  @Test
  void badQueryParametersAreRefused() {
    assertThatThrownBy(() -> PageRequest.first(0))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("limit"));
    assertThatThrownBy(() -> PageRequest.first(201))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("limit"));
    assertThatThrownBy(() -> TaskQuery.open().withStatuses(Set.of()))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("statuses"));
    assertThatThrownBy(() -> TaskQuery.open().withPriorities(Set.of()))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("priorities"));
    assertThatThrownBy(() -> TaskQuery.open().withDueBetween(NOW, NOW))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("due_to"));
    assertThatThrownBy(() -> TaskQuery.open().withText("a\u0000"))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("text"));
    assertThatThrownBy(() -> TaskQuery.open().withText("x".repeat(1_001)))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("text"));
    assertThat(PageRequest.first(200).limit()).isEqualTo(200);
    assertThat(PageRequest.first().limit()).isEqualTo(50);
  }
}
