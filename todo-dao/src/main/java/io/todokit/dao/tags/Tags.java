package io.todokit.dao.tags;

import static io.todokit.dao.tags.TagRows.NAME_KEY;
import static io.todokit.dao.tags.TagRows.toTag;
import static io.todokit.schema.jooq.Tables.TAGS;
import static io.todokit.schema.jooq.Tables.TASK_TAGS;

import io.todokit.dao.NotFoundException;
import io.todokit.dao.internal.DaoContext;
import io.todokit.dao.internal.ResultSets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The tag calls of {@link TagDao}: create, read, list, rename, recolor, delete. */
final class Tags {

  private final DaoContext context;

  Tags(DaoContext context) {
    this.context = context;
  }

  Tag create(UUID userId, NewTag tag) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(tag, "tag");
    Instant now = context.now();
    UUID id = context.newId();
    return context.write(
        dsl ->
            ResultSets.fetch(
                    dsl.insertInto(TAGS)
                        .set(TAGS.USER_ID, userId)
                        .set(TAGS.ID, id)
                        .set(TAGS.NAME, tag.name())
                        .set(TAGS.COLOR, tag.color())
                        .set(TAGS.CREATED_AT, now)
                        .set(TAGS.UPDATED_AT, now)
                        .returning(),
                    TagRows::toTag)
                .getFirst(),
        userId);
  }

  Optional<Tag> find(UUID userId, UUID id) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    return context.read(
        dsl ->
            ResultSets.fetchOptional(
                dsl.selectFrom(TAGS).where(TAGS.USER_ID.eq(userId), TAGS.ID.eq(id)),
                TagRows::toTag),
        id);
  }

  Tag rename(UUID userId, UUID id, String name) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    String checked = TagValues.name(name);
    return update(userId, id, TAGS.NAME, checked);
  }

  Tag recolor(UUID userId, UUID id, String color) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    String checked = TagValues.color(color);
    return update(userId, id, TAGS.COLOR, checked);
  }

  void delete(UUID userId, UUID id) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    context.deleteOwned(TAGS, TAGS.USER_ID, TAGS.ID, userId, id, "tag");
  }

  List<TagWithCount> list(UUID userId) {
    Objects.requireNonNull(userId, "userId");
    Field<Long> taskCount =
        DSL.count(TASK_TAGS.TASK_ID).coerce(SQLDataType.BIGINT).as("task_count");
    return context.read(
        dsl ->
            ResultSets.fetch(
                dsl.select(TAGS.fields())
                    .select(taskCount)
                    .from(TAGS)
                    .leftJoin(TASK_TAGS)
                    .on(TASK_TAGS.USER_ID.eq(TAGS.USER_ID), TASK_TAGS.TAG_ID.eq(TAGS.ID))
                    .where(TAGS.USER_ID.eq(userId))
                    .groupBy(TAGS.USER_ID, TAGS.ID)
                    .orderBy(NAME_KEY, TAGS.ID),
                row -> new TagWithCount(toTag(row), row.getLong(taskCount.getName()))),
        userId);
  }

  private Tag update(UUID userId, UUID tagId, Field<String> field, String value) {
    Instant now = context.now();
    return context.write(
        dsl ->
            ResultSets.fetchOptional(
                    dsl.update(TAGS)
                        .set(field, value)
                        .set(TAGS.UPDATED_AT, now)
                        .where(TAGS.USER_ID.eq(userId), TAGS.ID.eq(tagId))
                        .returning(),
                    TagRows::toTag)
                .orElseThrow(() -> new NotFoundException("tag", tagId)),
        tagId);
  }
}
