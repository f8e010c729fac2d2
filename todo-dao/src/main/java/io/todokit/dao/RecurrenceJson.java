package io.todokit.dao;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.todokit.dao.internal.Check;
import io.todokit.dao.internal.Json;
import io.todokit.recurrence.InvalidRecurrenceRuleException;
import io.todokit.recurrence.RecurrenceSpec;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Converts recurrence rules between {@link RecurrenceSpec} and the JSON shape the database stores:
 * {@code {"frequency": "weekly", "interval": 2, "days": ["monday", "thursday"], "end_date":
 * "2027-06-30"}} plus the optional {@code count}, {@code month_day} and {@code mode}.
 *
 * <p>Stateless and thread-safe.
 */
public final class RecurrenceJson {

  /** The field name validation errors use, e.g. {@code recurrence_rule.interval}. */
  public static final String FIELD = "recurrence_rule";

  private static final Set<String> FIELDS =
      Set.of("frequency", "interval", "days", "end_date", "count", "month_day", "mode");

  private RecurrenceJson() {}

  /**
   * Parses and validates a rule in the JSON shape.
   *
   * @param json the JSON text, e.g. {@code {"frequency": "daily", "interval": 3}}
   * @return the rule
   * @throws ValidationException naming the offending field, e.g. {@code recurrence_rule.interval}
   */
  public static RecurrenceSpec parse(String json) {
    Objects.requireNonNull(json, "json");
    Check.storable(FIELD, json);
    JsonNode node;
    try {
      node = Json.read(json);
    } catch (JsonProcessingException e) {
      throw new ValidationException(FIELD, "is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new ValidationException(FIELD, "must be a JSON object");
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new ValidationException(
            FIELD + "." + name,
            "unknown field; expected one of "
                + String.join(", ", FIELDS.stream().sorted().toList()));
      }
    }
    try {
      return RecurrenceSpec.of(
          text(node, "frequency"),
          integer(node, "interval"),
          days(node),
          date(node, "end_date"),
          integer(node, "count"),
          integer(node, "month_day"),
          text(node, "mode"));
    } catch (InvalidRecurrenceRuleException e) {
      throw new ValidationException(FIELD + "." + e.part(), String.valueOf(e.getMessage()), e);
    }
  }

  /**
   * The JSON shape of a rule; fields that are unset are left out.
   *
   * @param spec the rule
   * @return compact JSON text
   */
  public static String format(RecurrenceSpec spec) {
    Objects.requireNonNull(spec, "spec");
    ObjectNode node = Json.object();
    node.put("frequency", spec.frequency().jsonName());
    node.put("interval", spec.interval());
    ArrayNode days = node.putArray("days");
    spec.dayNames().forEach(days::add);
    if (spec.endDate() != null) {
      node.put("end_date", spec.endDate().toString());
    }
    if (spec.count() != null) {
      node.put("count", spec.count());
    }
    if (spec.monthDay() != null) {
      node.put("month_day", spec.monthDay());
    }
    node.put("mode", spec.mode().jsonName());
    return node.toString();
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new ValidationException(FIELD + "." + field, "must be a string");
    }
    return value.asText();
  }

  private static @Nullable Integer integer(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw new ValidationException(FIELD + "." + field, "must be a whole number");
    }
    return value.intValue();
  }

  private static @Nullable LocalDate date(JsonNode node, String field) {
    String text = text(node, field);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeException e) {
      throw new ValidationException(
          FIELD + "." + field, "must be a date such as 2027-01-31 (was '" + text + "')", e);
    }
  }

  private static @Nullable List<String> days(JsonNode node) {
    JsonNode value = node.get("days");
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isArray()) {
      throw new ValidationException(FIELD + ".days", "must be an array of weekday names");
    }
    List<String> days = new ArrayList<>();
    for (JsonNode day : value) {
      if (!day.isTextual()) {
        throw new ValidationException(FIELD + ".days", "must be an array of weekday names");
      }
      days.add(day.asText());
    }
    return days;
  }
}
