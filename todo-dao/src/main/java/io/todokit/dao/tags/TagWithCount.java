package io.todokit.dao.tags;

import java.util.Objects;

/**
 * A tag with the number of tasks that carry it, as {@link TagDao#list} returns it.
 *
 * @param tag the tag
 * @param taskCount how many of the user's tasks carry the tag, open and completed alike
 */
public record TagWithCount(Tag tag, long taskCount) {

  /** Checks the fields. */
  public TagWithCount {
    Objects.requireNonNull(tag, "tag");
    if (taskCount < 0) {
      throw new IllegalArgumentException("taskCount must not be negative: " + taskCount);
    }
  }
}
