package io.todokit.recurrence;

import static io.todokit.recurrence.Occurrences.occurrences;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays {@code dateutil-cases.tsv}, generated offline with python-dateutil by {@code
 * src/test/python/generate_dateutil_cases.py}; set the system property {@code dateutil.cases} to a
 * file path to replay a larger generated file instead.
 */
class DateutilFixtureTest {

  private static final int TAKEN = 12;

  private static final List<ZoneId> ZONES =
      Stream.of(
              "UTC",
              "Europe/Berlin",
              "America/New_York",
              "Australia/Sydney",
              "Asia/Kolkata",
              "Asia/Tokyo",
              "Pacific/Auckland")
          .map(ZoneId::of)
          .toList();

  static Stream<Arguments> cases() throws IOException {
    String override = System.getProperty("dateutil.cases");
    List<String> lines;
    if (override != null) {
      lines = Files.readAllLines(Path.of(override));
    } else {
      try (InputStream in = DateutilFixtureTest.class.getResourceAsStream("/dateutil-cases.tsv");
          BufferedReader reader =
              new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        lines = reader.lines().toList();
      }
    }
    List<Arguments> cases = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String[] fields = lines.get(i).split("\t");
      cases.add(
          Arguments.of(fields[0], LocalDateTime.parse(fields[1]), fields[2], ZONES.get(i % 7)));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} from {1} in {3}")
  @MethodSource("cases")
  void occurrencesEqualDateutil(String rrule, LocalDateTime start, String expected, ZoneId zone) {
    RecurrenceRule rule = RecurrenceRule.parse(rrule);
    ZonedDateTime dtstart = ZonedDateTime.of(start, zone);
    List<ZonedDateTime> wanted =
        expected.equals("-")
            ? List.of()
            : Arrays.stream(expected.split(","))
                .map(text -> ZonedDateTime.of(LocalDateTime.parse(text), zone))
                .toList();

    List<ZonedDateTime> actual = occurrences(rule, dtstart).limit(wanted.size() + 1).toList();

    if (wanted.size() == TAKEN) {
      assertThat(actual.subList(0, Math.min(TAKEN, actual.size()))).isEqualTo(wanted);
    } else {
      assertThat(actual).isEqualTo(wanted);
    }
    Schedule schedule = rule.schedule(dtstart);
    ZonedDateTime previous = dtstart.minusDays(3);
    for (ZonedDateTime occurrence : wanted) {
      assertThat(schedule.after(previous.toInstant())).contains(occurrence.toInstant());
      previous = occurrence;
    }
    assertThat(RecurrenceRule.parse(rule.toRRule())).isEqualTo(rule);
  }
}
