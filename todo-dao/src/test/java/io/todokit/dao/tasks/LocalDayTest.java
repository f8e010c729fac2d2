package io.todokit.dao.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@link LocalDay} against an independent oracle, in every zone the JDK knows, around every offset
 * transition of 2020–2030: the start of a local day is the smallest instant whose local date is
 * that day, found by binary search on {@code Instant -> LocalDate} alone.
 */
class LocalDayTest {

  private static final Instant FROM = Instant.parse("2020-01-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2031-01-01T00:00:00Z");

  /** Offsets from a transition at which "now" is probed. */
  private static final List<Duration> AROUND =
      List.of(
          Duration.ZERO,
          Duration.ofNanos(1),
          Duration.ofNanos(1_000),
          Duration.ofSeconds(1),
          Duration.ofMinutes(30),
          Duration.ofHours(1),
          Duration.ofHours(2),
          Duration.ofHours(12),
          Duration.ofDays(1));

  @Test
  void everyDayAroundEveryTransitionOf2020To2030StartsAtItsFirstInstantInEveryZone() {
    int zones = 0;
    int transitions = 0;
    int probes = 0;
    for (String id : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
      ZoneId zone = ZoneId.of(id);
      Map<LocalDate, Instant> oracle = new HashMap<>();
      zones++;
      for (ZoneOffsetTransition transition : transitions(zone.getRules())) {
        transitions++;
        Instant at = transition.getInstant();
        // The oracle's premise: the local date never goes back as time goes on.
        assertThat(LocalDate.ofInstant(at, zone))
            .as("%s at %s", id, transition)
            .isAfterOrEqualTo(LocalDate.ofInstant(at.minusNanos(1), zone));
        List<Instant> nows = new ArrayList<>();
        for (Duration offset : AROUND) {
          nows.add(at.minus(offset));
          nows.add(at.plus(offset));
        }
        // The local midnights next to the transition, and the instants either side of them.
        LocalDate before = transition.getDateTimeBefore().toLocalDate();
        LocalDate after = transition.getDateTimeAfter().toLocalDate();
        for (LocalDate date = before.minusDays(1);
            !date.isAfter(after.plusDays(1));
            date = date.plusDays(1)) {
          Instant midnight = firstInstantOf(date, zone, oracle);
          nows.addAll(
              List.of(
                  midnight.minusNanos(1_000),
                  midnight.minusNanos(1),
                  midnight,
                  midnight.plusNanos(1),
                  midnight.plusNanos(1_000),
                  midnight.plusSeconds(60)));
        }
        for (Instant now : nows) {
          probes++;
          LocalDate date = LocalDate.ofInstant(now, zone);
          LocalDay day = LocalDay.containing(now, zone);
          LocalDay expected =
              new LocalDay(
                  date,
                  firstInstantOf(date, zone, oracle),
                  firstInstantOf(date.plusDays(1), zone, oracle));
          assertThat(day).as("%s at %s (%s)", id, now, transition).isEqualTo(expected);
          assertThat(now).isBetween(day.start(), day.end().minusNanos(1));
        }
      }
    }
    // Not vacuous: the scan saw the JDK's zones and thousands of transitions.
    assertThat(zones).isGreaterThan(400);
    assertThat(transitions).isGreaterThan(2_000);
    assertThat(probes).isGreaterThan(transitions * 30);
  }

  @Test
  void theScanFindsZonesWhoseClocksFallBackOverLocalMidnight() {
    // Where local 00:00 happens twice, PostgreSQL's AT TIME ZONE took the second one: these are
    // the zones the end-to-end tests of TaskDao.dueToday use.
    TreeSet<String> found = new TreeSet<>();
    for (String id : ZoneId.getAvailableZoneIds()) {
      for (ZoneOffsetTransition transition : transitions(ZoneId.of(id).getRules())) {
        if (transition.isOverlap()) {
          var midnight = transition.getDateTimeBefore().toLocalDate().atStartOfDay();
          if (!midnight.isBefore(transition.getDateTimeAfter())
              && midnight.isBefore(transition.getDateTimeBefore())) {
            found.add(id);
          }
        }
      }
    }
    assertThat(found)
        .contains("Atlantic/Azores", "America/Havana", "Asia/Amman", "America/Scoresbysund");
  }

  @Test
  void theFallBackDayInTheAzoresIs25HoursLongFromItsFirstMidnight() {
    ZoneId azores = ZoneId.of("Atlantic/Azores");
    LocalDay day = LocalDay.containing(Instant.parse("2026-10-25T00:00:30Z"), azores);
    assertThat(day)
        .isEqualTo(
            new LocalDay(
                LocalDate.parse("2026-10-25"),
                Instant.parse("2026-10-25T00:00:00Z"),
                Instant.parse("2026-10-26T01:00:00Z")));
  }

  @Test
  void aDayWithoutMidnightStartsAfterTheGap() {
    // Havana springs forward at midnight: 2026-03-08 starts at 01:00 CDT.
    LocalDay day =
        LocalDay.containing(Instant.parse("2026-03-08T12:00:00Z"), ZoneId.of("America/Havana"));
    assertThat(day.start()).isEqualTo(Instant.parse("2026-03-08T05:00:00Z"));
    assertThat(day.end()).isEqualTo(Instant.parse("2026-03-09T04:00:00Z"));
  }

  private static List<ZoneOffsetTransition> transitions(ZoneRules rules) {
    List<ZoneOffsetTransition> found = new ArrayList<>();
    for (ZoneOffsetTransition next = rules.nextTransition(FROM.minusNanos(1));
        next != null && next.getInstant().isBefore(TO);
        next = rules.nextTransition(next.getInstant())) {
      found.add(next);
    }
    return found;
  }

  /** The smallest instant whose local date in {@code zone} is {@code date} or later. */
  private static Instant firstInstantOf(LocalDate date, ZoneId zone, Map<LocalDate, Instant> memo) {
    return memo.computeIfAbsent(date, d -> search(d, zone));
  }

  private static Instant search(LocalDate date, ZoneId zone) {
    // Offsets lie within ±18 hours, so the day starts within two days of UTC midnight.
    Instant utcMidnight = date.atTime(LocalTime.MIDNIGHT).toInstant(ZoneOffset.UTC);
    Instant low = utcMidnight.minus(Duration.ofDays(2));
    Instant high = utcMidnight.plus(Duration.ofDays(2));
    assertThat(LocalDate.ofInstant(low, zone)).isBefore(date);
    assertThat(LocalDate.ofInstant(high, zone)).isAfterOrEqualTo(date);
    // Invariant: low's date is before the day, high's is not; stop when they are 1 ns apart.
    while (Duration.between(low, high).toNanos() > 1) {
      Instant middle = low.plusNanos(Duration.between(low, high).toNanos() / 2);
      if (LocalDate.ofInstant(middle, zone).isBefore(date)) {
        low = middle;
      } else {
        high = middle;
      }
    }
    return high;
  }
}
