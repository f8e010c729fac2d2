package io.todokit.dao.internal;

import io.todokit.dao.ValidationException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Argument checks that throw {@link ValidationException} naming the field. */
public final class Check {

  private static final int MAX_PAGE_SIZE = 500;

  private Check() {}

  /**
   * Trims a required text and checks its length in code points, and that it holds no NUL character
   * (PostgreSQL text cannot store one).
   *
   * @param field the field's name
   * @param value the value
   * @param min the least length after trimming
   * @param max the greatest length after trimming
   * @return the trimmed value
   */
  public static String text(String field, @Nullable String value, int min, int max) {
    if (value == null) {
      throw new ValidationException(field, "is required");
    }
    String trimmed = value.strip();
    noNul(field, trimmed);
    int length = trimmed.codePointCount(0, trimmed.length());
    if (length < min || length > max) {
      throw new ValidationException(
          field,
          (min == 1 && length == 0
                  ? "must not be blank"
                  : "must be " + min + " to " + max + " characters")
              + " (was "
              + length
              + ")");
    }
    return trimmed;
  }

  /**
   * Checks an optional text's length in code points (not trimmed), and that it holds no NUL.
   *
   * @param field the field's name
   * @param value the value, or null
   * @param max the greatest length
   * @return the value
   */
  public static @Nullable String optionalText(String field, @Nullable String value, int max) {
    if (value == null) {
      return null;
    }
    noNul(field, value);
    int length = value.codePointCount(0, value.length());
    if (length > max) {
      throw new ValidationException(
          field, "must be at most " + max + " characters (was " + length + ")");
    }
    return value;
  }

  /**
   * Requires a non-null value.
   *
   * @param field the field's name
   * @param value the value
   * @param <T> its type
   * @return the value
   */
  public static <T> T required(String field, @Nullable T value) {
    if (value == null) {
      throw new ValidationException(field, "is required");
    }
    return value;
  }

  /**
   * Checks a collection argument and its elements for null.
   *
   * @param field the field's name
   * @param values the collection
   * @param <C> its type
   * @return the collection
   */
  public static <C extends Collection<?>> C noNulls(String field, @Nullable C values) {
    if (values == null) {
      throw new ValidationException(field, "is required");
    }
    for (Object value : values) {
      if (value == null) {
        throw new ValidationException(field, "must not contain null");
      }
    }
    return values;
  }

  /**
   * Checks a page size: 1 to 500.
   *
   * @param limit the requested size
   * @return the size
   */
  public static int pageSize(int limit) {
    if (limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new ValidationException(
          "limit", "must be 1 to " + MAX_PAGE_SIZE + " (was " + limit + ")");
    }
    return limit;
  }

  /**
   * Checks a time zone id: a region id that both Java and PostgreSQL know, or {@code UTC}.
   *
   * @param field the field's name
   * @param zone the id
   * @return the zone
   */
  public static ZoneId timeZone(String field, @Nullable String zone) {
    if (zone == null) {
      throw new ValidationException(field, "is required");
    }
    try {
      ZoneId id = ZoneId.of(zone);
      if (!id.getId().equals(zone) || !zone.matches("[A-Za-z][A-Za-z0-9_+/-]*")) {
        throw new ValidationException(
            field, "must be an IANA time zone id such as Europe/Berlin (was '" + zone + "')");
      }
      return id;
    } catch (DateTimeException e) {
      throw new ValidationException(
          field, "unknown time zone '" + zone + "': use an IANA id such as Europe/Berlin", e);
    }
  }

  private static void noNul(String field, String value) {
    if (value.indexOf('\0') >= 0) {
      throw new ValidationException(field, "must not contain NUL characters");
    }
  }

  /**
   * Requires a non-null argument that is not user input (ids, commands); a null is a programming
   * error, reported like {@link Objects#requireNonNull}.
   *
   * @param value the argument
   * @param name its name
   * @param <T> its type
   * @return the argument
   */
  public static <T> T notNull(@Nullable T value, String name) {
    return Objects.requireNonNull(value, name);
  }
}
