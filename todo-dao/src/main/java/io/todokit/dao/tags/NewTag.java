package io.todokit.dao.tags;

import io.todokit.dao.ValidationException;
import org.jspecify.annotations.Nullable;

/**
 * What {@link TagDao#create} needs to create a tag: a name and a color, checked when built.
 *
 * <pre>{@code
 * db.tags().create(userId, NewTag.named("Work").withColor("#ff8800"));
 * }</pre>
 *
 * @param name 1 to 50 characters after trimming, no NUL characters
 * @param color a {@code #RRGGBB} color (hex digits of either case); kept as given after trimming
 */
public record NewTag(String name, String color) {

  /** The color of a tag created without one. */
  public static final String DEFAULT_COLOR = "#007bff";

  /**
   * Checks and trims the fields.
   *
   * @throws ValidationException naming {@code name} or {@code color}
   */
  public NewTag {
    name = TagValues.name(name);
    color = TagValues.color(color);
  }

  /**
   * A tag with the default color {@value #DEFAULT_COLOR}.
   *
   * @param name the name
   * @return the command
   * @throws ValidationException naming {@code name} when it is blank, too long or holds a NUL
   */
  public static NewTag named(@Nullable String name) {
    return new NewTag(TagValues.name(name), DEFAULT_COLOR);
  }

  /**
   * The same tag with another color.
   *
   * @param color a {@code #RRGGBB} color
   * @return the command
   * @throws ValidationException naming {@code color} when it is not {@code #RRGGBB}
   */
  public NewTag withColor(@Nullable String color) {
    return new NewTag(name, TagValues.color(color));
  }
}
