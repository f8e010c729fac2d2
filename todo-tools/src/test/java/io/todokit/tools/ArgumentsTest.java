package io.todokit.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.ValidationException;
import io.todokit.dao.tasks.Priority;
import io.todokit.dao.tasks.TaskOrigin;
import io.todokit.dao.tasks.TaskStatus;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Argument reading: every failure is a ValidationException naming the argument. */
class ArgumentsTest {

  private static final String ACTING_USER = "the one the test says";
  private static final List<String> ALL =
      List.of("s", "id", "ids", "names", "minutes", "at", "zone", "p", "st", "on", "n", "rule");

  @Test
  void unknownArgumentsAreRefusedNamingWhatTheToolTakes() {
    assertThat(
            failure(() -> Arguments.of(Map.of("colour", "red"), List.of("title", "due_at"), "x")))
        .isEqualTo("colour: unknown argument; this tool takes title, due_at");
    assertThat(reason(() -> Arguments.of(Map.of("a", 1), List.of(), "x")))
        .isEqualTo("unknown argument; this tool takes no arguments");
    assertThat(Arguments.of(null, List.of("a"), "x").has("a")).isFalse();
  }

  @Test
  void aUserIdIsRefusedInTheAdaptersWording() {
    for (String name : List.of("user_id", "userId")) {
      assertThat(field(() -> Arguments.of(Map.of(name, "u"), List.of("title"), ACTING_USER)))
          .isEqualTo(name);
      assertThat(reason(() -> Arguments.of(Map.of(name, "u"), List.of("title"), ACTING_USER)))
          .isEqualTo("not an argument: the acting user is the one the test says");
    }
  }

  @Test
  void missingAndWrongTypes() {
    Arguments none = args(Map.of());
    assertThat(failure(() -> none.string("s"))).isEqualTo("s: is required");
    assertThat(failure(() -> none.uuid("id"))).isEqualTo("id: is required");
    assertThat(none.optionalInteger("n", 0, 9)).isEmpty();
    assertThat(none.optionalString("s")).isEmpty();
    assertThat(none.flag("on")).isFalse();
    assertThat(none.uuids("ids")).isEmpty();
    assertThat(none.strings("names")).isEmpty();
    assertThat(none.integers("minutes", 0, 9)).isEmpty();

    Arguments wrong =
        args(
            Map.of(
                "s",
                1,
                "on",
                "yes",
                "n",
                "2",
                "ids",
                "a",
                "names",
                List.of(1),
                "minutes",
                3,
                "rule",
                List.of()));
    assertThat(failure(() -> wrong.string("s"))).isEqualTo("s: must be a string");
    assertThat(failure(() -> wrong.flag("on"))).isEqualTo("on: must be true or false");
    assertThat(failure(() -> wrong.optionalInteger("n", 0, 9))).isEqualTo("n: must be an integer");
    assertThat(failure(() -> wrong.uuids("ids"))).isEqualTo("ids: must be an array of ids");
    assertThat(failure(() -> wrong.strings("names")))
        .isEqualTo("names: must be an array of strings");
    assertThat(failure(() -> wrong.integers("minutes", 0, 9)))
        .isEqualTo("minutes: must be an array of integers");
    assertThat(failure(() -> wrong.optionalObjectJson("rule")))
        .isEqualTo("rule: must be a JSON object");
  }

  @Test
  void nullIsGivenButEmpty() {
    Map<String, Object> values = new HashMap<>();
    values.put("s", null);
    Arguments args = args(values);
    assertThat(args.has("s")).isTrue();
    assertThat(args.optionalString("s")).isEmpty();
    assertThat(failure(() -> args.string("s"))).isEqualTo("s: is required");
    assertThat(args.has("id")).isFalse();
  }

  @Test
  void integersAreWholeAndInRangeElementByElement() {
    Arguments args = args(Map.of("n", 7.0, "minutes", List.of(5, 2.5), "ids", List.of(1)));
    assertThat(args.optionalInteger("n", 0, 10)).contains(7L);
    assertThat(failure(() -> args.optionalInteger("n", 0, 5))).isEqualTo("n: must be 0 to 5");
    assertThat(failure(() -> args.integers("minutes", 0, 9)))
        .isEqualTo("minutes[1]: must be an integer");
    assertThat(failure(() -> args(Map.of("minutes", List.of(1, 10))).integers("minutes", 0, 9)))
        .isEqualTo("minutes[1]: must be 0 to 9");
    assertThat(args(Map.of("minutes", List.of(0, 9L))).integers("minutes", 0, 9))
        .containsExactly(0L, 9L);
    assertThat(failure(() -> args(Map.of("n", 1.5)).optionalInteger("n", 0, 9)))
        .isEqualTo("n: must be an integer");
    assertThat(failure(() -> args.uuids("ids"))).isEqualTo("ids: must be an array of ids");
  }

  @Test
  void badInstantZoneUuidAndEnum() {
    Arguments args =
        args(
            Map.of(
                "at",
                "tomorrow",
                "zone",
                "Mars/Olympus",
                "id",
                "42",
                "p",
                "asap",
                "st",
                "done",
                "ids",
                List.of(UUID.randomUUID().toString(), "0b9f7c1e-3d2a-4c55-9a57-3f1c2d4e5f6g")));
    assertThat(failure(() -> args.optionalInstant("at")))
        .isEqualTo(
            "at: must be an ISO-8601 date-time with an offset, like 2026-03-02T09:00:00Z or"
                + " 2026-03-02T10:00:00+01:00");
    assertThat(failure(() -> args.localOrInstant("at")))
        .isEqualTo(
            "at: must be an ISO-8601 date-time: a wall-clock time like 2026-03-02T09:00, or an"
                + " instant like 2026-03-02T08:00:00Z");
    assertThat(failure(() -> args.optionalZone("zone")))
        .isEqualTo("zone: must be an IANA time zone like Europe/Berlin or UTC");
    assertThat(failure(() -> args.uuid("id")))
        .isEqualTo("id: must be an id like 0b9f7c1e-3d2a-4c55-9a57-3f1c2d4e5f60");
    assertThat(failure(() -> args.uuids("ids")))
        .isEqualTo("ids: must be an id like 0b9f7c1e-3d2a-4c55-9a57-3f1c2d4e5f60");
    assertThat(failure(() -> args.optionalPriority("p")))
        .isEqualTo("p: must be one of low, medium, high, urgent");
    assertThat(failure(() -> args.optionalStatus("st")))
        .isEqualTo("st: must be one of pending, in_progress, completed");
  }

  @Test
  void goodValuesParse() {
    UUID id = UUID.randomUUID();
    Arguments args =
        args(
            Map.of(
                "at",
                "2026-03-02T10:00:00+01:00",
                "zone",
                "Europe/Berlin",
                "id",
                id.toString(),
                "p",
                " High ",
                "st",
                "in_progress",
                "on",
                true,
                "s",
                "2026-03-02T09:00"));
    assertThat(args.optionalInstant("at")).contains(Instant.parse("2026-03-02T09:00:00Z"));
    assertThat(args.localOrInstant("at")).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
    assertThat(args.localOrInstant("s")).isEqualTo(LocalDateTime.parse("2026-03-02T09:00"));
    assertThat(args.optionalZone("zone")).contains(ZoneId.of("Europe/Berlin"));
    assertThat(args.uuid("id")).isEqualTo(id);
    assertThat(args.optionalPriority("p")).contains(Priority.HIGH);
    assertThat(args.optionalStatus("st")).contains(TaskStatus.IN_PROGRESS);
    assertThat(args.flag("on")).isTrue();
  }

  @Test
  void anObjectArgumentIsItsJsonTextOrTheTextTheModelSent() {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("frequency", "weekly");
    rule.put("days", List.of("monday"));
    rule.put("interval", 2);
    assertThat(args(Map.of("rule", rule)).optionalObjectJson("rule"))
        .contains("{\"frequency\":\"weekly\",\"days\":[\"monday\"],\"interval\":2}");
    assertThat(args(Map.of("rule", "{\"frequency\": \"daily\"}")).optionalObjectJson("rule"))
        .contains("{\"frequency\": \"daily\"}");
    assertThat(args(Map.of()).optionalObjectJson("rule")).isEmpty();
    assertThat(
            failure(
                () -> args(Map.of("rule", Map.of("a", new Object()))).optionalObjectJson("rule")))
        .isEqualTo("rule: must be a JSON object");
  }

  @Test
  void theOriginIsTheAdaptersNotAnArgument() {
    Arguments args = args(Map.of());
    assertThat(args.origin()).isEmpty();
    TaskOrigin origin = TaskOrigin.idempotencyKey("k");
    assertThat(args.withOrigin(origin).origin()).contains(origin);
    assertThat(args.origin()).isEmpty();
  }

  private static Arguments args(Map<String, ?> values) {
    return Arguments.of(values, ALL, ACTING_USER);
  }

  private static ValidationException thrown(Runnable call) {
    try {
      call.run();
    } catch (ValidationException e) {
      return e;
    }
    throw new AssertionError("no ValidationException");
  }

  private static String field(Runnable call) {
    return thrown(call).field();
  }

  private static String reason(Runnable call) {
    return thrown(call).reason();
  }

  private static String failure(Runnable call) {
    ValidationException e = thrown(call);
    return e.field() + ": " + e.reason();
  }
}
