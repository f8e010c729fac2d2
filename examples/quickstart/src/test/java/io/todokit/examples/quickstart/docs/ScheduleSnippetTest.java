package io.todokit.examples.quickstart.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.recurrence.RecurrenceRule;
import io.todokit.recurrence.Schedule;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The opening sample of docs/recurrence.md: a rule bound once to its start, queried in instants.
 */
class ScheduleSnippetTest {

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
}
