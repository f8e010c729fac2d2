package io.todokit.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Schema fragments of the tools' inputs and outputs, as plain maps an adapter writes with its
 * JSON library. Stateless; the maps it returns are not changed afterwards.
 */
public final class Schemas {

  private Schemas() {}

  public static Map<String, Object> string(String description) {
    return Map.of("type", "string", "description", description);
  }

  public static Map<String, Object> string(String description, int minLength, int maxLength) {
    return Map.of(
        "type",
        "string",
        "description",
        description,
        "minLength",
        minLength,
        "maxLength",
        maxLength);
  }

  public static Map<String, Object> uuid(String description) {
    return Map.of("type", "string", "format", "uuid", "description", description);
  }

  public static Map<String, Object> instant(String description) {
    return Map.of("type", "string", "format", "date-time", "description", description);
  }

  public static Map<String, Object> integer(String description, long minimum, long maximum) {
    return Map.of(
        "type", "integer", "description", description, "minimum", minimum, "maximum", maximum);
  }

  public static Map<String, Object> integer(String description) {
    return Map.of("type", "integer", "description", description);
  }

  public static Map<String, Object> bool(String description) {
    return Map.of("type", "boolean", "description", description);
  }

  public static Map<String, Object> enumeration(String description, String... values) {
    return Map.of("type", "string", "description", description, "enum", List.of(values));
  }

  public static Map<String, Object> arrayOf(Map<String, Object> items, String description) {
    return Map.of("type", "array", "items", items, "description", description);
  }

  /** A recurrence rule in the library's JSON shape (see RecurrenceJson). */
  public static Map<String, Object> recurrence(String description) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("frequency", enumeration("How often.", "daily", "weekly", "monthly", "yearly"));
    properties.put("interval", integer("Every n-th period, default 1.", 1, 999));
    properties.put(
        "days",
        arrayOf(
            enumeration(
                "A weekday.",
                "monday",
                "tuesday",
                "wednesday",
                "thursday",
                "friday",
                "saturday",
                "sunday"),
            "Weekly: on these weekdays."));
    properties.put("month_day", integer("Monthly: on this day (31: the month's last day).", 1, 31));
    properties.put("end_date", string("The last day, as YYYY-MM-DD."));
    properties.put("count", integer("The number of occurrences.", 1, 10_000));
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("description", description);
    schema.put("properties", properties);
    schema.put("required", List.of("frequency"));
    return schema;
  }

  /** The same schema that also accepts null (to clear a value). */
  public static Map<String, Object> orNull(Map<String, Object> schema) {
    Map<String, Object> copy = new LinkedHashMap<>(schema);
    Object type = schema.get("type");
    copy.put("type", List.of(type, "null"));
    if (schema.containsKey("enum")) {
      List<Object> values = new ArrayList<>((List<?>) schema.get("enum"));
      values.add(null);
      copy.put("enum", values);
    }
    copy.remove("format");
    return copy;
  }

  /** An object schema; builder of its properties. */
  public static ObjectSchema object() {
    return new ObjectSchema();
  }

  /** An object schema being built: its properties in order, and which are required. */
  public static final class ObjectSchema {
    private ObjectSchema() {}

    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<String> required = new ArrayList<>();

    public ObjectSchema required(String name, Map<String, Object> schema) {
      properties.put(name, schema);
      required.add(name);
      return this;
    }

    public ObjectSchema optional(String name, Map<String, Object> schema) {
      properties.put(name, schema);
      return this;
    }

    /** An input: no other properties allowed. */
    public Map<String, Object> input() {
      Map<String, Object> schema = output();
      schema.put("additionalProperties", false);
      return schema;
    }

    public Map<String, Object> output() {
      Map<String, Object> schema = new LinkedHashMap<>();
      schema.put("type", "object");
      schema.put("properties", new LinkedHashMap<>(properties));
      if (!required.isEmpty()) {
        schema.put("required", List.copyOf(required));
      }
      return schema;
    }

    public List<String> names() {
      return List.copyOf(properties.keySet());
    }
  }
}
