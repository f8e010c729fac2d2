package io.todokit.examples.spring.tasks;

import io.todokit.dao.ValidationException;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code PUT /api/tasks/{id}/tags}: the complete set of tags the task shall carry.
 *
 * @param tagIds the user's own tag ids; an empty array removes every tag
 */
record TaskTagsRequest(@Nullable List<@Nullable UUID> tagIds) {

  /**
   * The ids, checked.
   *
   * @throws ValidationException ({@code tag_ids}) when missing or holding a null: a PUT must say
   *     what the set becomes, and a forgotten field must not silently remove every tag
   */
  List<UUID> ids() {
    if (tagIds == null) {
      throw new ValidationException("tag_ids", "is required (an empty array removes every tag)");
    }
    if (tagIds.contains(null)) {
      throw new ValidationException("tag_ids", "must not contain null");
    }
    return tagIds.stream().map(Objects::requireNonNull).toList();
  }
}
