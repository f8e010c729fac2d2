package io.todokit.examples.spring.web;

import io.todokit.dao.ValidationException;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * Time zones as JSON carries them (text such as {@code Europe/Berlin}) turned into the {@link
 * ZoneId}s todokit takes, so that text that is no zone at all fails as todokit's own check does:
 * with a {@link ValidationException} naming the field.
 */
public final class TimeZones {

  private TimeZones() {}

  /**
   * The zone a JSON value names; todokit itself refuses zones that are not regions.
   *
   * @param field the JSON field, for the error
   * @param value the value, e.g. {@code Europe/Berlin}; null gives null
   * @return the zone, or null for a null value
   * @throws ValidationException naming {@code field} when the text is no zone id
   */
  public static @Nullable ZoneId parse(String field, @Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      return ZoneId.of(value);
    } catch (DateTimeException e) {
      throw new ValidationException(
          field, "must be an IANA region id such as Europe/Berlin, or UTC (was '" + value + "')");
    }
  }
}
