package io.todokit.dao.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.dao.DaoTestSupport;
import io.todokit.dao.DuplicateException;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.TodoDb;
import io.todokit.dao.ValidationException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TagDaoTest extends DaoTestSupport {

  private static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123456Z");
  private static final Instant T1 = Instant.parse("2025-03-02T08:00:00Z");

  private final TodoDb at0 = dbAt(T0);
  private final TodoDb at1 = dbAt(T1);

  // ---- helpers -------------------------------------------------------------------------------

  private static UUID newTask(UUID userId, String title) {
    UUID id = UUID.randomUUID();
    sql("INSERT INTO tasks (user_id, id, title) VALUES (?, ?, ?)", userId, id, title);
    return id;
  }

  private static UUID newCompletedTask(UUID userId, String title) {
    UUID id = UUID.randomUUID();
    sql(
        "INSERT INTO tasks (user_id, id, title, status, completed_at)"
            + " VALUES (?, ?, ?, 'completed', now())",
        userId,
        id,
        title);
    return id;
  }

  private static void attach(UUID userId, UUID taskId, UUID tagId) {
    sql("INSERT INTO task_tags (user_id, task_id, tag_id) VALUES (?, ?, ?)", userId, taskId, tagId);
  }

  private static long attachments(UUID userId) {
    return count("SELECT count(*) FROM task_tags WHERE user_id = ?", userId);
  }

  private static Set<UUID> attachedTagIds(UUID userId, UUID taskId) {
    Set<UUID> ids = new HashSet<>();
    for (Tag tag : db.tags().tagsOf(userId, taskId)) {
      ids.add(tag.id());
    }
    return ids;
  }

  private static String stored(String column, UUID tagId) {
    try (var connection = sqlSource.getConnection();
        var statement =
            connection.prepareStatement("SELECT " + column + " FROM tags WHERE id = ?")) {
      statement.setObject(1, tagId);
      try (var rows = statement.executeQuery()) {
        assertThat(rows.next()).isTrue();
        return rows.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertNotFound(ThrowingCallable call, String entity, UUID id) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.entity()).isEqualTo(entity);
              assertThat(e.id()).isEqualTo(id.toString());
            });
  }

  private static void assertInvalid(ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  // ---- create --------------------------------------------------------------------------------

  @Nested
  class Create {

    @Test
    void storesATrimmedNameWithTheDefaultColorAndTheClocksTime() {
      UUID user = newUser();

      Tag tag = at0.tags().create(user, NewTag.named("  Work  "));

      assertThat(tag.userId()).isEqualTo(user);
      assertThat(tag.name()).isEqualTo("Work");
      assertThat(tag.color()).isEqualTo("#007bff");
      assertThat(tag.createdAt()).isEqualTo(T0);
      assertThat(tag.updatedAt()).isEqualTo(T0);
      assertThat(tag.id().version()).isEqualTo(7);
      assertThat(db.tags().get(user, tag.id())).isEqualTo(tag);
      assertThat(stored("name", tag.id())).isEqualTo("Work");
    }

    @Test
    void keepsTheColorAsGiven() {
      UUID user = newUser();

      Tag tag = db.tags().create(user, NewTag.named("Work").withColor("#FF8800"));

      assertThat(tag.color()).isEqualTo("#FF8800");
      assertThat(stored("color", tag.id())).isEqualTo("#FF8800");
      assertThat(db.tags().create(user, NewTag.named("Home").withColor(" #a0b1c2 ")).color())
          .isEqualTo("#a0b1c2");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "it's \"quoted\"",
          "a; DROP TABLE tags; --",
          "/* comment */ x",
          "🚀 launch 🎉",
          "Ünïcödé ß",
          "%_\\"
        })
    void storesAwkwardNamesVerbatim(String name) {
      UUID user = newUser();

      Tag tag = db.tags().create(user, NewTag.named(name));

      assertThat(tag.name()).isEqualTo(name);
      assertThat(stored("name", tag.id())).isEqualTo(name);
    }

    @Test
    void acceptsFiftyCodePointsEvenWhenTheyAreEmoji() {
      UUID user = newUser();
      String fiftyEmoji = "😀".repeat(50);

      Tag tag = db.tags().create(user, NewTag.named(fiftyEmoji));

      assertThat(tag.name()).isEqualTo(fiftyEmoji);
      assertThat(count("SELECT char_length(name) FROM tags WHERE id = ?", tag.id())).isEqualTo(50);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n", "a\0b"})
    @NullSource
    void refusesBlankOrNulNames(String name) {
      UUID user = newUser();
      long before = rows("tags");

      assertInvalid(() -> db.tags().create(user, NewTag.named(name)), "name");

      assertThat(rows("tags")).isEqualTo(before);
    }

    @Test
    void refusesNamesOfFiftyOneCharacters() {
      assertInvalid(() -> NewTag.named("x".repeat(51)), "name");
      assertInvalid(() -> NewTag.named("😀".repeat(51)), "name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"#12345", "red", "#GGGGGG", "#1234567", "007bff", "#12 345", ""})
    @NullSource
    void refusesBadColors(String color) {
      UUID user = newUser();
      long before = rows("tags");

      assertInvalid(() -> db.tags().create(user, NewTag.named("x").withColor(color)), "color");
      assertInvalid(() -> new NewTag("x", color), "color");

      assertThat(rows("tags")).isEqualTo(before);
    }

    @Test
    void refusesANameTheUserHasInAnotherCaseAndWritesNothing() {
      UUID user = newUser();
      Tag work = db.tags().create(user, NewTag.named("Work"));
      long before = rows("tags");

      assertThatThrownBy(() -> db.tags().create(user, NewTag.named(" WORK ")))
          .isInstanceOfSatisfying(
              DuplicateException.class, e -> assertThat(e.field()).isEqualTo("name"));
      assertThatThrownBy(() -> db.tags().create(user, NewTag.named("work")))
          .isInstanceOf(DuplicateException.class);

      assertThat(rows("tags")).isEqualTo(before);
      assertThat(db.tags().list(user)).extracting(TagWithCount::tag).containsExactly(work);
    }

    @Test
    void letsTwoUsersHaveTheSameName() {
      UUID alice = newUser();
      UUID bob = newUser();

      Tag aliceWork = db.tags().create(alice, NewTag.named("Work"));
      Tag bobWork = db.tags().create(bob, NewTag.named("work"));

      assertThat(aliceWork.id()).isNotEqualTo(bobWork.id());
      assertThat(db.tags().list(bob)).extracting(t -> t.tag().name()).containsExactly("work");
    }

    @Test
    void refusesAnUnknownUser() {
      UUID ghost = UUID.randomUUID();
      long before = rows("tags");

      assertNotFound(() -> db.tags().create(ghost, NewTag.named("x")), "user", ghost);

      assertThat(rows("tags")).isEqualTo(before);
    }
  }

  // ---- get, rename, recolor, delete ----------------------------------------------------------

  @Nested
  class GetRenameRecolorDelete {

    @Test
    void getOfAnotherUsersOrAMissingTagIsNotFound() {
      UUID alice = newUser();
      UUID bob = newUser();
      Tag tag = db.tags().create(alice, NewTag.named("Private"));
      UUID missing = UUID.randomUUID();

      assertNotFound(() -> db.tags().get(bob, tag.id()), "tag", tag.id());
      assertNotFound(() -> db.tags().get(alice, missing), "tag", missing);
    }

    @Test
    void renameTrimsStampsTheClockAndKeepsTheRest() {
      UUID user = newUser();
      Tag tag = at0.tags().create(user, NewTag.named("Work").withColor("#ff8800"));

      Tag renamed = at1.tags().rename(user, tag.id(), "  Job  ");

      assertThat(renamed).isEqualTo(new Tag(tag.id(), user, "Job", "#ff8800", T0, T1));
      assertThat(db.tags().get(user, tag.id())).isEqualTo(renamed);
    }

    @Test
    void renameMayChangeOnlyTheCase() {
      UUID user = newUser();
      Tag tag = db.tags().create(user, NewTag.named("work"));

      assertThat(db.tags().rename(user, tag.id(), "Work").name()).isEqualTo("Work");
    }

    @Test
    void renameToAnotherTagsNameIsADuplicateAndChangesNothing() {
      UUID user = newUser();
      db.tags().create(user, NewTag.named("Home"));
      Tag work = db.tags().create(user, NewTag.named("Work"));

      assertThatThrownBy(() -> db.tags().rename(user, work.id(), "HOME"))
          .isInstanceOfSatisfying(
              DuplicateException.class, e -> assertThat(e.field()).isEqualTo("name"));

      assertThat(db.tags().get(user, work.id())).isEqualTo(work);
    }

    @Test
    void renameRefusesBadNamesAndOtherUsersTags() {
      UUID alice = newUser();
      UUID bob = newUser();
      Tag tag = db.tags().create(alice, NewTag.named("Work"));

      assertInvalid(() -> db.tags().rename(alice, tag.id(), " "), "name");
      assertInvalid(() -> db.tags().rename(alice, tag.id(), "y".repeat(51)), "name");
      assertInvalid(() -> db.tags().rename(alice, tag.id(), "a\0"), "name");
      assertNotFound(() -> db.tags().rename(bob, tag.id(), "Mine now"), "tag", tag.id());

      assertThat(db.tags().get(alice, tag.id())).isEqualTo(tag);
      assertThat(count("SELECT count(*) FROM tags WHERE user_id = ?", bob)).isZero();
    }

    @Test
    void recolorChangesTheColor() {
      UUID user = newUser();
      Tag tag = at0.tags().create(user, NewTag.named("Work"));

      Tag recolored = at1.tags().recolor(user, tag.id(), "#00FF00");

      assertThat(recolored).isEqualTo(new Tag(tag.id(), user, "Work", "#00FF00", T0, T1));
    }

    @Test
    void recolorRefusesBadColorsAndOtherUsersTags() {
      UUID alice = newUser();
      UUID bob = newUser();
      Tag tag = db.tags().create(alice, NewTag.named("Work"));

      for (String bad : new String[] {"#12345", "red", "#GGGGGG", ""}) {
        assertInvalid(() -> db.tags().recolor(alice, tag.id(), bad), "color");
      }
      assertNotFound(() -> db.tags().recolor(bob, tag.id(), "#000000"), "tag", tag.id());

      assertThat(db.tags().get(alice, tag.id())).isEqualTo(tag);
    }

    @Test
    void deleteDetachesTheTagFromTasksAndKeepsTheTasks() {
      UUID user = newUser();
      Tag work = db.tags().create(user, NewTag.named("Work"));
      Tag home = db.tags().create(user, NewTag.named("Home"));
      UUID task = newTask(user, "Report");
      attach(user, task, work.id());
      attach(user, task, home.id());

      db.tags().delete(user, work.id());

      assertNotFound(() -> db.tags().get(user, work.id()), "tag", work.id());
      assertThat(db.tags().tagsOf(user, task)).containsExactly(home);
      assertThat(count("SELECT count(*) FROM tasks WHERE id = ?", task)).isEqualTo(1);
      assertThat(count("SELECT count(*) FROM task_tags WHERE tag_id = ?", work.id())).isZero();
    }

    @Test
    void deleteOfAnotherUsersOrAMissingTagIsNotFoundAndDeletesNothing() {
      UUID alice = newUser();
      UUID bob = newUser();
      Tag tag = db.tags().create(alice, NewTag.named("Work"));
      UUID task = newTask(alice, "Report");
      attach(alice, task, tag.id());
      UUID missing = UUID.randomUUID();

      assertNotFound(() -> db.tags().delete(bob, tag.id()), "tag", tag.id());
      assertNotFound(() -> db.tags().delete(alice, missing), "tag", missing);

      assertThat(db.tags().get(alice, tag.id())).isEqualTo(tag);
      assertThat(attachments(alice)).isEqualTo(1);
    }
  }

  // ---- list ----------------------------------------------------------------------------------

  @Nested
  class Listing {

    @Test
    void listsEveryTagByNameRegardlessOfCaseWithItsTaskCount() {
      UUID user = newUser();
      Tag b = db.tags().create(user, NewTag.named("b-side"));
      Tag a = db.tags().create(user, NewTag.named("Alpha"));
      Tag c = db.tags().create(user, NewTag.named("Charlie"));
      UUID open = newTask(user, "open");
      UUID done = newCompletedTask(user, "done");
      attach(user, open, a.id());
      attach(user, done, a.id());
      attach(user, done, c.id());

      List<TagWithCount> tags = db.tags().list(user);

      assertThat(tags)
          .containsExactly(new TagWithCount(a, 2), new TagWithCount(b, 0), new TagWithCount(c, 1));
    }

    @Test
    void showsNothingOfOtherUsers() {
      UUID alice = newUser();
      UUID bob = newUser();
      Tag tag = db.tags().create(alice, NewTag.named("Work"));
      attach(alice, newTask(alice, "t"), tag.id());

      assertThat(db.tags().list(bob)).isEmpty();
      assertThat(db.tags().list(UUID.randomUUID())).isEmpty();
      assertThat(db.tags().list(alice)).containsExactly(new TagWithCount(tag, 1));
    }
  }

  // ---- tags of tasks -------------------------------------------------------------------------

  @Nested
  class TaskTags {

    @Test
    void setTaskTagsReplacesTheWholeSetAndReturnsItByName() {
      UUID user = newUser();
      Tag work = db.tags().create(user, NewTag.named("work"));
      Tag home = db.tags().create(user, NewTag.named("Home"));
      Tag urgent = db.tags().create(user, NewTag.named("Urgent"));
      UUID task = newTask(user, "Report");

      assertThat(db.tags().setTaskTags(user, task, List.of(work.id(), home.id())))
          .containsExactly(home, work);
      assertThat(db.tags().setTaskTags(user, task, List.of(urgent.id(), work.id())))
          .containsExactly(urgent, work);
      assertThat(db.tags().tagsOf(user, task)).containsExactly(urgent, work);
      assertThat(attachments(user)).isEqualTo(2);
    }

    @Test
    void setTaskTagsAcceptsRepeatedIdsAndKeepsTheAttachmentTimeOfKeptTags() {
      UUID user = newUser();
      Tag work = db.tags().create(user, NewTag.named("Work"));
      Tag home = db.tags().create(user, NewTag.named("Home"));
      UUID task = newTask(user, "Report");
      at0.tags().setTaskTags(user, task, List.of(work.id()));

      List<Tag> tags =
          at1.tags().setTaskTags(user, task, List.of(work.id(), home.id(), work.id(), home.id()));

      assertThat(tags).containsExactly(home, work);
      assertThat(
              count(
                  "SELECT count(*) FROM task_tags WHERE task_id = ? AND tag_id = ? AND created_at = ?",
                  task,
                  work.id(),
                  T0))
          .isEqualTo(1);
      assertThat(
              count(
                  "SELECT count(*) FROM task_tags WHERE task_id = ? AND tag_id = ? AND created_at = ?",
                  task,
                  home.id(),
                  T1))
          .isEqualTo(1);
    }

    @Test
    void setTaskTagsWithNoIdsClearsTheSet() {
      UUID user = newUser();
      Tag work = db.tags().create(user, NewTag.named("Work"));
      UUID task = newTask(user, "Report");
      UUID other = newTask(user, "Other");
      attach(user, task, work.id());
      attach(user, other, work.id());

      assertThat(db.tags().setTaskTags(user, task, List.of())).isEmpty();

      assertThat(db.tags().tagsOf(user, task)).isEmpty();
      assertThat(db.tags().tagsOf(user, other)).containsExactly(work);
    }

    @Test
    void setTaskTagsWithAnotherUsersTagChangesNothing() {
      UUID alice = newUser();
      UUID bob = newUser();
      Tag aliceTag = db.tags().create(alice, NewTag.named("Mine"));
      Tag bobTag = db.tags().create(bob, NewTag.named("Bob's"));
      UUID task = newTask(alice, "Report");
      attach(alice, task, aliceTag.id());

      assertNotFound(
          () -> db.tags().setTaskTags(alice, task, List.of(bobTag.id())), "tag", bobTag.id());
      UUID missing = UUID.randomUUID();
      assertNotFound(
          () -> db.tags().setTaskTags(alice, task, List.of(aliceTag.id(), missing)),
          "tag",
          missing);

      assertThat(db.tags().tagsOf(alice, task)).containsExactly(aliceTag);
      assertThat(attachments(alice)).isEqualTo(1);
      assertThat(attachments(bob)).isZero();
    }

    @Test
    void setTaskTagsOnAnotherUsersTaskChangesNothing() {
      UUID alice = newUser();
      UUID bob = newUser();
      Tag aliceTag = db.tags().create(alice, NewTag.named("Work"));
      Tag bobTag = db.tags().create(bob, NewTag.named("Work"));
      UUID aliceTask = newTask(alice, "Report");
      attach(alice, aliceTask, aliceTag.id());

      assertNotFound(
          () -> db.tags().setTaskTags(bob, aliceTask, List.of(bobTag.id())), "task", aliceTask);
      assertNotFound(() -> db.tags().setTaskTags(bob, aliceTask, List.of()), "task", aliceTask);

      assertThat(db.tags().tagsOf(alice, aliceTask)).containsExactly(aliceTag);
      assertThat(attachments(bob)).isZero();
    }

    @Test
    void addTagIsIdempotent() {
      UUID user = newUser();
      Tag work = db.tags().create(user, NewTag.named("Work"));
      UUID task = newTask(user, "Report");

      at0.tags().addTag(user, task, work.id());
      at1.tags().addTag(user, task, work.id());

      assertThat(db.tags().tagsOf(user, task)).containsExactly(work);
      assertThat(
              count(
                  "SELECT count(*) FROM task_tags WHERE task_id = ? AND created_at = ?", task, T0))
          .isEqualTo(1);
    }

    @Test
    void addTagRefusesMissingAndOtherUsersTasksAndTags() {
      UUID alice = newUser();
      UUID bob = newUser();
      Tag aliceTag = db.tags().create(alice, NewTag.named("Work"));
      Tag bobTag = db.tags().create(bob, NewTag.named("Work"));
      UUID aliceTask = newTask(alice, "Report");
      UUID bobTask = newTask(bob, "Report");
      UUID missing = UUID.randomUUID();

      assertNotFound(() -> db.tags().addTag(alice, aliceTask, bobTag.id()), "tag", bobTag.id());
      assertNotFound(() -> db.tags().addTag(alice, bobTask, aliceTag.id()), "task", bobTask);
      assertNotFound(() -> db.tags().addTag(bob, aliceTask, aliceTag.id()), "task", aliceTask);
      assertNotFound(() -> db.tags().addTag(alice, missing, aliceTag.id()), "task", missing);
      assertNotFound(() -> db.tags().addTag(alice, aliceTask, missing), "tag", missing);

      assertThat(attachments(alice)).isZero();
      assertThat(attachments(bob)).isZero();
    }

    @Test
    void removeTagDetachesAndIsIdempotent() {
      UUID user = newUser();
      Tag work = db.tags().create(user, NewTag.named("Work"));
      Tag home = db.tags().create(user, NewTag.named("Home"));
      UUID task = newTask(user, "Report");
      attach(user, task, work.id());
      attach(user, task, home.id());

      db.tags().removeTag(user, task, work.id());
      db.tags().removeTag(user, task, work.id());

      assertThat(db.tags().tagsOf(user, task)).containsExactly(home);
      assertThat(db.tags().get(user, work.id())).isEqualTo(work);
    }

    @Test
    void removeTagRefusesMissingAndOtherUsersTasksAndTags() {
      UUID alice = newUser();
      UUID bob = newUser();
      Tag aliceTag = db.tags().create(alice, NewTag.named("Work"));
      Tag bobTag = db.tags().create(bob, NewTag.named("Work"));
      UUID aliceTask = newTask(alice, "Report");
      attach(alice, aliceTask, aliceTag.id());
      UUID missing = UUID.randomUUID();

      assertNotFound(() -> db.tags().removeTag(bob, aliceTask, aliceTag.id()), "task", aliceTask);
      assertNotFound(() -> db.tags().removeTag(alice, aliceTask, bobTag.id()), "tag", bobTag.id());
      assertNotFound(() -> db.tags().removeTag(alice, missing, aliceTag.id()), "task", missing);
      assertNotFound(() -> db.tags().removeTag(alice, aliceTask, missing), "tag", missing);

      assertThat(db.tags().tagsOf(alice, aliceTask)).containsExactly(aliceTag);
    }

    @Test
    void tagsOfIsOrderedByNameAndEmptyForAnUntaggedTask() {
      UUID user = newUser();
      Tag zeta = db.tags().create(user, NewTag.named("zeta"));
      Tag alpha = db.tags().create(user, NewTag.named("ALPHA"));
      Tag mid = db.tags().create(user, NewTag.named("Mid"));
      UUID task = newTask(user, "Report");
      attach(user, task, zeta.id());
      attach(user, task, alpha.id());
      attach(user, task, mid.id());

      assertThat(db.tags().tagsOf(user, task)).containsExactly(alpha, mid, zeta);
      assertThat(db.tags().tagsOf(user, newTask(user, "bare"))).isEmpty();
    }

    @Test
    void tagsOfAnotherUsersOrAMissingTaskIsNotFound() {
      UUID alice = newUser();
      UUID bob = newUser();
      Tag tag = db.tags().create(alice, NewTag.named("Work"));
      UUID task = newTask(alice, "Report");
      attach(alice, task, tag.id());
      UUID missing = UUID.randomUUID();

      assertNotFound(() -> db.tags().tagsOf(bob, task), "task", task);
      assertNotFound(() -> db.tags().tagsOf(alice, missing), "task", missing);
    }

    @Test
    void theDatabaseItselfRefusesToTagATaskWithAnotherUsersTag() {
      UUID alice = newUser();
      UUID bob = newUser();
      Tag bobTag = db.tags().create(bob, NewTag.named("Bob's"));
      UUID aliceTask = newTask(alice, "Report");

      // Neither owner makes the row valid: (alice, task, bob's tag) has no tag (alice, tag), and
      // (bob, task, bob's tag) has no task (bob, task).
      for (UUID owner : List.of(alice, bob)) {
        assertThatThrownBy(() -> attach(owner, aliceTask, bobTag.id()))
            .hasCauseInstanceOf(SQLException.class)
            .satisfies(
                e -> assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("23503"));
      }

      assertThat(count("SELECT count(*) FROM task_tags WHERE task_id = ?", aliceTask)).isZero();
    }

    @Test
    void concurrentReplacementsLeaveOneCallersSetNeverAMixture() throws Exception {
      UUID user = newUser();
      UUID task = newTask(user, "Contended");
      List<Set<UUID>> sets = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Set<UUID> set = new HashSet<>();
        for (int j = 0; j < 3; j++) {
          set.add(db.tags().create(user, NewTag.named("t" + i + "-" + j)).id());
        }
        sets.add(set);
      }
      ExecutorService pool = Executors.newFixedThreadPool(sets.size());
      try {
        for (int round = 0; round < 10; round++) {
          CountDownLatch start = new CountDownLatch(1);
          List<Future<?>> futures = new ArrayList<>();
          for (Set<UUID> set : sets) {
            futures.add(
                pool.submit(
                    () -> {
                      start.await();
                      return db.tags().setTaskTags(user, task, set);
                    }));
          }
          start.countDown();
          for (Future<?> future : futures) {
            future.get(30, TimeUnit.SECONDS);
          }
          assertThat(sets).contains(attachedTagIds(user, task));
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(attachments(user)).isEqualTo(3);
    }
  }
}
