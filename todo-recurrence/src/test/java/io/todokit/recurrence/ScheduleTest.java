package io.todokit.recurrence;

import static io.todokit.recurrence.RecurrenceRule.EARLIEST_START;
import static io.todokit.recurrence.RecurrenceRule.LATEST_OCCURRENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A rule bound once to its start: every query of {@link Schedule}, in instants. */
class ScheduleTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /** Monday 2024-03-25 09:00 in Berlin (+01:00); Berlin moves to +02:00 on Sunday 31 March. */
  private static final ZonedDateTime MONDAY = ZonedDateTime.of(2024, 3, 25, 9, 0, 0, 0, BERLIN);

  private static final Schedule WEEKDAYS =
      RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=MO,WE,FR").schedule(MONDAY);

  private static Instant utc(String text) {
    return Instant.parse(text);
  }

  @Test
  void aScheduleKnowsItsRuleStartAndZone() {
    RecurrenceRule rule = RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=MO,WE,FR");

    assertThat(WEEKDAYS.rule()).isEqualTo(rule);
    assertThat(WEEKDAYS.start()).isEqualTo(utc("2024-03-25T08:00:00Z"));
    assertThat(WEEKDAYS.zone()).isEqualTo(BERLIN);
    assertThat(rule.schedule(MONDAY.toInstant(), BERLIN)).isEqualTo(WEEKDAYS);
    assertThat(rule.schedule(MONDAY.toInstant(), BERLIN).hashCode()).isEqualTo(WEEKDAYS.hashCode());
    assertThat(rule.schedule(MONDAY.toInstant(), ZoneOffset.ofHours(1))).isNotEqualTo(WEEKDAYS);
    assertThat(WEEKDAYS).hasToString("FREQ=WEEKLY;BYDAY=MO,WE,FR from " + MONDAY);
  }

  @Test
  void aSpecsScheduleIsItsRuleForTheStartBoundToThatStart() {
    ZonedDateTime start = ZonedDateTime.of(2024, 1, 31, 9, 0, 0, 0, BERLIN);
    RecurrenceSpec monthly = RecurrenceSpec.monthly(1);

    Schedule schedule = monthly.schedule(start);

    assertThat(schedule).isEqualTo(monthly.toRule(start).schedule(start));
    assertThat(schedule.stream().limit(3))
        .containsExactly(
            utc("2024-01-31T08:00:00Z"), utc("2024-02-29T08:00:00Z"), utc("2024-03-31T07:00:00Z"));
  }

  @Test
  void theStreamKeepsTheWallTimeAcrossADstChange() {
    assertThat(WEEKDAYS.stream().limit(5))
        .containsExactly(
            utc("2024-03-25T08:00:00Z"),
            utc("2024-03-27T08:00:00Z"),
            utc("2024-03-29T08:00:00Z"),
            utc("2024-04-01T07:00:00Z"),
            utc("2024-04-03T07:00:00Z"));
  }

  @Test
  void afterIsStrictlyAfterAndAtOrAfterIncludesTheInstant() {
    Instant wednesday = utc("2024-03-27T08:00:00Z");

    assertThat(WEEKDAYS.after(wednesday)).contains(utc("2024-03-29T08:00:00Z"));
    assertThat(WEEKDAYS.after(wednesday.minusNanos(1))).contains(wednesday);
    assertThat(WEEKDAYS.atOrAfter(wednesday)).contains(wednesday);
    assertThat(WEEKDAYS.atOrAfter(wednesday.plusNanos(1))).contains(utc("2024-03-29T08:00:00Z"));
    assertThat(WEEKDAYS.after(Instant.MIN)).contains(WEEKDAYS.start());
    assertThat(WEEKDAYS.atOrAfter(Instant.MIN)).contains(WEEKDAYS.start());
    assertThat(WEEKDAYS.after(WEEKDAYS.start())).contains(wednesday);
  }

  @Test
  void afterJumpsFarAheadAcrossTheDstChangeOfThatYear() {
    // Friday 2124-03-31 is after Berlin's spring change (if the rules then are today's).
    assertThat(WEEKDAYS.after(utc("2124-03-29T12:00:00Z")))
        .contains(ZonedDateTime.of(2124, 3, 31, 9, 0, 0, 0, BERLIN).toInstant());
  }

  @Test
  void latestInIncludesBothBounds() {
    Instant monday = utc("2024-03-25T08:00:00Z");
    Instant friday = utc("2024-03-29T08:00:00Z");

    assertThat(WEEKDAYS.latestIn(monday, friday)).contains(friday);
    assertThat(WEEKDAYS.latestIn(monday, friday.minusNanos(1)))
        .contains(utc("2024-03-27T08:00:00Z"));
    assertThat(WEEKDAYS.latestIn(friday, friday)).contains(friday);
    assertThat(WEEKDAYS.latestIn(friday.plusNanos(1), utc("2024-03-31T23:00:00Z"))).isEmpty();
    assertThat(WEEKDAYS.latestIn(friday, monday)).isEmpty();
    assertThat(WEEKDAYS.latestIn(Instant.MIN, monday)).contains(monday);
  }

  @Test
  void inIncludesBothBoundsAndStopsAtMax() {
    Instant monday = utc("2024-03-25T08:00:00Z");
    Instant nextMonday = utc("2024-04-01T07:00:00Z");

    assertThat(WEEKDAYS.in(monday, nextMonday, 10))
        .containsExactly(
            monday, utc("2024-03-27T08:00:00Z"), utc("2024-03-29T08:00:00Z"), nextMonday);
    assertThat(WEEKDAYS.in(monday.plusNanos(1), nextMonday.minusNanos(1), 10))
        .containsExactly(utc("2024-03-27T08:00:00Z"), utc("2024-03-29T08:00:00Z"));
    assertThat(WEEKDAYS.in(monday, nextMonday, 2))
        .containsExactly(monday, utc("2024-03-27T08:00:00Z"));
    assertThat(WEEKDAYS.in(monday, nextMonday, 0)).isEmpty();
    assertThat(WEEKDAYS.in(nextMonday, monday, 10)).isEmpty();
    assertThatThrownBy(() -> WEEKDAYS.in(monday, nextMonday, 3).add(monday))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void countSpendsOneOccurrenceOnADayTheZoneSkips() {
    // Kwajalein skipped 21 August 1993: its 09:00 maps onto 22 August 09:00, emitted once.
    ZoneId kwajalein = ZoneId.of("Pacific/Kwajalein");
    Schedule sixDays =
        RecurrenceRule.parse("FREQ=DAILY;COUNT=6")
            .schedule(ZonedDateTime.of(1993, 8, 18, 9, 0, 0, 0, kwajalein));
    Instant last = ZonedDateTime.of(1993, 8, 24, 9, 0, 0, 0, kwajalein).toInstant();

    assertThat(sixDays.stream()).hasSize(6).endsWith(last);
    assertThat(sixDays.after(last.minusSeconds(3_600))).contains(last);
    assertThat(sixDays.after(last)).isEmpty();
    assertThat(sixDays.atOrAfter(last)).contains(last);
    assertThat(sixDays.latestIn(Instant.MIN, Instant.MAX)).contains(last);
    assertThat(sixDays.in(Instant.MIN, Instant.MAX, 100)).hasSize(6).endsWith(last);
  }

  @Test
  void aUtcUntilIsInclusive() {
    Schedule daily =
        RecurrenceRule.parse("FREQ=DAILY;UNTIL=20240331T070000Z")
            .schedule(ZonedDateTime.of(2024, 3, 29, 9, 0, 0, 0, BERLIN));
    Instant until = utc("2024-03-31T07:00:00Z");

    assertThat(daily.stream()).hasSize(3).endsWith(until);
    assertThat(daily.after(until.minusNanos(1))).contains(until);
    assertThat(daily.after(until)).isEmpty();
    assertThat(daily.latestIn(Instant.MIN, Instant.MAX)).contains(until);
    assertThat(daily.in(until, Instant.MAX, 5)).containsExactly(until);
  }

  @Test
  void aDateUntilIncludesTheWholeLocalDate() {
    Schedule daily =
        RecurrenceRule.builder(Frequency.DAILY)
            .until(LocalDate.of(2024, 3, 31))
            .build()
            .schedule(ZonedDateTime.of(2024, 3, 29, 23, 30, 0, 0, BERLIN));

    assertThat(daily.latestIn(Instant.MIN, Instant.MAX)).contains(utc("2024-03-31T21:30:00Z"));
  }

  @Test
  void everySeriesEndsAtTheHorizon() {
    Schedule daily =
        RecurrenceRule.parse("FREQ=DAILY").schedule(LATEST_OCCURRENCE.minusSeconds(43_200), BERLIN);

    assertThat(daily.stream()).containsExactly(LATEST_OCCURRENCE.minusSeconds(43_200));
    assertThat(daily.after(Instant.MIN)).contains(LATEST_OCCURRENCE.minusSeconds(43_200));
    assertThat(daily.after(LATEST_OCCURRENCE.minusSeconds(43_200))).isEmpty();
    assertThat(daily.after(Instant.MAX)).isEmpty();
    assertThat(daily.atOrAfter(Instant.MAX)).isEmpty();
    assertThat(daily.latestIn(Instant.MIN, Instant.MAX))
        .contains(LATEST_OCCURRENCE.minusSeconds(43_200));
    assertThat(daily.in(Instant.MIN, Instant.MAX, 10))
        .containsExactly(LATEST_OCCURRENCE.minusSeconds(43_200));
    assertThat(
            RecurrenceRule.parse("FREQ=DAILY")
                .schedule(LATEST_OCCURRENCE.plusNanos(1), BERLIN)
                .stream())
        .isEmpty();
    // Instant.MAX has no local date-time (its year is beyond LocalDateTime's): no start at all.
    assertThatThrownBy(() -> RecurrenceRule.parse("FREQ=DAILY").schedule(Instant.MAX, BERLIN))
        .isInstanceOfSatisfying(
            InvalidRecurrenceRuleException.class, e -> assertThat(e.part()).isEqualTo("DTSTART"));
  }

  @Test
  void theEarliestStartIsAllowedAndAnEarlierOneIsRefusedNamingDtstart() {
    RecurrenceRule daily = RecurrenceRule.parse("FREQ=DAILY");

    assertThat(daily.schedule(EARLIEST_START, ZoneOffset.UTC).stream().limit(2))
        .containsExactly(EARLIEST_START, EARLIEST_START.plusSeconds(86_400));
    for (Runnable call :
        List.<Runnable>of(
            () -> daily.schedule(EARLIEST_START.minusNanos(1), ZoneOffset.UTC),
            () -> daily.schedule(EARLIEST_START.minusNanos(1).atZone(BERLIN)),
            () -> daily.schedule(Instant.MIN, ZoneOffset.UTC),
            () ->
                RecurrenceSpec.daily(1).schedule(EARLIEST_START.minusSeconds(1).atZone(BERLIN)))) {
      assertThatThrownBy(call::run)
          .isInstanceOfSatisfying(
              InvalidRecurrenceRuleException.class, e -> assertThat(e.part()).isEqualTo("DTSTART"));
    }
  }

  @Test
  void nullArgumentsAreRefusedByName() {
    RecurrenceRule daily = RecurrenceRule.parse("FREQ=DAILY");
    Instant now = Instant.EPOCH;

    assertThatThrownBy(() -> daily.schedule(null)).hasMessage("start");
    assertThatThrownBy(() -> daily.schedule(null, BERLIN)).hasMessage("start");
    assertThatThrownBy(() -> daily.schedule(now, null)).hasMessage("zone");
    assertThatThrownBy(() -> RecurrenceSpec.daily(1).schedule(null)).hasMessage("start");
    assertThatThrownBy(() -> WEEKDAYS.after(null)).hasMessage("instant");
    assertThatThrownBy(() -> WEEKDAYS.atOrAfter(null)).hasMessage("instant");
    assertThatThrownBy(() -> WEEKDAYS.latestIn(null, now)).hasMessage("from");
    assertThatThrownBy(() -> WEEKDAYS.latestIn(now, null)).hasMessage("to");
    assertThatThrownBy(() -> WEEKDAYS.in(null, now, 1)).hasMessage("from");
    assertThatThrownBy(() -> WEEKDAYS.in(now, null, 1)).hasMessage("to");
    assertThatThrownBy(() -> WEEKDAYS.in(now, now, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max must not be negative, was -1");
  }

  @Test
  void oneScheduleAnswersManyThreadsAtOnce() {
    List<Instant> expected = WEEKDAYS.stream().limit(400).toList();

    List<Instant> answers =
        IntStream.range(0, 399)
            .parallel()
            .mapToObj(i -> WEEKDAYS.after(expected.get(i)).orElseThrow())
            .toList();

    assertThat(answers).isEqualTo(expected.subList(1, 400));
  }
}
