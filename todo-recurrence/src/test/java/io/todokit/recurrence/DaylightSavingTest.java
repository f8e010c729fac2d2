package io.todokit.recurrence;

import static io.todokit.recurrence.Occurrences.occurrences;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Occurrences keep their wall time across DST changes, in four kinds of zone. */
class DaylightSavingTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");
  private static final ZoneId ADELAIDE = ZoneId.of("Australia/Adelaide");
  private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  @Test
  void weeklyAtTenStaysAtTenAcrossBerlinsSpringChange() {
    ZonedDateTime start = ZonedDateTime.of(2024, 3, 24, 10, 0, 0, 0, BERLIN);

    List<ZonedDateTime> occurrences =
        occurrences(RecurrenceRule.parse("FREQ=WEEKLY"), start).limit(3).toList();

    assertThat(occurrences)
        .extracting(ZonedDateTime::toOffsetDateTime)
        .containsExactly(
            OffsetDateTime.parse("2024-03-24T10:00+01:00"),
            OffsetDateTime.parse("2024-03-31T10:00+02:00"),
            OffsetDateTime.parse("2024-04-07T10:00+02:00"));
  }

  @Test
  void wallTimeInBerlinsGapMovesForwardByTheGap() {
    ZonedDateTime start = ZonedDateTime.of(2024, 3, 30, 2, 30, 0, 0, BERLIN);

    assertThat(offsets("FREQ=DAILY", start, 3))
        .containsExactly(
            OffsetDateTime.parse("2024-03-30T02:30+01:00"),
            OffsetDateTime.parse("2024-03-31T03:30+02:00"),
            OffsetDateTime.parse("2024-04-01T02:30+02:00"));
  }

  @Test
  void ambiguousWallTimeInBerlinsOverlapTakesTheEarlierOffset() {
    ZonedDateTime start = ZonedDateTime.of(2024, 10, 26, 2, 30, 0, 0, BERLIN);

    assertThat(offsets("FREQ=DAILY", start, 3))
        .containsExactly(
            OffsetDateTime.parse("2024-10-26T02:30+02:00"),
            OffsetDateTime.parse("2024-10-27T02:30+02:00"),
            OffsetDateTime.parse("2024-10-28T02:30+01:00"));
  }

  @Test
  void newYorkGapAndOverlap() {
    assertThat(offsets("FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", at(2024, 3, 10, 2, 30, NEW_YORK), 2))
        .containsExactly(
            OffsetDateTime.parse("2024-03-10T03:30-04:00"),
            OffsetDateTime.parse("2025-03-09T03:30-04:00"));
    assertThat(offsets("FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", at(2024, 11, 1, 1, 30, NEW_YORK), 2))
        .containsExactly(
            OffsetDateTime.parse("2024-11-03T01:30-04:00"),
            OffsetDateTime.parse("2025-11-02T01:30-04:00"));
  }

  @Test
  void southernHemisphereSydneyOverlapInAprilGapInOctober() {
    ZonedDateTime start = at(2024, 3, 31, 2, 30, SYDNEY);

    List<OffsetDateTime> sundays =
        occurrences(RecurrenceRule.parse("FREQ=WEEKLY"), start)
            .limit(30)
            .map(ZonedDateTime::toOffsetDateTime)
            .toList();

    assertThat(sundays.get(0)).isEqualTo(OffsetDateTime.parse("2024-03-31T02:30+11:00"));
    assertThat(sundays.get(1)).isEqualTo(OffsetDateTime.parse("2024-04-07T02:30+11:00"));
    assertThat(sundays.get(2)).isEqualTo(OffsetDateTime.parse("2024-04-14T02:30+10:00"));
    assertThat(sundays.get(27)).isEqualTo(OffsetDateTime.parse("2024-10-06T03:30+11:00"));
    assertThat(sundays.get(28)).isEqualTo(OffsetDateTime.parse("2024-10-13T02:30+11:00"));
  }

  @Test
  void halfHourZonesKeepTheirWallTime() {
    assertThat(offsets("FREQ=WEEKLY;BYDAY=SU", at(2024, 3, 31, 10, 0, ADELAIDE), 2))
        .containsExactly(
            OffsetDateTime.parse("2024-03-31T10:00+10:30"),
            OffsetDateTime.parse("2024-04-07T10:00+09:30"));
    assertThat(offsets("FREQ=MONTHLY;BYDAY=-1FR", at(2024, 1, 1, 9, 15, KOLKATA), 3))
        .containsExactly(
            OffsetDateTime.parse("2024-01-26T09:15+05:30"),
            OffsetDateTime.parse("2024-02-23T09:15+05:30"),
            OffsetDateTime.parse("2024-03-29T09:15+05:30"));
  }

  @Test
  void zonesWithoutDstAndFixedOffsets() {
    assertThat(offsets("FREQ=DAILY;INTERVAL=100", at(2024, 1, 1, 23, 59, TOKYO), 3))
        .containsExactly(
            OffsetDateTime.parse("2024-01-01T23:59+09:00"),
            OffsetDateTime.parse("2024-04-10T23:59+09:00"),
            OffsetDateTime.parse("2024-07-19T23:59+09:00"));
    ZonedDateTime fixed = ZonedDateTime.of(2024, 1, 31, 8, 0, 0, 0, ZoneOffset.ofHours(-3));
    assertThat(
            occurrences(RecurrenceRule.parse("FREQ=MONTHLY;BYMONTHDAY=-1"), fixed)
                .limit(2)
                .toList())
        .containsExactly(fixed, ZonedDateTime.of(2024, 2, 29, 8, 0, 0, 0, ZoneOffset.ofHours(-3)));
  }

  @Test
  void utcUntilComparesInstantsAndLocalUntilComparesWallTime() {
    ZonedDateTime start = at(2024, 3, 29, 10, 0, BERLIN);

    assertThat(occurrences(RecurrenceRule.parse("FREQ=DAILY;UNTIL=20240331T080000Z"), start))
        .hasSize(3);
    assertThat(occurrences(RecurrenceRule.parse("FREQ=DAILY;UNTIL=20240331T075959Z"), start))
        .hasSize(2);
    assertThat(occurrences(RecurrenceRule.parse("FREQ=DAILY;UNTIL=20240331T100000"), start))
        .hasSize(3);
    assertThat(occurrences(RecurrenceRule.parse("FREQ=DAILY;UNTIL=20240331T095959"), start))
        .hasSize(2);
    assertThat(occurrences(RecurrenceRule.parse("FREQ=DAILY;UNTIL=20240331"), start)).hasSize(3);
  }

  @Test
  void afterComparesInstantsAndTheZoneIsTheStarts() {
    ZonedDateTime start = at(2024, 3, 24, 10, 0, BERLIN);
    Schedule weekly = RecurrenceRule.parse("FREQ=WEEKLY").schedule(start);

    Instant justBefore = ZonedDateTime.of(2024, 3, 31, 7, 59, 0, 0, ZoneOffset.UTC).toInstant();
    Instant exactly = ZonedDateTime.of(2024, 3, 31, 8, 0, 0, 0, ZoneOffset.UTC).toInstant();

    assertThat(weekly.after(justBefore)).contains(at(2024, 3, 31, 10, 0, BERLIN).toInstant());
    assertThat(weekly.after(exactly)).contains(at(2024, 4, 7, 10, 0, BERLIN).toInstant());
    assertThat(weekly.zone()).isEqualTo(BERLIN);
  }

  @Test
  void aStartAtTheLaterOffsetOfAnOverlapIsItselfTheFirstOccurrence() {
    ZonedDateTime later =
        ZonedDateTime.of(LocalDateTime.of(2024, 11, 3, 1, 30), NEW_YORK).withLaterOffsetAtOverlap();

    List<ZonedDateTime> occurrences =
        occurrences(RecurrenceRule.parse("FREQ=DAILY"), later).limit(2).toList();

    assertThat(occurrences.get(0)).isEqualTo(later);
    assertThat(occurrences.get(0).getOffset()).isEqualTo(ZoneOffset.ofHours(-5));
    assertThat(occurrences.get(1).toOffsetDateTime())
        .isEqualTo(OffsetDateTime.parse("2024-11-04T01:30-05:00"));
  }

  @Test
  void samoaSkippedDayStillYieldsTheNextOccurrenceAfter() {
    ZoneId apia = ZoneId.of("Pacific/Apia");
    ZonedDateTime start = at(2011, 12, 25, 10, 0, apia);
    RecurrenceRule daily = RecurrenceRule.parse("FREQ=DAILY");

    List<ZonedDateTime> all = occurrences(daily, start).limit(10).toList();
    for (int i = 0; i + 1 < all.size(); i++) {
      assertThat(all.get(i + 1)).isAfter(all.get(i));
      assertThat(daily.schedule(start).after(all.get(i).toInstant()))
          .contains(all.get(i + 1).toInstant());
    }
  }

  @Test
  void aCountedSeriesSpendsOneOccurrenceOnADayTheZoneSkips() {
    // Kwajalein skipped 21 August 1993: its 09:00 maps onto 22 August 09:00, emitted once.
    ZoneId kwajalein = ZoneId.of("Pacific/Kwajalein");
    ZonedDateTime start = at(1993, 8, 18, 9, 0, kwajalein);
    RecurrenceRule sixDays = RecurrenceRule.parse("FREQ=DAILY;COUNT=6");

    assertThat(occurrences(sixDays, start).map(ZonedDateTime::toOffsetDateTime))
        .containsExactly(
            OffsetDateTime.parse("1993-08-18T09:00-12:00"),
            OffsetDateTime.parse("1993-08-19T09:00-12:00"),
            OffsetDateTime.parse("1993-08-20T09:00-12:00"),
            OffsetDateTime.parse("1993-08-22T09:00+12:00"),
            OffsetDateTime.parse("1993-08-23T09:00+12:00"),
            OffsetDateTime.parse("1993-08-24T09:00+12:00"));
    Schedule schedule = sixDays.schedule(start);
    assertThat(schedule.after(at(1993, 8, 24, 8, 0, kwajalein).toInstant()))
        .contains(at(1993, 8, 24, 9, 0, kwajalein).toInstant());
    assertThat(schedule.after(at(1993, 8, 24, 9, 0, kwajalein).toInstant())).isEmpty();
  }

  @Test
  void aCountedSeriesAcrossSamoasSkippedDayEndsWhereTheStreamEnds() {
    ZoneId apia = ZoneId.of("Pacific/Apia");
    ZonedDateTime start = at(2011, 12, 27, 10, 0, apia);
    RecurrenceRule tenDays = RecurrenceRule.parse("FREQ=DAILY;COUNT=10");

    assertThat(occurrences(tenDays, start).toList().getLast())
        .isEqualTo(at(2012, 1, 6, 10, 0, apia));
    Schedule schedule = tenDays.schedule(start);
    assertThat(schedule.after(at(2012, 1, 4, 12, 0, apia).toInstant()))
        .contains(at(2012, 1, 5, 10, 0, apia).toInstant());
    assertThat(schedule.atOrAfter(at(2012, 1, 6, 10, 0, apia).toInstant()))
        .contains(at(2012, 1, 6, 10, 0, apia).toInstant());
    assertThat(schedule.latestIn(start.toInstant(), at(2012, 1, 9, 0, 0, apia).toInstant()))
        .contains(at(2012, 1, 6, 10, 0, apia).toInstant());
  }

  private static ZonedDateTime at(int year, int month, int day, int hour, int minute, ZoneId zone) {
    return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, zone);
  }

  private static List<OffsetDateTime> offsets(String rrule, ZonedDateTime start, int limit) {
    return occurrences(RecurrenceRule.parse(rrule), start)
        .limit(limit)
        .map(ZonedDateTime::toOffsetDateTime)
        .toList();
  }
}
