package io.todokit.tools;

import io.todokit.dao.ValidationException;
import io.todokit.dao.tasks.Priority;
import io.todokit.dao.tasks.TaskOrigin;
import io.todokit.dao.tasks.TaskStatus;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A tool call's arguments (the JSON object a model sent, already parsed), read with the checks a
 * model can act on: each failure is a {@link ValidationException} naming the argument as the tool's
 * input schema spells it. Immutable; thread-safe when the map it reads is not changed.
 */
public final class Arguments {

  private final Map<String, ? extends @Nullable Object> values;
  private final @Nullable TaskOrigin origin;

  private Arguments(Map<String, ? extends @Nullable Object> values, @Nullable TaskOrigin origin) {
    this.values = values;
    this.origin = origin;
  }

  /**
   * The arguments of a call, refusing names the tool does not take (in particular a {@code
   * user_id}: the acting user comes from the adapter, never from the model).
   *
   * @param arguments the parsed JSON object, or null for none
   * @param allowed the names the tool's input schema has
   * @param actingUser how the adapter finds the acting user, ending the refusal of a {@code
   *     user_id} argument: "not an argument: the acting user is {actingUser}"
   * @return the arguments
   * @throws ValidationException naming the first argument the tool does not take
   */
  public static Arguments of(
      @Nullable Map<String, ? extends @Nullable Object> arguments,
      Collection<String> allowed,
      String actingUser) {
    Map<String, ? extends @Nullable Object> values = arguments == null ? Map.of() : arguments;
    for (String name : values.keySet()) {
      if (!allowed.contains(name)) {
        throw new ValidationException(
            name,
            name.equals("user_id") || name.equals("userId")
                ? "not an argument: the acting user is " + actingUser
                : "unknown argument; this tool takes "
                    + (allowed.isEmpty() ? "no arguments" : String.join(", ", allowed)));
      }
    }
    return new Arguments(values, null);
  }

  /**
   * These arguments with the origin the adapter knows the call by (not an argument of the model):
   * the task tools' writes then go through {@code db.tasks().via(origin)}.
   *
   * @param origin the call's origin
   * @return a copy
   */
  public Arguments withOrigin(TaskOrigin origin) {
    return new Arguments(values, Objects.requireNonNull(origin, "origin"));
  }

  /** The origin the adapter gave the call, if any. */
  public Optional<TaskOrigin> origin() {
    return Optional.ofNullable(origin);
  }

  /** Whether the argument was given, null included (null clears a value in update calls). */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  public String string(String name) {
    return optionalString(name).orElseThrow(() -> missing(name));
  }

  public Optional<String> optionalString(String name) {
    Object value = values.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof String text) {
      return Optional.of(text);
    }
    throw new ValidationException(name, "must be a string");
  }

  public UUID uuid(String name) {
    return optionalString(name).map(text -> parseUuid(name, text)).orElseThrow(() -> missing(name));
  }

  public List<UUID> uuids(String name) {
    return texts(name, "must be an array of ids").stream()
        .map(text -> parseUuid(name, text))
        .toList();
  }

  public List<String> strings(String name) {
    return texts(name, "must be an array of strings");
  }

  private List<String> texts(String name, String reason) {
    Object value = values.get(name);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new ValidationException(name, reason);
    }
    List<String> result = new ArrayList<>();
    for (Object item : list) {
      if (!(item instanceof String text)) {
        throw new ValidationException(name, reason);
      }
      result.add(text);
    }
    return result;
  }

  public List<Long> integers(String name, long minimum, long maximum) {
    Object value = values.get(name);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new ValidationException(name, "must be an array of integers");
    }
    List<Long> result = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Object item = list.get(i);
      String element = name + "[" + i + "]";
      if (!(item instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
        throw new ValidationException(element, "must be an integer");
      }
      long number = n.longValue();
      if (number < minimum || number > maximum) {
        throw new ValidationException(element, "must be " + minimum + " to " + maximum);
      }
      result.add(number);
    }
    return result;
  }

  public Optional<Instant> optionalInstant(String name) {
    return optionalString(name)
        .map(
            text -> {
              try {
                return OffsetDateTime.parse(text).toInstant();
              } catch (DateTimeException e) {
                throw new ValidationException(
                    name,
                    "must be an ISO-8601 date-time with an offset, like 2026-03-02T09:00:00Z or"
                        + " 2026-03-02T10:00:00+01:00");
              }
            });
  }

  /** A wall-clock date-time ({@code 2026-03-02T09:00}), or an instant when it has an offset. */
  public Object localOrInstant(String name) {
    String text = string(name);
    try {
      return LocalDateTime.parse(text);
    } catch (DateTimeException e) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeException e2) {
        throw new ValidationException(
            name,
            "must be an ISO-8601 date-time: a wall-clock time like 2026-03-02T09:00, or an"
                + " instant like 2026-03-02T08:00:00Z");
      }
    }
  }

  public Optional<ZoneId> optionalZone(String name) {
    return optionalString(name)
        .map(
            text -> {
              try {
                return ZoneId.of(text);
              } catch (DateTimeException e) {
                throw new ValidationException(
                    name, "must be an IANA time zone like Europe/Berlin or UTC");
              }
            });
  }

  public Optional<Priority> optionalPriority(String name) {
    return optionalString(name).map(text -> constant(name, text, Priority.class));
  }

  public Optional<TaskStatus> optionalStatus(String name) {
    return optionalString(name).map(text -> constant(name, text, TaskStatus.class));
  }

  public boolean flag(String name) {
    Object value = values.get(name);
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean bool) {
      return bool;
    }
    throw new ValidationException(name, "must be true or false");
  }

  public Optional<Long> optionalInteger(String name, long minimum, long maximum) {
    Object value = values.get(name);
    if (value == null) {
      return Optional.empty();
    }
    long number;
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      number = ((Number) value).longValue();
    } else if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      number = n.longValue();
    } else {
      throw new ValidationException(name, "must be an integer");
    }
    if (number < minimum || number > maximum) {
      throw new ValidationException(name, "must be " + minimum + " to " + maximum);
    }
    return Optional.of(number);
  }

  /** A JSON object argument as JSON text (for the library's JSON-shaped values). */
  public Optional<String> optionalObjectJson(String name) {
    Object value = values.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof String text) {
      // A model sometimes sends the object as JSON text; the library parses and checks it.
      return Optional.of(text);
    }
    if (!(value instanceof Map<?, ?>)) {
      throw new ValidationException(name, "must be a JSON object");
    }
    try {
      return Optional.of(JsonText.write(value));
    } catch (IllegalArgumentException e) {
      throw new ValidationException(name, "must be a JSON object", e);
    }
  }

  private static UUID parseUuid(String name, String text) {
    try {
      if (text.length() == 36) {
        return UUID.fromString(text);
      }
    } catch (IllegalArgumentException e) {
      // below
    }
    throw new ValidationException(name, "must be an id like 0b9f7c1e-3d2a-4c55-9a57-3f1c2d4e5f60");
  }

  private static <E extends Enum<E>> E constant(String name, String text, Class<E> type) {
    try {
      return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> names = new ArrayList<>();
      for (E constant : type.getEnumConstants()) {
        names.add(constant.name().toLowerCase(Locale.ROOT));
      }
      throw new ValidationException(name, "must be one of " + String.join(", ", names));
    }
  }

  private static ValidationException missing(String name) {
    return new ValidationException(name, "is required");
  }
}
