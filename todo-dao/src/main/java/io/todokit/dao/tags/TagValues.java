package io.todokit.dao.tags;

import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Check;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The rules for tag names and colors, the same as the database's checks. */
final class TagValues {

  static final int MAX_NAME_LENGTH = 50;

  private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");

  private TagValues() {}

  /** A name, trimmed: 1 to 50 code points, no NUL (constraint {@code tags_name_length}). */
  static String name(@Nullable String name) {
    return Check.text("name", name, 1, MAX_NAME_LENGTH);
  }

  /** A color, trimmed: {@code #RRGGBB} (constraint {@code tags_color_format}). */
  static String color(@Nullable String color) {
    if (color == null) {
      throw new ValidationException("color", "is required");
    }
    String trimmed = color.strip();
    if (!COLOR.matcher(trimmed).matches()) {
      throw new ValidationException(
          "color", "must be #RRGGBB with hexadecimal digits, such as #007bff");
    }
    return trimmed;
  }
}
