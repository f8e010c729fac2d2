package io.todokit.dao.tags;

import io.todokit.dao.DuplicateException;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.DaoAccess;
import io.todokit.dao.internal.DaoContext;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Per-user tags, and the tags of tasks; use {@code TodoDb.tags()} to get one.
 *
 * <p>Every method takes the acting user's id first and sees only that user's tags and tasks:
 * another user's ids behave exactly like missing ones. Lists are ordered by name regardless of case
 * ({@code lower(name)}, then id). Each call is one transaction; a call that throws has written
 * nothing. Instances are immutable and thread-safe.
 */
public final class TagDao {

  private final Tags tags;
  private final TaskTags taskTags;
  private final TaskTagBatch taskTagBatch;

  static {
    DaoAccess.register(TagDao.class, TagDao::new);
  }

  private TagDao(DaoContext context) {
    Objects.requireNonNull(context, "context");
    this.tags = new Tags(context);
    this.taskTags = new TaskTags(context);
    this.taskTagBatch = new TaskTagBatch(context);
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
    return tags.create(userId, tag);
  }

  /**
   * The tag with this id, if the user has it.
   *
   * @param userId the acting user
   * @param id the tag
   * @return the tag, or empty when the user has no such tag
   */
  public Optional<Tag> find(UUID userId, UUID id) {
    return tags.find(userId, id);
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
    return tags.rename(userId, id, name);
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
    return tags.recolor(userId, id, color);
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
    tags.delete(userId, id);
  }

  /**
   * Every tag of the user with the number of tasks carrying it, open and completed alike, ordered
   * by name regardless of case. A user has few tags, so the list is not paged (and not capped).
   *
   * @param userId the acting user
   * @return the tags with their counts; empty when the user has none
   */
  public List<TagWithCount> list(UUID userId) {
    return tags.list(userId);
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
    return taskTags.setTaskTags(userId, taskId, tagIds);
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
    taskTags.addTag(userId, taskId, tagId);
  }

  /**
   * Attaches tags to many tasks in one transaction and one INSERT: {@link #addTag} for every pair,
   * but validated as one unit. Links the tasks already carry change nothing (idempotent); repeated
   * ids count once; a task with an empty collection is skipped.
   *
   * @param userId the acting user
   * @param tagIdsByTask for each task, the tags to attach to it
   * @throws ValidationException ({@code tag_ids}) for more than {@value TaskTagBatch#MAX_LINKS}
   *     links or a null task id, ({@code tag_ids[<task id>]}) for a null collection or a null tag
   *     id in it
   * @throws NotFoundException for {@code task} or {@code tag} (naming the first missing id) when
   *     the user has no such one; nothing is changed then
   */
  public void addTags(UUID userId, Map<UUID, ? extends Collection<UUID>> tagIdsByTask) {
    taskTagBatch.addTags(userId, tagIdsByTask);
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
    taskTags.removeTag(userId, taskId, tagId);
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
    return taskTags.tagsOf(userId, taskId);
  }
}
