package io.todokit.recurrence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Comparator;
import java.util.Spliterator;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The occurrences of a rule from a start, with COUNT and UNTIL applied and dates mapped to the
 * start's zone. Not thread-safe: one per stream or query.
 */
final class OccurrenceSpliterator implements Spliterator<ZonedDateTime> {

  /** The largest offset java.time allows, 18 hours, in seconds. */
  private static final long LARGEST_OFFSET = ZoneOffset.MAX.getTotalSeconds();

  /** Marks an occurrence dropped by {@link #emit(long)}; compared by identity. */
  private static final ZonedDateTime SKIPPED = ZonedDateTime.of(LocalDateTime.MIN, ZoneOffset.UTC);

  private final OccurrenceCursor cursor;
  private final ZonedDateTime start;
  private final long startDay;
  private final LocalTime time;
  private final ZoneId zone;

  /** The zone's offset if it never changes, to skip the zone rules' lookups. */
  private final @Nullable ZoneOffset fixedOffset;

  /** The last date an occurrence may fall on (from a DATE or floating UNTIL). */
  private final long lastDay;

  /** A UTC UNTIL, compared as instants, or the horizon if that is earlier. */
  private final Instant untilInstant;

  /** Occurrences still allowed by COUNT; negative if unbounded. */
  private long remaining;

  /** The epoch second of the last occurrence handed out, to drop gap-shifted duplicates. */
  private long lastEpochSecond = Long.MIN_VALUE;

  private final ZoneRules rules;
  private final long secondOfDay;

  /**
   * Local epoch seconds {@code [stableFrom, stableUntil)} that map to instants with {@link
   * #stableOffset}, so that {@link #epochSecond(long)} needs no zone lookup; empty at first.
   */
  private long stableFrom;

  private long stableUntil;
  private int stableOffset;

  OccurrenceSpliterator(RecurrenceRule rule, ZonedDateTime start) {
    this.start = start;
    LocalDate startDate = start.toLocalDate();
    this.startDay = startDate.toEpochDay();
    this.time = start.toLocalTime();
    this.zone = start.getZone();
    this.rules = zone.getRules();
    this.secondOfDay = time.toSecondOfDay();
    this.fixedOffset = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH) : null;
    RuleParts parts = rule.parts();
    @Nullable Until until = parts.until;
    // Every series ends at the horizon, as if it had that UTC UNTIL.
    Instant instant = RecurrenceRule.LATEST_OCCURRENCE;
    long last = OccurrenceCursor.MAX_DAY;
    switch (until) {
      case null -> {}
      case Until.OnDate onDate -> last = onDate.date().toEpochDay();
      case Until.Local local ->
          last =
              local.dateTime().toLocalDate().toEpochDay()
                  - (local.dateTime().toLocalTime().isBefore(time) ? 1 : 0);
      case Until.Utc utc -> instant = utc.instant().isBefore(instant) ? utc.instant() : instant;
    }
    // A date whose local midnight is more than the largest offset after the UTC bound holds no
    // occurrence within it (a gap only moves an occurrence later): the walk need not go there.
    last = Math.min(last, Math.floorDiv(instant.getEpochSecond() + LARGEST_OFFSET, 86_400L));
    this.lastDay = last;
    this.untilInstant = instant;
    this.cursor = new OccurrenceCursor(parts, startDate, LocalDate.ofEpochDay(last));
    if (start.toInstant().isAfter(RecurrenceRule.LATEST_OCCURRENCE)) {
      this.remaining = 0;
    } else {
      this.remaining = parts.count == 0 ? -1 : parts.count;
    }
  }

  /** Returns the next occurrence's date within COUNT and the date bound, or END. */
  private long nextDay() {
    if (remaining == 0) {
      return OccurrenceCursor.END;
    }
    long day = cursor.next();
    if (day == OccurrenceCursor.END || day > lastDay) {
      remaining = 0;
      return OccurrenceCursor.END;
    }
    return day;
  }

  private ZonedDateTime at(long day) {
    if (day == startDay) {
      return start;
    }
    LocalDateTime local = LocalDateTime.of(LocalDate.ofEpochDay(day), time);
    return fixedOffset != null
        ? ZonedDateTime.ofLocal(local, zone, fixedOffset)
        : ZonedDateTime.of(local, zone);
  }

  /**
   * Maps the day and applies a UTC UNTIL and COUNT; returns null (and no more) if past the end, or
   * {@link #SKIPPED} if the occurrence must be skipped because a gap of a whole day (such as
   * Pacific/Apia's 2011-12-30) mapped it onto the next one.
   */
  private @Nullable ZonedDateTime emit(long day) {
    ZonedDateTime occurrence = at(day);
    return switch (admit(occurrence.toEpochSecond())) {
      case ADMITTED -> occurrence;
      case SKIPPED -> SKIPPED;
      case ENDED -> null;
    };
  }

  private enum Verdict {
    ADMITTED,
    SKIPPED,
    ENDED
  }

  /**
   * Applies a UTC UNTIL (or the horizon), the de-duplication of gap-shifted occurrences and COUNT
   * to an occurrence at {@code epochSecond} (with the start's nano of second), exactly as the
   * stream does.
   */
  private Verdict admit(long epochSecond) {
    if (epochSecond > untilInstant.getEpochSecond()
        || (epochSecond == untilInstant.getEpochSecond()
            && time.getNano() > untilInstant.getNano())) {
      remaining = 0;
      return Verdict.ENDED;
    }
    if (epochSecond <= lastEpochSecond) {
      return Verdict.SKIPPED;
    }
    lastEpochSecond = epochSecond;
    if (remaining > 0) {
      remaining--;
    }
    return Verdict.ADMITTED;
  }

  /**
   * Returns {@code at(day).toEpochSecond()} without building the {@link ZonedDateTime}: between two
   * transitions of the zone every local time maps with the same offset, which is cached.
   */
  private long epochSecond(long day) {
    if (day == startDay) {
      return start.toEpochSecond();
    }
    long local = day * 86_400L + secondOfDay;
    if (fixedOffset != null) {
      return local - fixedOffset.getTotalSeconds();
    }
    if (local >= stableFrom && local < stableUntil) {
      return local - stableOffset;
    }
    ZonedDateTime occurrence = at(day);
    long epochSecond = occurrence.toEpochSecond();
    int offset = occurrence.getOffset().getTotalSeconds();
    Instant instant = Instant.ofEpochSecond(epochSecond);
    if (rules.getValidOffsets(occurrence.toLocalDateTime()).size() == 1
        && local - offset == epochSecond) {
      // Every local time from the end of the previous transition's gap or overlap to the end of
      // the next one's maps with this offset: inside a gap or an overlap ZonedDateTime.of uses
      // the offset before the transition, and before the next transition that is this one.
      ZoneOffsetTransition previous = rules.previousTransition(instant.plusSeconds(1));
      ZoneOffsetTransition next = rules.nextTransition(instant);
      stableFrom =
          previous == null
              ? Long.MIN_VALUE
              : previous.toEpochSecond()
                  + Math.max(previous.getOffsetBefore().getTotalSeconds(), offset);
      stableUntil =
          next == null
              ? Long.MAX_VALUE
              : next.toEpochSecond() + Math.max(offset, next.getOffsetAfter().getTotalSeconds());
      stableOffset = offset;
    }
    return epochSecond;
  }

  /** Returns the next occurrence, or null at the end. */
  @Nullable ZonedDateTime next() {
    for (long day = nextDay(); day != OccurrenceCursor.END; day = nextDay()) {
      ZonedDateTime occurrence = emit(day);
      if (occurrence == null) {
        return null;
      }
      if (occurrence != SKIPPED) {
        return occurrence;
      }
    }
    return null;
  }

  /**
   * Returns the next occurrence as an instant, or null at the end: the same answer as {@link
   * #next()}, with the same verdicts, but without building a {@link ZonedDateTime}.
   */
  @Nullable Instant nextInstant() {
    for (long day = nextDay(); day != OccurrenceCursor.END; day = nextDay()) {
      long epochSecond = epochSecond(day);
      switch (admit(epochSecond)) {
        case ADMITTED -> {
          return Instant.ofEpochSecond(epochSecond, time.getNano());
        }
        case ENDED -> {
          return null;
        }
        case SKIPPED -> {}
      }
    }
    return null;
  }

  @Override
  public boolean tryAdvance(Consumer<? super ZonedDateTime> action) {
    ZonedDateTime occurrence = next();
    if (occurrence == null) {
      return false;
    }
    action.accept(occurrence);
    return true;
  }

  @Override
  public void forEachRemaining(Consumer<? super ZonedDateTime> action) {
    for (long day = nextDay(); day != OccurrenceCursor.END; day = nextDay()) {
      ZonedDateTime occurrence = emit(day);
      if (occurrence == null) {
        return;
      }
      if (occurrence != SKIPPED) {
        action.accept(occurrence);
      }
    }
  }

  /** Returns an instant no occurrence of the series is after: its UNTIL or the horizon. */
  Instant latestPossible() {
    // The last date's local midnight plus a day, plus the largest offset west of UTC.
    Instant endOfLastDay = Instant.ofEpochSecond((lastDay + 1) * 86_400L + LARGEST_OFFSET);
    return endOfLastDay.isBefore(untilInstant) ? endOfLastDay : untilInstant;
  }

  /** Returns the first occurrence at or after {@code instant}, or null. */
  @Nullable ZonedDateTime firstAtOrAfter(Instant instant) {
    // After DTSTART, itself no earlier than year 1, one nanosecond less is still an instant.
    return instant.isAfter(start.toInstant()) ? firstAfter(instant.minusNanos(1)) : next();
  }

  /**
   * Returns the last occurrence at or before {@code instant}, or null; walks the whole series up to
   * there without building {@link ZonedDateTime}s, so it is meant for series with COUNT.
   */
  @Nullable ZonedDateTime lastAtOrBefore(Instant instant) {
    long found = OccurrenceCursor.END;
    for (long day = nextDay(); day != OccurrenceCursor.END; day = nextDay()) {
      long epochSecond = epochSecond(day);
      if (epochSecond > instant.getEpochSecond()
          || (epochSecond == instant.getEpochSecond() && time.getNano() > instant.getNano())) {
        break;
      }
      Verdict verdict = admit(epochSecond);
      if (verdict == Verdict.ENDED) {
        break;
      }
      if (verdict == Verdict.ADMITTED) {
        found = day;
      }
    }
    return found == OccurrenceCursor.END ? null : at(found);
  }

  /** Returns the first occurrence strictly after {@code after}, or null. */
  @Nullable ZonedDateTime firstAfter(Instant after) {
    if (!after.isBefore(untilInstant)) {
      return null;
    }
    int offset = rules.getOffset(after).getTotalSeconds();
    long afterDay = Math.floorDiv(after.getEpochSecond() + offset, 86_400L);
    // A wall time moved by a DST gap (up to a whole day, as in Pacific/Apia in 2011) may land
    // after `after` although its date is earlier: start two days back.
    long firstCandidate = afterDay - 2;
    if (remaining < 0) {
      cursor.seek(firstCandidate);
    }
    for (long day = nextDay(); day != OccurrenceCursor.END; day = nextDay()) {
      if (day < firstCandidate) {
        // COUNT counts what the stream emits, so the walk applies the same verdicts.
        if (admit(epochSecond(day)) == Verdict.ENDED) {
          return null;
        }
        continue;
      }
      ZonedDateTime occurrence = emit(day);
      if (occurrence == null) {
        return null;
      }
      if (occurrence != SKIPPED && occurrence.toInstant().isAfter(after)) {
        return occurrence;
      }
    }
    return null;
  }

  @Override
  public @Nullable Spliterator<ZonedDateTime> trySplit() {
    return null;
  }

  @Override
  public long estimateSize() {
    return remaining < 0 ? Long.MAX_VALUE : remaining;
  }

  @Override
  public int characteristics() {
    return ORDERED | DISTINCT | SORTED | NONNULL | IMMUTABLE;
  }

  @Override
  public @Nullable Comparator<? super ZonedDateTime> getComparator() {
    return null;
  }
}
