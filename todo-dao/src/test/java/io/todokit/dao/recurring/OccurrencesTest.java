package io.todokit.dao.recurring;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.RecurrenceJson;
import io.todokit.recurrence.RecurrenceSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The jumping occurrence arithmetic agrees with a plain walk of the series (no database). */
class OccurrencesTest {

  private static final List<String> RULES =
      List.of(
          "{\"frequency\": \"daily\"}",
          "{\"frequency\": \"daily\", \"interval\": 3, \"days\": [\"saturday\"]}",
          "{\"frequency\": \"weekly\", \"interval\": 2, \"days\": [\"monday\", \"friday\"]}",
          "{\"frequency\": \"monthly\", \"month_day\": 31}",
          "{\"frequency\": \"monthly\", \"interval\": 5, \"count\": 7}",
          "{\"frequency\": \"yearly\"}",
          "{\"frequency\": \"daily\", \"count\": 40}",
          "{\"frequency\": \"weekly\", \"end_date\": \"2027-02-01\"}");

  @Test
  void latestAndBetweenAgreeWithAWalkOfTheSeries() {
    Random random = new Random(42);
    ZonedDateTime dtstart =
        LocalDateTime.parse("2024-02-29T09:00").atZone(ZoneId.of("Europe/Berlin"));
    for (String json : RULES) {
      RecurrenceSpec spec = RecurrenceJson.parse(json);
      Occurrences occurrences = new Occurrences(spec.toRule(dtstart), dtstart);
      List<Instant> all =
          spec.toRule(dtstart)
              .occurrences(dtstart)
              .limit(2_000)
              .map(ZonedDateTime::toInstant)
              .toList();
      for (int i = 0; i < 200; i++) {
        Instant floor = dtstart.toInstant().plus(Duration.ofHours(random.nextInt(24 * 900)));
        Instant now = floor.plus(Duration.ofHours(random.nextInt(24 * 600)));
        Optional<Instant> expectedLatest =
            all.stream().filter(o -> !o.isBefore(floor) && !o.isAfter(now)).reduce((a, b) -> b);
        assertThat(occurrences.latestIn(floor, now).map(ZonedDateTime::toInstant))
            .as("%s latest in [%s, %s]", json, floor, now)
            .isEqualTo(expectedLatest);
        List<Instant> expectedBetween =
            all.stream().filter(o -> !o.isBefore(floor) && !o.isAfter(now)).limit(5).toList();
        assertThat(
                occurrences.between(floor, now, 5).stream().map(ZonedDateTime::toInstant).toList())
            .as("%s between [%s, %s]", json, floor, now)
            .isEqualTo(expectedBetween);
      }
    }
  }
}
