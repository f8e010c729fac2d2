package io.todokit.dao.tags;

import static io.todokit.dao.tags.TagRows.NAME_KEY;
import static io.todokit.dao.tags.TagRows.toTag;
import static io.todokit.schema.jooq.Tables.TAGS;
import static io.todokit.schema.jooq.Tables.TASKS;
import static io.todokit.schema.jooq.Tables.TASK_TAGS;

import io.todokit.dao.NotFoundException;
import io.todokit.dao.internal.Check;
import io.todokit.dao.internal.DaoContext;
import io.todokit.dao.internal.ResultSets;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep4;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The task-tag calls of {@link TagDao}: a task's tags, read and written under row locks. */
final class TaskTags {

  private final DaoContext context;

  TaskTags(DaoContext context) {
    this.context = context;
  }

  List<Tag> setTaskTags(UUID userId, UUID taskId, Collection<UUID> tagIds) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(taskId, "taskId");
    Set<UUID> wanted = new LinkedHashSet<>(Check.noNulls("tag_ids", tagIds));
    Instant now = context.now();
    return context.write(
        dsl -> {
          // FOR NO KEY UPDATE serializes concurrent replacements of one task's set: without it,
          // two callers could each delete the old rows and both insert, leaving the union.
          lockTask(dsl, userId, taskId, true);
          lockTags(dsl, userId, wanted);
          if (wanted.isEmpty()) {
            dsl.deleteFrom(TASK_TAGS)
                .where(TASK_TAGS.USER_ID.eq(userId), TASK_TAGS.TASK_ID.eq(taskId))
                .execute();
          } else {
            dsl.deleteFrom(TASK_TAGS)
                .where(
                    TASK_TAGS.USER_ID.eq(userId),
                    TASK_TAGS.TASK_ID.eq(taskId),
                    TASK_TAGS.TAG_ID.ne(DSL.all(uuidArray(wanted))))
                .execute();
            InsertValuesStep4<?, UUID, UUID, UUID, Instant> insert =
                dsl.insertInto(
                    TASK_TAGS,
                    TASK_TAGS.USER_ID,
                    TASK_TAGS.TASK_ID,
                    TASK_TAGS.TAG_ID,
                    TASK_TAGS.CREATED_AT);
            for (UUID tagId : wanted) {
              insert = insert.values(userId, taskId, tagId, now);
            }
            insert.onConflictDoNothing().execute();
          }
          return tagsOfTask(dsl, userId, taskId);
        },
        taskId);
  }

  void addTag(UUID userId, UUID taskId, UUID tagId) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(tagId, "tagId");
    Instant now = context.now();
    context.write(
        dsl -> {
          lockTask(dsl, userId, taskId, false);
          lockTags(dsl, userId, Set.of(tagId));
          dsl.insertInto(TASK_TAGS)
              .set(TASK_TAGS.USER_ID, userId)
              .set(TASK_TAGS.TASK_ID, taskId)
              .set(TASK_TAGS.TAG_ID, tagId)
              .set(TASK_TAGS.CREATED_AT, now)
              .onConflictDoNothing()
              .execute();
          return null;
        },
        taskId);
  }

  void removeTag(UUID userId, UUID taskId, UUID tagId) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(tagId, "tagId");
    context.write(
        dsl -> {
          lockTask(dsl, userId, taskId, false);
          lockTags(dsl, userId, Set.of(tagId));
          dsl.deleteFrom(TASK_TAGS)
              .where(
                  TASK_TAGS.USER_ID.eq(userId),
                  TASK_TAGS.TASK_ID.eq(taskId),
                  TASK_TAGS.TAG_ID.eq(tagId))
              .execute();
          return null;
        },
        taskId);
  }

  List<Tag> tagsOf(UUID userId, UUID taskId) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(taskId, "taskId");
    // One statement: the task's existence and its tags from the same snapshot.
    Field<UUID> taskKey = TASKS.ID.as("task_key");
    return context.read(
        dsl -> {
          // A row per tag, or one row of nulls when the task has none; no row: no such task.
          List<Optional<Tag>> rows =
              ResultSets.fetch(
                  dsl.select(TAGS.fields())
                      .select(taskKey)
                      .from(TASKS)
                      .leftJoin(TASK_TAGS)
                      .on(TASK_TAGS.USER_ID.eq(TASKS.USER_ID), TASK_TAGS.TASK_ID.eq(TASKS.ID))
                      .leftJoin(TAGS)
                      .on(TAGS.USER_ID.eq(TASK_TAGS.USER_ID), TAGS.ID.eq(TASK_TAGS.TAG_ID))
                      .where(TASKS.USER_ID.eq(userId), TASKS.ID.eq(taskId))
                      .orderBy(NAME_KEY, TAGS.ID),
                  row ->
                      ResultSets.uuid(row, TAGS.ID) == null
                          ? Optional.empty()
                          : Optional.of(toTag(row)));
          if (rows.isEmpty()) {
            throw new NotFoundException("task", taskId);
          }
          return rows.stream().flatMap(Optional::stream).toList();
        },
        taskId);
  }

  /**
   * Checks that the user has the task and locks its row until the transaction ends: {@code FOR NO
   * KEY UPDATE} to serialize writers of its whole tag set, else {@code FOR KEY SHARE} (what the
   * foreign key check takes anyway) so that it cannot be deleted meanwhile.
   */
  private static void lockTask(DSLContext dsl, UUID userId, UUID taskId, boolean exclusive) {
    var select =
        dsl.select(TASKS.ID).from(TASKS).where(TASKS.USER_ID.eq(userId), TASKS.ID.eq(taskId));
    var locked = exclusive ? select.forNoKeyUpdate() : select.forKeyShare();
    if (locked.fetchOptional().isEmpty()) {
      throw new NotFoundException("task", taskId);
    }
  }

  /**
   * Checks that the user has every tag and keeps them from being deleted until the transaction ends
   * ({@code FOR KEY SHARE}, as the foreign key check would).
   */
  private static void lockTags(DSLContext dsl, UUID userId, Set<UUID> tagIds) {
    if (tagIds.isEmpty()) {
      return;
    }
    Set<UUID> found =
        dsl.select(TAGS.ID)
            .from(TAGS)
            .where(TAGS.USER_ID.eq(userId), TAGS.ID.eq(DSL.any(uuidArray(tagIds))))
            .forKeyShare()
            .fetchSet(TAGS.ID);
    for (UUID tagId : tagIds) {
      if (!found.contains(tagId)) {
        throw new NotFoundException("tag", tagId);
      }
    }
  }

  private static List<Tag> tagsOfTask(DSLContext dsl, UUID userId, UUID taskId) {
    return ResultSets.fetch(
        dsl.select(TAGS.fields())
            .from(TAGS)
            .join(TASK_TAGS)
            .on(TASK_TAGS.USER_ID.eq(TAGS.USER_ID), TASK_TAGS.TAG_ID.eq(TAGS.ID))
            .where(TASK_TAGS.USER_ID.eq(userId), TASK_TAGS.TASK_ID.eq(taskId))
            .orderBy(NAME_KEY, TAGS.ID),
        TagRows::toTag);
  }

  /** One array bind value ({@code = ANY(?)}) instead of one bind value per id. */
  private static Field<UUID[]> uuidArray(Set<UUID> ids) {
    return DSL.val(ids.toArray(UUID[]::new), SQLDataType.UUID.array());
  }
}
