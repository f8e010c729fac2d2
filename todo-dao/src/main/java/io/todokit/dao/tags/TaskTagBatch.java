package io.todokit.dao.tags;

import static io.todokit.schema.jooq.Tables.TAGS;
import static io.todokit.schema.jooq.Tables.TASKS;
import static io.todokit.schema.jooq.Tables.TASK_TAGS;

import io.todokit.dao.NotFoundException;
import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.DaoContext;
import io.todokit.schema.jooq.tables.records.TaskTagsRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep4;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** {@link TagDao#addTags}: tags attached to many tasks of one user in one statement. */
final class TaskTagBatch {

  /** The most task-tag links one {@code addTags} call takes. */
  static final int MAX_LINKS = 10_000;

  private final DaoContext context;

  TaskTagBatch(DaoContext context) {
    this.context = context;
  }

  void addTags(UUID userId, Map<UUID, ? extends Collection<UUID>> tagIdsByTask) {
    Objects.requireNonNull(userId, "userId");
    if (tagIdsByTask == null) {
      throw new ValidationException("tag_ids", "is required");
    }
    Map<UUID, Set<UUID>> links = new LinkedHashMap<>();
    Set<UUID> tagIds = new LinkedHashSet<>();
    int count = 0;
    for (Map.Entry<UUID, ? extends Collection<UUID>> entry : tagIdsByTask.entrySet()) {
      UUID taskId = entry.getKey();
      Collection<UUID> tags = entry.getValue();
      if (taskId == null) {
        throw new ValidationException("tag_ids", "has a null task id");
      }
      if (tags == null) {
        throw new ValidationException("tag_ids[" + taskId + "]", "is required");
      }
      Set<UUID> wanted = new LinkedHashSet<>();
      for (UUID tagId : tags) {
        if (tagId == null) {
          throw new ValidationException("tag_ids[" + taskId + "]", "has a null tag id");
        }
        wanted.add(tagId);
      }
      count += wanted.size();
      if (count > MAX_LINKS) {
        throw new ValidationException("tag_ids", "at most " + MAX_LINKS + " links per call");
      }
      if (!wanted.isEmpty()) {
        links.put(taskId, wanted);
        tagIds.addAll(wanted);
      }
    }
    if (links.isEmpty()) {
      return;
    }
    Instant now = context.now();
    context.write(
        dsl -> {
          requireOwned(dsl, TASKS.ID, TASKS.USER_ID, userId, links.keySet(), "task");
          requireOwned(dsl, TAGS.ID, TAGS.USER_ID, userId, tagIds, "tag");
          InsertValuesStep4<TaskTagsRecord, UUID, UUID, UUID, Instant> insert =
              dsl.insertInto(
                  TASK_TAGS,
                  TASK_TAGS.USER_ID,
                  TASK_TAGS.TASK_ID,
                  TASK_TAGS.TAG_ID,
                  TASK_TAGS.CREATED_AT);
          for (Map.Entry<UUID, Set<UUID>> entry : links.entrySet()) {
            for (UUID tagId : entry.getValue()) {
              insert = insert.values(userId, entry.getKey(), tagId, now);
            }
          }
          insert.onConflictDoNothing().execute();
          return null;
        },
        null);
  }

  /**
   * Checks that the user has every row and keeps them from being deleted until the transaction ends
   * ({@code FOR KEY SHARE}, as the foreign key check would): one statement.
   */
  private static void requireOwned(
      DSLContext dsl,
      TableField<?, UUID> idField,
      TableField<?, UUID> userField,
      UUID userId,
      Set<UUID> ids,
      String entity) {
    Field<UUID[]> array = DSL.val(ids.toArray(UUID[]::new), SQLDataType.UUID.array());
    Set<UUID> found =
        dsl.select(idField)
            .from(idField.getTable())
            .where(userField.eq(userId), idField.eq(DSL.any(array)))
            .forKeyShare()
            .fetchSet(idField);
    for (UUID id : ids) {
      if (!found.contains(id)) {
        throw new NotFoundException(entity, id);
      }
    }
  }
}
