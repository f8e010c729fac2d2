package io.todokit.dao.internal;

import io.todokit.dao.ValidationException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Argument checks that throw {@link ValidationException} naming the field. */
public final class Check {

  private static final Pattern REGION_ID = Pattern.compile("[A-Za-z]+(/[A-Za-z0-9_+-]+)+");

  /** The earliest instant todokit stores: 0001-01-01T00:00:00Z. */
  public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  /** The latest instant todokit stores: 9999-12-31T23:59:59.999999Z. */
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

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
    String trimmed = strip(value);
    noNul(field, trimmed);
    wellFormed(field, trimmed);
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
    wellFormed(field, value);
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
    if (limit < 1 || limit > Limits.CLAIM) {
      throw new ValidationException(
          "limit", "must be 1 to " + Limits.CLAIM + " (was " + limit + ")");
    }
    return limit;
  }

  /**
   * Checks a time zone id: a region id of the tzdb that Java knows, of the form {@code
   * Area/Location} (such as {@code Europe/Berlin}, {@code America/Argentina/Buenos_Aires} or {@code
   * Etc/GMT+5}), or {@code UTC}. Offsets ({@code +02:00}, {@code UTC+1}), {@code Z} and the tzdb's
   * legacy aliases without an area ({@code UT}, {@code GMT}, {@code EST}, {@code EST5EDT}) are
   * refused; the schema's check refuses the same.
   *
   * @param field the field's name
   * @param zone the id
   * @return the zone
   */
  public static ZoneId timeZone(String field, @Nullable String zone) {
    if (zone == null) {
      throw new ValidationException(field, "is required");
    }
    if (!isRegionId(zone)) {
      throw new ValidationException(
          field,
          "must be an IANA region id such as Europe/Berlin, or UTC (was '"
              + printable(zone)
              + "')");
    }
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new ValidationException(
          field, "unknown time zone '" + zone + "': use an IANA id such as Europe/Berlin", e);
    }
  }

  /**
   * A time zone given as a {@link ZoneId}: only a region by the same rule as {@link
   * #timeZone(String, String)}, so that an offset ({@code +02:00}, {@code Z}) or a legacy id
   * ({@code GMT}, {@code EST}) is refused as a string would be.
   *
   * @param field the field to name
   * @param zone the zone
   * @return the zone
   * @throws ValidationException naming the field when it is null or not a region id
   */
  public static ZoneId timeZone(String field, @Nullable ZoneId zone) {
    if (zone == null) {
      throw new ValidationException(field, "is required");
    }
    return timeZone(field, zone.getId());
  }

  /**
   * Whether an id is a time zone {@link #timeZone} accepts.
   *
   * @param zone the id
   * @return true for {@code UTC} and the tzdb's {@code Area/Location} ids Java knows
   */
  public static boolean isRegionId(String zone) {
    return (zone.equals("UTC") || REGION_ID.matcher(zone).matches())
        && ZoneId.getAvailableZoneIds().contains(zone);
  }

  /**
   * A zone read from the database: PostgreSQL knows some names that java.time does not (rows
   * written before V11 may hold an abbreviation such as {@code PST}).
   *
   * @param zone the stored id
   * @return the zone
   * @throws ValidationException ({@code time_zone}) when java.time does not know it
   */
  public static ZoneId storedZone(String zone) {
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new ValidationException(
          "time_zone", "the stored zone '" + zone + "' is not a time zone java.time knows", e);
    }
  }

  /**
   * Checks an instant argument or field: within years 1 to 9999 (UTC), the range every part of
   * todokit (PostgreSQL's timestamptz, the recurrence calculator, {@code java.time}) handles.
   *
   * @param field the field's name, e.g. {@code due_at} or {@code now}
   * @param value the instant
   * @return the instant
   */
  public static Instant instant(String field, @Nullable Instant value) {
    if (value == null) {
      throw new ValidationException(field, "is required");
    }
    if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
      throw new ValidationException(
          field, "must be between " + EARLIEST + " and " + LATEST + " (was " + value + ")");
    }
    return value;
  }

  /**
   * Checks an optional instant: null, or as {@link #instant}.
   *
   * @param field the field's name
   * @param value the instant, or null
   * @return the instant
   */
  public static @Nullable Instant optionalInstant(String field, @Nullable Instant value) {
    return value == null ? null : instant(field, value);
  }

  /**
   * Checks a text that is stored as it is (JSON, ids): no NUL, no lone UTF-16 surrogate.
   *
   * @param field the field's name
   * @param value the text
   * @return the text
   */
  public static String storable(String field, String value) {
    noNul(field, value);
    wellFormed(field, value);
    return value;
  }

  /**
   * Whether a character counts as space: what {@link Character#isWhitespace} or {@link
   * Character#isSpaceChar} accepts (so no-break and ideographic spaces too); the schema's {@code
   * todokit_is_blank} uses the same set.
   *
   * @param codePoint the character
   * @return whether it is a space
   */
  public static boolean isSpace(int codePoint) {
    return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
  }

  /**
   * Whether a text is empty or made only of {@linkplain #isSpace spaces}.
   *
   * @param value the text
   * @return whether it is blank
   */
  public static boolean isBlank(String value) {
    return strip(value).isEmpty();
  }

  /** The text without leading and trailing {@linkplain #isSpace spaces}. */
  static String strip(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && isSpace(value.codePointAt(start))) {
      start += Character.charCount(value.codePointAt(start));
    }
    while (end > start && isSpace(value.codePointBefore(end))) {
      end -= Character.charCount(value.codePointBefore(end));
    }
    return value.substring(start, end);
  }

  /** PostgreSQL would store a lone surrogate as '?': refuse it rather than corrupt the text. */
  private static void wellFormed(String field, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new ValidationException(
            field,
            "must be well-formed Unicode: a lone surrogate U+"
                + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)
                + " at index "
                + i);
      }
    }
  }

  private static String printable(String value) {
    return value.length() > 64 ? value.substring(0, 64) + "…" : value;
  }

  private static void noNul(String field, String value) {
    if (value.indexOf('\0') >= 0) {
      throw new ValidationException(field, "must not contain NUL characters");
    }
  }
}
