package io.todokit.springai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON Schema fragments of the tools' inputs, as maps written to JSON. */
final class ToolSchemas {

  private ToolSchemas() {}

  static Map<String, Object> string(String description) {
    return Map.of("type", "string", "description", description);
  }

  static Map<String, Object> string(String description, int minLength, int maxLength) {
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

  static Map<String, Object> uuid(String description) {
    return Map.of("type", "string", "format", "uuid", "description", description);
  }

  static Map<String, Object> instant(String description) {
    return Map.of("type", "string", "format", "date-time", "description", description);
  }

  static Map<String, Object> integer(String description, long minimum, long maximum) {
    return Map.of(
        "type", "integer", "description", description, "minimum", minimum, "maximum", maximum);
  }

  static Map<String, Object> integer(String description) {
    return Map.of("type", "integer", "description", description);
  }

  static Map<String, Object> bool(String description) {
    return Map.of("type", "boolean", "description", description);
  }

  static Map<String, Object> enumeration(String description, String... values) {
    return Map.of("type", "string", "description", description, "enum", List.of(values));
  }

  static Map<String, Object> arrayOf(Map<String, Object> items, String description) {
    return Map.of("type", "array", "items", items, "description", description);
  }

  /** The same schema that also accepts null (to clear a value). */
  static Map<String, Object> orNull(Map<String, Object> schema) {
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
  static ObjectSchema object() {
    return new ObjectSchema();
  }

  static final class ObjectSchema {
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<String> required = new ArrayList<>();

    ObjectSchema required(String name, Map<String, Object> schema) {
      properties.put(name, schema);
      required.add(name);
      return this;
    }

    ObjectSchema optional(String name, Map<String, Object> schema) {
      properties.put(name, schema);
      return this;
    }

    /** An input: no other properties allowed. */
    Map<String, Object> input() {
      Map<String, Object> schema = output();
      schema.put("additionalProperties", false);
      return schema;
    }

    Map<String, Object> output() {
      Map<String, Object> schema = new LinkedHashMap<>();
      schema.put("type", "object");
      schema.put("properties", new LinkedHashMap<>(properties));
      if (!required.isEmpty()) {
        schema.put("required", List.copyOf(required));
      }
      return schema;
    }

    List<String> names() {
      return List.copyOf(properties.keySet());
    }
  }
}
