package io.todokit.examples.spring.tags;

import io.todokit.dao.tags.Tag;
import java.util.List;

/**
 * A list of tags: {@code {"items": [...]}}.
 *
 * @param items the tags
 */
public record TagList(List<TagJson> items) {

  /**
   * The JSON of some tags, without task counts.
   *
   * @param tags the tags, in the order to return them
   * @return the list
   */
  public static TagList of(List<Tag> tags) {
    return new TagList(tags.stream().map(TagJson::of).toList());
  }
}
