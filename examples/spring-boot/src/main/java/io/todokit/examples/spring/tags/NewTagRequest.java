package io.todokit.examples.spring.tags;

import io.todokit.dao.ValidationException;
import io.todokit.dao.tags.NewTag;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/tags}.
 *
 * @param name 1 to 50 characters after trimming, unique per user regardless of case
 * @param color {@code #RRGGBB}; {@value NewTag#DEFAULT_COLOR} when missing
 */
record NewTagRequest(@Nullable String name, @Nullable String color) {

  /**
   * The todokit command.
   *
   * @throws ValidationException naming {@code name} or {@code color}
   */
  NewTag toCommand() {
    NewTag tag = NewTag.named(name);
    return color == null ? tag : tag.withColor(color);
  }
}
