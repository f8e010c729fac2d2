package io.todokit.examples.spring.tags;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.todokit.dao.tags.Tag;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A tag as the API returns it.
 *
 * @param id the tag's id
 * @param name the name, unique per user regardless of case
 * @param color a {@code #RRGGBB} color
 * @param taskCount how many of the user's tasks carry it; only in {@code GET /api/tags}, left out
 *     elsewhere
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 */
public record TagJson(
    UUID id,
    String name,
    String color,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long taskCount,
    Instant createdAt,
    Instant updatedAt) {

  /**
   * The JSON of a tag, without a task count.
   *
   * @param tag the tag
   * @return its JSON
   */
  public static TagJson of(Tag tag) {
    return of(tag, null);
  }

  static TagJson of(Tag tag, @Nullable Long taskCount) {
    return new TagJson(
        tag.id(), tag.name(), tag.color(), taskCount, tag.createdAt(), tag.updatedAt());
  }
}
