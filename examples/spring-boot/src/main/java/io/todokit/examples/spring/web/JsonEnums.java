package io.todokit.examples.spring.web;

import io.todokit.dao.ValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The JSON spelling of todokit's enums: lower case, as the database stores them ({@code urgent},
 * {@code in_progress}, {@code latest}).
 *
 * <p>Requests carry these values as strings and convert them here rather than letting Jackson bind
 * the enums, so that a bad value fails with a {@link ValidationException} that lists the allowed
 * ones.
 */
public final class JsonEnums {

  private JsonEnums() {}

  /**
   * The constant a JSON value names.
   *
   * @param field the JSON field, for the error
   * @param value the value, e.g. {@code high}; null gives null
   * @param type the enum
   * @param <E> the enum type
   * @return the constant, or null for a null value
   * @throws ValidationException naming {@code field} when no constant has that name
   */
  public static <E extends Enum<E>> @Nullable E parse(
      String field, @Nullable String value, Class<E> type) {
    if (value == null) {
      return null;
    }
    for (E constant : type.getEnumConstants()) {
      if (format(constant).equals(value)) {
        return constant;
      }
    }
    throw new ValidationException(
        field,
        "must be one of "
            + Arrays.stream(type.getEnumConstants())
                .map(JsonEnums::format)
                .collect(Collectors.joining(", "))
            + " (was '"
            + value
            + "')");
  }

  /**
   * The JSON spelling of a constant.
   *
   * @param constant the constant
   * @return its name in lower case
   */
  public static String format(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }
}
