package io.todokit.recurrence;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * A recurrence rule bound once to its start (DTSTART) and the time zone whose wall clock it runs
 * on: the series of occurrences, queried and answered in {@link Instant}s.
 *
 * <p>Make one with {@link RecurrenceRule#schedule(ZonedDateTime)}, {@link
 * RecurrenceRule#schedule(Instant, ZoneId)} or {@link RecurrenceSpec#schedule(ZonedDateTime)}. Each
 * occurrence has the start's local time of day on a date the rule matches, mapped to the zone with
 * {@link ZonedDateTime#of(java.time.LocalDateTime, ZoneId)} (a wall time in a DST gap moves forward
 * by the gap, an ambiguous one takes the earlier offset); an occurrence on the start's own date is
 * the start itself. The start is an occurrence only if it matches the rule. Every series ends at
 * COUNT, at UNTIL, and at the horizon {@link RecurrenceRule#LATEST_OCCURRENCE} (so a start after it
 * has no occurrences); no query answers past it. Every query answers exactly what a walk of {@link
 * #stream()} would, and every {@code Instant} argument may be any instant, {@link Instant#MIN} and
 * {@link Instant#MAX} included. To see an occurrence on the wall clock, use {@code
 * occurrence.atZone(schedule.zone())}.
 *
 * <p>Instances are immutable and thread-safe: each query walks a private cursor of its own.
 */
public final class Schedule {

  private final RecurrenceRule rule;
  private final ZonedDateTime start;

  private Schedule(RecurrenceRule rule, ZonedDateTime start) {
    this.rule = rule;
    this.start = start;
  }

  /** Checks the arguments and binds them; see {@link RecurrenceRule#schedule(ZonedDateTime)}. */
  static Schedule of(RecurrenceRule rule, ZonedDateTime start) {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(start, "start");
    if (start.toInstant().isBefore(RecurrenceRule.EARLIEST_START)) {
      throw new InvalidRecurrenceRuleException(
          "DTSTART", "must not be before " + RecurrenceRule.EARLIEST_START + ", was " + start);
    }
    return new Schedule(rule, start);
  }

  /** Checks the arguments and binds them; see {@link RecurrenceRule#schedule(Instant, ZoneId)}. */
  static Schedule of(RecurrenceRule rule, Instant start, ZoneId zone) {
    return of(rule, zoned(start, zone));
  }

  /** The start on the wall clock of {@code zone}, or the DTSTART error if it has none. */
  static ZonedDateTime zoned(Instant start, ZoneId zone) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(zone, "zone");
    try {
      return start.atZone(zone);
    } catch (DateTimeException e) {
      // Only instants beyond the years -999,999,999..999,999,999 have no local date-time.
      throw new InvalidRecurrenceRuleException(
          "DTSTART", "has no local date-time in " + zone + ": " + start);
    }
  }

  /**
   * Returns the rule.
   *
   * @return the rule
   */
  public RecurrenceRule rule() {
    return rule;
  }

  /**
   * Returns the start (DTSTART), which is the first occurrence if the rule matches it.
   *
   * @return the start, no earlier than {@link RecurrenceRule#EARLIEST_START}
   */
  public Instant start() {
    return start.toInstant();
  }

  /**
   * Returns the time zone whose wall clock the occurrences follow.
   *
   * @return the zone
   */
  public ZoneId zone() {
    return start.getZone();
  }

  /**
   * Returns the occurrences, lazily and in ascending order.
   *
   * <p>The stream ends at COUNT, at UNTIL, at the horizon, and (in bounded time) if the rule cannot
   * match again: a rule that can never match, such as the 30th of February, is detected
   * analytically or after one 400-year Gregorian cycle of empty periods.
   *
   * @return the sequential, ordered stream of occurrences, without duplicates
   */
  public Stream<Instant> stream() {
    return StreamSupport.stream(new Instants(series()), false);
  }

  /** The occurrences of a walk as instants, built without a {@link ZonedDateTime} each. */
  private static final class Instants extends Spliterators.AbstractSpliterator<Instant> {

    private final OccurrenceSpliterator series;

    Instants(OccurrenceSpliterator series) {
      super(series.estimateSize(), series.characteristics());
      this.series = series;
    }

    @Override
    public boolean tryAdvance(Consumer<? super Instant> action) {
      Instant next = series.nextInstant();
      if (next == null) {
        return false;
      }
      action.accept(next);
      return true;
    }

    /** Returns null: the occurrences are in their natural order. */
    @Override
    public @Nullable Comparator<? super Instant> getComparator() {
      return null;
    }
  }

  /**
   * Returns the first occurrence strictly after {@code instant}.
   *
   * <p>Without COUNT this jumps straight to the period containing {@code instant}, whatever the
   * distance; with COUNT it walks the earlier occurrences, at most COUNT of them.
   *
   * @param instant the instant to look after; any instant
   * @return the occurrence, or empty if there is none (always when {@code instant} is at or past
   *     {@link RecurrenceRule#LATEST_OCCURRENCE})
   * @throws NullPointerException if {@code instant} is null
   */
  public Optional<Instant> after(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    return instant(series().firstAfter(instant));
  }

  /**
   * Returns the first occurrence at or after {@code instant}; it jumps like {@link #after}.
   *
   * @param instant the earliest instant wanted; any instant
   * @return the occurrence, or empty if there is none
   * @throws NullPointerException if {@code instant} is null
   */
  public Optional<Instant> atOrAfter(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    return instant(series().firstAtOrAfter(instant));
  }

  /**
   * Returns the latest occurrence in {@code [from, to]}, both bounds inclusive: what a scheduler
   * that was down since {@code from} owes at {@code to}, when only the latest missed occurrence
   * matters.
   *
   * <p>Without COUNT it never walks the series from {@code from}: it gallops back from {@code to}
   * (or from the end of a series bounded by UNTIL, if earlier) in windows of 1, 2, 4, … days (never
   * before {@code from}) and steps forward inside the first window that holds an occurrence, so the
   * cost grows with the logarithm of {@code to - from}. With COUNT the series is finite and walked
   * once from the start, as COUNT counts from there, without building a {@link ZonedDateTime} for
   * each occurrence.
   *
   * @param from the earliest instant wanted (inclusive); any instant
   * @param to the latest instant wanted (inclusive); any instant, empty range if before {@code
   *     from}
   * @return the occurrence, or empty if none lies in the range
   * @throws NullPointerException if an argument is null
   */
  public Optional<Instant> latestIn(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    OccurrenceSpliterator series = series();
    if (rule.count().isPresent()) {
      return instant(series.lastAtOrBefore(to)).filter(latest -> !latest.isBefore(from));
    }
    // Nothing lies after the series' end (UNTIL or the horizon) or more than a day and a half
    // (twice the largest offset) before the start: galloping within those bounds keeps the
    // windows short and the instants in range.
    Instant upper = series.latestPossible().isBefore(to) ? series.latestPossible() : to;
    Instant earliest = start.toInstant().minus(Duration.ofDays(2));
    Instant lower = from.isBefore(earliest) ? earliest : from;
    if (upper.isBefore(lower)) {
      return Optional.empty();
    }
    for (long days = 1; ; days *= 2) {
      Instant windowStart = upper.minus(Duration.ofDays(days));
      boolean last = !windowStart.isAfter(lower);
      OccurrenceSpliterator window = series();
      @Nullable ZonedDateTime first = window.firstAtOrAfter(last ? lower : windowStart);
      if (first != null && !first.toInstant().isAfter(upper)) {
        Instant latest = first.toInstant();
        for (@Nullable Instant next = window.nextInstant();
            next != null && !next.isAfter(upper);
            next = window.nextInstant()) {
          latest = next;
        }
        return Optional.of(latest);
      }
      if (last) {
        return Optional.empty();
      }
    }
  }

  /**
   * Returns the occurrences in {@code [from, to]}, both bounds inclusive, oldest first, at most
   * {@code max} of them.
   *
   * <p>It jumps to {@code from} as {@link #atOrAfter} does and continues from there.
   *
   * @param from the earliest instant wanted (inclusive); any instant
   * @param to the latest instant wanted (inclusive); any instant, empty range if before {@code
   *     from}
   * @param max the most occurrences to return; at least 0
   * @return the occurrences, unmodifiable
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code max} is negative
   */
  public List<Instant> in(Instant from, Instant to, int max) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (max < 0) {
      throw new IllegalArgumentException("max must not be negative, was " + max);
    }
    OccurrenceSpliterator series = series();
    List<Instant> found = new ArrayList<>();
    @Nullable ZonedDateTime first = max == 0 ? null : series.firstAtOrAfter(from);
    @Nullable Instant next = first == null ? null : first.toInstant();
    while (next != null && !next.isAfter(to)) {
      found.add(next);
      next = found.size() < max ? series.nextInstant() : null;
    }
    return List.copyOf(found);
  }

  /** A fresh walk of the series from the start. */
  private OccurrenceSpliterator series() {
    return new OccurrenceSpliterator(rule, start);
  }

  private static Optional<Instant> instant(@Nullable ZonedDateTime occurrence) {
    return occurrence == null ? Optional.empty() : Optional.of(occurrence.toInstant());
  }

  /**
   * Returns whether {@code other} is a schedule of an equal rule from the same start in the same
   * zone.
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Schedule schedule
        && rule.equals(schedule.rule)
        && start.equals(schedule.start);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rule, start);
  }

  /**
   * Returns the RRULE text and the start on its wall clock, such as {@code FREQ=DAILY from
   * 2026-01-01T09:00+01:00[Europe/Berlin]}.
   */
  @Override
  public String toString() {
    return rule + " from " + start;
  }
}
