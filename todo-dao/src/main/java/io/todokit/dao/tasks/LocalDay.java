package io.todokit.dao.tasks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * One calendar day on a time zone's wall clock as the half-open range of instants {@code [start,
 * end)}: from the first instant whose local date is the day to the first instant of the next day.
 *
 * <p>Computed with {@link LocalDate#atStartOfDay(ZoneId)}, which handles both kinds of transition
 * at midnight: where clocks spring forward over 00:00 (America/Havana in March) the day starts at
 * the first local time after the gap, and where they fall back over 00:00 (Atlantic/Azores in
 * October) the day starts at the first of the two local midnights. PostgreSQL's {@code timestamp AT
 * TIME ZONE zone} takes the later of the two, which starts such a day an hour late; that is why the
 * bounds are computed here and sent to SQL as instants. A day may thus be 23 or 25 hours long (or
 * other lengths where a zone changes its offset).
 *
 * @param date the local date
 * @param start the first instant of the day
 * @param end the first instant of the next day
 */
record LocalDay(LocalDate date, Instant start, Instant end) {

  LocalDay {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
  }

  /**
   * The local day that {@code instant} falls on in {@code zone}.
   *
   * @param instant the instant, e.g. "now"
   * @param zone the wall clock
   * @return the day, with {@code start <= instant < end}
   */
  static LocalDay containing(Instant instant, ZoneId zone) {
    return of(LocalDate.ofInstant(instant, zone), zone);
  }

  /**
   * A local day in {@code zone}.
   *
   * @param date the local date
   * @param zone the wall clock
   * @return the day
   */
  static LocalDay of(LocalDate date, ZoneId zone) {
    return new LocalDay(
        date, date.atStartOfDay(zone).toInstant(), date.plusDays(1).atStartOfDay(zone).toInstant());
  }
}
