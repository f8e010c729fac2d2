package io.todokit.recurrence;

import static io.todokit.recurrence.Occurrences.occurrences;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * WEEKLY with BYSETPOS counts positions over whole WKST weeks, as RFC 5545 says; python-dateutil
 * instead starts the first week's set at DTSTART, so these expectations are computed by hand.
 */
class WeeklySetPositionTest {

  private static final ZonedDateTime WEDNESDAY =
      ZonedDateTime.of(2024, 1, 3, 9, 0, 0, 0, ZoneId.of("Europe/Berlin"));

  @Test
  void firstPositionOfTheStartWeekIsBeforeTheStartSoTheNextWeekComesFirst() {
    // Week of Monday 1 January: {Mon 1, Wed 3, Fri 5}; position 1 is Mon 1, before DTSTART.
    // (dateutil yields Wed 3, the first of {Wed 3, Fri 5}.)
    assertThat(dates("FREQ=WEEKLY;BYDAY=MO,WE,FR;BYSETPOS=1", 3))
        .containsExactly(
            LocalDate.of(2024, 1, 8), LocalDate.of(2024, 1, 15), LocalDate.of(2024, 1, 22));
  }

  @Test
  void secondPositionOfTheStartWeekIsTheStartItself() {
    // dateutil would yield Fri 5, the second of {Wed 3, Fri 5}.
    assertThat(dates("FREQ=WEEKLY;BYDAY=MO,WE,FR;BYSETPOS=2", 2))
        .containsExactly(LocalDate.of(2024, 1, 3), LocalDate.of(2024, 1, 10));
  }

  @Test
  void weekStartDecidesWhichDaysShareASet() {
    // WKST=SU: weeks Sun 31 Dec..Sat 6 Jan = {Sun 31, Thu 4}, Sun 7..Sat 13 = {Sun 7, Thu 11}.
    assertThat(dates("FREQ=WEEKLY;BYDAY=SU,TH;BYSETPOS=-1;WKST=SU", 2))
        .containsExactly(LocalDate.of(2024, 1, 4), LocalDate.of(2024, 1, 11));
    // WKST=MO: weeks Mon 1..Sun 7 = {Thu 4, Sun 7}, Mon 8..Sun 14 = {Thu 11, Sun 14}.
    assertThat(dates("FREQ=WEEKLY;BYDAY=SU,TH;BYSETPOS=-1", 2))
        .containsExactly(LocalDate.of(2024, 1, 7), LocalDate.of(2024, 1, 14));
  }

  @Test
  void nextAfterAgreesFarAway() {
    RecurrenceRule rule = RecurrenceRule.parse("FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,WE,FR;BYSETPOS=1");
    ZonedDateTime after = WEDNESDAY.plusYears(80);

    ZonedDateTime walked =
        occurrences(rule, WEDNESDAY).filter(o -> o.isAfter(after)).findFirst().orElseThrow();

    assertThat(rule.schedule(WEDNESDAY).after(after.toInstant())).contains(walked.toInstant());
  }

  private static java.util.List<LocalDate> dates(String rrule, int limit) {
    return occurrences(RecurrenceRule.parse(rrule), WEDNESDAY)
        .limit(limit)
        .map(ZonedDateTime::toLocalDate)
        .toList();
  }
}
