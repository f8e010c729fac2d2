package io.todokit.dao.tags;

import static io.todokit.schema.jooq.Tables.TAGS;
import static io.todokit.schema.jooq.Tables.TASKS;
import static io.todokit.schema.jooq.Tables.TASK_TAGS;

import io.todokit.dao.DuplicateException;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Check;
import io.todokit.dao.internal.DaoContext;
import io.todokit.dao.internal.ResultSets;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Per-user tags, and the tags of tasks; use {@code TodoDb.tags()} to get one.
 *
 * <p>Every method takes the acting user's id first and sees only that user's tags and tasks:
 * another user's ids behave exactly like missing ones. Lists are ordered by name regardless of case
 * ({@code lower(name)}, then id). Each call is one transaction; a call that throws has written
 * nothing. Instances are immutable and thread-safe.
 */
public final class TagDao {

  /** The sort key of every tag list, the expression of the index {@code tags_user_name_key}. */
  private static final Field<String> NAME_KEY = DSL.lower(TAGS.NAME);

  private final DaoContext context;

  /**
   * Creates the DAO; use {@code TodoDb.tags()} instead.
   *
   * @param context the shared DAO context
   */
  public TagDao(DaoContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  /**
   * Creates a tag.
   *
   * @param userId the acting user
   * @param tag the name and color
   * @return the tag as stored
   * @throws DuplicateException with field {@code name} when the user has a tag of that name in any
   *     case
   * @throws NotFoundException when the user does not exist
   */
  public Tag create(UUID userId, NewTag tag) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(tag, "tag");
    Instant now = context.now();
    UUID id = context.newId();
    return context.write(
        dsl ->
            toTag(
                dsl.insertInto(TAGS)
                    .set(TAGS.USER_ID, userId)
                    .set(TAGS.ID, id)
                    .set(TAGS.NAME, tag.name())
                    .set(TAGS.COLOR, tag.color())
                    .set(TAGS.CREATED_AT, now)
                    .set(TAGS.UPDATED_AT, now)
                    .returning()
                    .fetchSingle()),
        userId);
  }

  /**
   * The tag with this id, if the user has it.
   *
   * @param userId the acting user
   * @param id the tag
   * @return the tag, or empty when the user has no such tag
   */
  public Optional<Tag> find(UUID userId, UUID id) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    return context.read(
        dsl ->
            dsl.selectFrom(TAGS)
                .where(TAGS.USER_ID.eq(userId), TAGS.ID.eq(id))
                .fetchOptional()
                .map(TagDao::toTag),
        id);
  }

  /**
   * The tag with this id.
   *
   * @param userId the acting user
   * @param id the tag
   * @return the tag
   * @throws NotFoundException when the user has no such tag
   */
  public Tag get(UUID userId, UUID id) {
    return find(userId, id).orElseThrow(() -> new NotFoundException("tag", id));
  }

  /**
   * Renames a tag (changing only the case of its name is allowed).
   *
   * @param userId the acting user
   * @param id the tag
   * @param name the new name: 1 to 50 characters after trimming
   * @return the renamed tag
   * @throws ValidationException with field {@code name} for a blank, too long or NUL-holding name
   * @throws DuplicateException with field {@code name} when another tag of the user has that name
   * @throws NotFoundException when the user has no such tag
   */
  public Tag rename(UUID userId, UUID id, String name) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    String checked = TagValues.name(name);
    return update(userId, id, TAGS.NAME, checked);
  }

  /**
   * Gives a tag another color.
   *
   * @param userId the acting user
   * @param id the tag
   * @param color a {@code #RRGGBB} color
   * @return the recolored tag
   * @throws ValidationException with field {@code color} when it is not {@code #RRGGBB}
   * @throws NotFoundException when the user has no such tag
   */
  public Tag recolor(UUID userId, UUID id, String color) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    String checked = TagValues.color(color);
    return update(userId, id, TAGS.COLOR, checked);
  }

  /**
   * Deletes a tag; the tasks that carried it lose it (the {@code task_tags} rows cascade), and are
   * otherwise unchanged.
   *
   * @param userId the acting user
   * @param id the tag
   * @throws NotFoundException when the user has no such tag
   */
  public void delete(UUID userId, UUID id) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    context.deleteOwned(TAGS, TAGS.USER_ID, TAGS.ID, userId, id, "tag");
  }

  /**
   * Every tag of the user with the number of tasks carrying it, open and completed alike, ordered
   * by name regardless of case. A user has few tags, so the list is not paged (and not capped).
   *
   * @param userId the acting user
   * @return the tags with their counts; empty when the user has none
   */
  public List<TagWithCount> list(UUID userId) {
    Objects.requireNonNull(userId, "userId");
    Field<Long> taskCount =
        DSL.count(TASK_TAGS.TASK_ID).coerce(SQLDataType.BIGINT).as("task_count");
    return context.read(
        dsl ->
            dsl.select(TAGS.fields())
                .select(taskCount)
                .from(TAGS)
                .leftJoin(TASK_TAGS)
                .on(TASK_TAGS.USER_ID.eq(TAGS.USER_ID), TASK_TAGS.TAG_ID.eq(TAGS.ID))
                .where(TAGS.USER_ID.eq(userId))
                .groupBy(TAGS.USER_ID, TAGS.ID)
                .orderBy(NAME_KEY, TAGS.ID)
                .fetch(row -> new TagWithCount(toTag(row), row.get(taskCount))),
        userId);
  }

  /**
   * Replaces the set of tags of a task (PUT semantics): afterwards the task carries exactly these
   * tags. Repeated ids count once; an empty collection removes every tag. Tags the task keeps keep
   * their original attachment time. Concurrent calls for one task are serialized (they lock the
   * task's row), so the result is always one caller's set, never a mixture. The task itself (its
   * version and {@code updated_at}) is not changed.
   *
   * @param userId the acting user
   * @param taskId the task
   * @param tagIds the tags the task shall carry, all the user's own
   * @return the task's tags afterwards, ordered by name regardless of case
   * @throws NotFoundException for {@code task} when the user has no such task, or for {@code tag}
   *     (naming the first missing id) when a tag is not the user's; nothing is changed then
   */
  public List<Tag> setTaskTags(UUID userId, UUID taskId, Collection<UUID> tagIds) {
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

  /**
   * Attaches a tag to a task; attaching it again changes nothing.
   *
   * @param userId the acting user
   * @param taskId the task
   * @param tagId the tag
   * @throws NotFoundException for {@code task} or {@code tag} when the user has no such one
   */
  public void addTag(UUID userId, UUID taskId, UUID tagId) {
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

  /**
   * Detaches a tag from a task; detaching a tag the task does not carry changes nothing.
   *
   * @param userId the acting user
   * @param taskId the task
   * @param tagId the tag
   * @throws NotFoundException for {@code task} or {@code tag} when the user has no such one
   */
  public void removeTag(UUID userId, UUID taskId, UUID tagId) {
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

  /**
   * The tags of a task, ordered by name regardless of case.
   *
   * @param userId the acting user
   * @param taskId the task
   * @return its tags; empty when it has none
   * @throws NotFoundException when the user has no such task
   */
  public List<Tag> tagsOf(UUID userId, UUID taskId) {
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

  private Tag update(UUID userId, UUID tagId, Field<String> field, String value) {
    Instant now = context.now();
    return context.write(
        dsl ->
            dsl.update(TAGS)
                .set(field, value)
                .set(TAGS.UPDATED_AT, now)
                .where(TAGS.USER_ID.eq(userId), TAGS.ID.eq(tagId))
                .returning()
                .fetchOptional()
                .map(TagDao::toTag)
                .orElseThrow(() -> new NotFoundException("tag", tagId)),
        tagId);
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
    return dsl.select(TAGS.fields())
        .from(TAGS)
        .join(TASK_TAGS)
        .on(TASK_TAGS.USER_ID.eq(TAGS.USER_ID), TASK_TAGS.TAG_ID.eq(TAGS.ID))
        .where(TASK_TAGS.USER_ID.eq(userId), TASK_TAGS.TASK_ID.eq(taskId))
        .orderBy(NAME_KEY, TAGS.ID)
        .fetch(TagDao::toTag);
  }

  /** One array bind value ({@code = ANY(?)}) instead of one bind value per id. */
  private static Field<UUID[]> uuidArray(Set<UUID> ids) {
    return DSL.val(ids.toArray(UUID[]::new), SQLDataType.UUID.array());
  }

  private static Tag toTag(ResultSet row) throws SQLException {
    return new Tag(
        Objects.requireNonNull(ResultSets.uuid(row, TAGS.ID)),
        Objects.requireNonNull(ResultSets.uuid(row, TAGS.USER_ID)),
        Objects.requireNonNull(ResultSets.text(row, TAGS.NAME)),
        Objects.requireNonNull(ResultSets.text(row, TAGS.COLOR)),
        Objects.requireNonNull(ResultSets.instant(row, TAGS.CREATED_AT)),
        Objects.requireNonNull(ResultSets.instant(row, TAGS.UPDATED_AT)));
  }

  private static Tag toTag(Record row) {
    return new Tag(
        row.get(TAGS.ID),
        row.get(TAGS.USER_ID),
        row.get(TAGS.NAME),
        row.get(TAGS.COLOR),
        row.get(TAGS.CREATED_AT),
        row.get(TAGS.UPDATED_AT));
  }
}
