package io.todokit.recurrence;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Schedule#atOrAfter}, {@link Schedule#latestIn} and {@link Schedule#in} agree with a plain
 * walk of the series.
 */
class RangeQueriesTest {

  private static final List<RecurrenceSpec> SPECS =
      List.of(
          RecurrenceSpec.daily(1),
          RecurrenceSpec.of(Frequency.DAILY, 3, java.util.Set.of(SATURDAY), null, null, null, null),
          RecurrenceSpec.weekly(2, MONDAY, FRIDAY),
          RecurrenceSpec.monthly(1).withMonthDay(31),
          RecurrenceSpec.monthly(5).withCount(7),
          RecurrenceSpec.yearly(1),
          RecurrenceSpec.daily(1).withCount(40),
          RecurrenceSpec.weekly(1).withEndDate(LocalDate.of(2027, 2, 1)));

  @Test
  void latestAndBetweenAgreeWithAWalkOfTheSeries() {
    Random random = new Random(42);
    ZonedDateTime dtstart =
        LocalDateTime.parse("2024-02-29T09:00").atZone(ZoneId.of("Europe/Berlin"));
    for (RecurrenceSpec spec : SPECS) {
      Schedule schedule = spec.schedule(dtstart);
      List<Instant> all = schedule.stream().limit(2_000).toList();
      for (int i = 0; i < 200; i++) {
        Instant from = dtstart.toInstant().plus(Duration.ofHours(random.nextInt(24 * 900)));
        Instant to = from.plus(Duration.ofHours(random.nextInt(24 * 600)));
        List<Instant> inRange =
            all.stream().filter(o -> !o.isBefore(from) && !o.isAfter(to)).toList();
        Optional<Instant> expectedLatest =
            inRange.isEmpty() ? Optional.empty() : Optional.of(inRange.getLast());
        assertThat(schedule.latestIn(from, to))
            .as("%s latest in [%s, %s]", schedule, from, to)
            .isEqualTo(expectedLatest);
        assertThat(schedule.in(from, to, 5))
            .as("%s between [%s, %s]", schedule, from, to)
            .containsExactlyElementsOf(inRange.stream().limit(5).toList());
        assertThat(schedule.atOrAfter(from))
            .as("%s first at or after %s", schedule, from)
            .isEqualTo(all.stream().filter(o -> !o.isBefore(from)).findFirst());
      }
    }
  }

  @Test
  void anEmptyOrReversedRangeHoldsNothing() {
    ZonedDateTime dtstart = ZonedDateTime.parse("2026-01-01T09:00Z[UTC]");
    Schedule daily = RecurrenceRule.parse("FREQ=DAILY").schedule(dtstart);
    Instant later = Instant.parse("2026-02-01T00:00:00Z");

    assertThat(daily.latestIn(later, later.minusSeconds(1))).isEmpty();
    assertThat(daily.in(later, later.minusSeconds(1), 10)).isEmpty();
    assertThat(daily.in(dtstart.toInstant(), later, 0)).isEmpty();
    assertThatThrownBy(() -> daily.in(dtstart.toInstant(), later, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theLatestOccurrenceOfASeriesThatEndedLongAgoIsFoundWithoutWalkingToIt() {
    ZonedDateTime dtstart = ZonedDateTime.parse("0001-01-01T09:00Z[UTC]");
    Schedule daily = RecurrenceRule.parse("FREQ=DAILY;UNTIL=40000101").schedule(dtstart);

    // Galloping back from 9999, the first window that holds the end in year 4000 reaches back to
    // year 1: stepping forward from there would take 1.4 million steps (about a second).
    long before = System.nanoTime();
    Optional<Instant> latest =
        daily.latestIn(RecurrenceRule.EARLIEST_START, RecurrenceRule.LATEST_OCCURRENCE);
    Duration took = Duration.ofNanos(System.nanoTime() - before);

    assertThat(latest).contains(Instant.parse("4000-01-01T09:00:00Z"));
    assertThat(took).isLessThan(Duration.ofMillis(500));
  }

  @Test
  void aSeriesStoredOneItemAtATimeCountsDownAndKeepsItsAnchor() {
    ZonedDateTime due = ZonedDateTime.parse("2026-01-31T10:00+01:00[Europe/Berlin]");
    Instant completed = Instant.parse("2026-02-02T08:00:00Z");
    RecurrenceSpec monthly = RecurrenceSpec.monthly(1).withMonthDay(31).withCount(3);

    assertThat(monthly.nextInSeries(due.toInstant(), due.getZone(), completed))
        .contains(ZonedDateTime.parse("2026-02-28T10:00+01:00[Europe/Berlin]").toInstant());
    assertThat(monthly.forNextInSeries().count()).isEqualTo(2);
    assertThat(monthly.withCount(1).nextInSeries(due.toInstant(), due.getZone(), completed))
        .isEmpty();
    assertThat(
            RecurrenceSpec.daily(3)
                .withMode(RecurrenceMode.AFTER_COMPLETION)
                .nextInSeries(due.toInstant(), due.getZone(), completed))
        .contains(ZonedDateTime.parse("2026-02-05T10:00+01:00[Europe/Berlin]").toInstant());
    assertThat(RecurrenceSpec.daily(1).forNextInSeries()).isEqualTo(RecurrenceSpec.daily(1));
  }
}
