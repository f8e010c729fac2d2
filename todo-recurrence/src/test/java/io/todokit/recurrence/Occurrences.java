package io.todokit.recurrence;

import java.time.ZonedDateTime;
import java.util.stream.Stream;

/** The tests' view of a series on its wall clock, where most expected values are written. */
final class Occurrences {

  private Occurrences() {}

  /** The stream of {@code rule.schedule(start)}, each occurrence in the start's zone. */
  static Stream<ZonedDateTime> occurrences(RecurrenceRule rule, ZonedDateTime start) {
    Schedule schedule = rule.schedule(start);
    return schedule.stream().map(occurrence -> occurrence.atZone(schedule.zone()));
  }
}
