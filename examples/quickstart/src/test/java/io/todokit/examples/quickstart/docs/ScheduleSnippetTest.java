package io.todokit.examples.quickstart.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.recurrence.RecurrenceRule;
import io.todokit.recurrence.RecurrenceSpec;
import io.todokit.recurrence.Schedule;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The opening sample of docs/recurrence.md: a rule bound once to its start, queried in instants.
 */
class ScheduleSnippetTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void aScheduleAnswersInInstantsAndShowsThemOnItsWallClock() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    ZonedDateTime dtstart = ZonedDateTime.of(2026, 3, 23, 9, 0, 0, 0, berlin);
    Instant now = Instant.parse("2026-03-27T12:00:00Z");

    // tag::recurrence-schedule[]
    RecurrenceRule rule = RecurrenceRule.parse("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR");
    Schedule schedule = rule.schedule(dtstart); // bound once to DTSTART and its zone
    Stream<Instant> all = schedule.stream(); // lazy, ascending
    Optional<Instant> next = schedule.after(now); // first one strictly after now
    ZonedDateTime onTheWallClock = next.orElseThrow().atZone(schedule.zone());
    // end::recurrence-schedule[]

    assertThat(all.limit(4))
        .containsExactly(
            Instant.parse("2026-03-23T08:00:00Z"),
            Instant.parse("2026-03-25T08:00:00Z"),
            Instant.parse("2026-03-27T08:00:00Z"),
            Instant.parse("2026-04-06T07:00:00Z"));
    assertThat(onTheWallClock).isEqualTo(ZonedDateTime.of(2026, 4, 6, 9, 0, 0, 0, berlin));
  }

  @Test
  void monthlyOnThe31stIsTheLastDayOfShorterMonths() {
    // tag::recurrence-month-end[]
    RecurrenceSpec spec = RecurrenceSpec.of("monthly", 1, null, null, null, null, null);
    ZonedDateTime start = ZonedDateTime.of(2023, 1, 31, 9, 0, 0, 0, BERLIN);
    String rrule =
        spec.toRule(start).toRRule(); // "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1"
    Stream<Instant> dues = spec.schedule(start).stream(); // the instants of:
    // Jan 31, Feb 28, Mar 31, Apr 30, May 31, … Jan 31 2024, Feb 29 2024, Mar 31 2024
    // end::recurrence-month-end[]

    assertThat(rrule).isEqualTo("FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1");
    List<ZonedDateTime> local = dues.limit(15).map(due -> due.atZone(BERLIN)).toList();
    assertThat(local)
        .extracting(due -> due.toLocalDate().toString())
        .startsWith("2023-01-31", "2023-02-28", "2023-03-31", "2023-04-30", "2023-05-31")
        .endsWith("2024-01-31", "2024-02-29", "2024-03-31");
    assertThat(local).allSatisfy(due -> assertThat(due.getHour()).isEqualTo(9));
  }
}
