package io.todokit.dao.recurring;

import io.todokit.recurrence.RecurrenceRule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The occurrence arithmetic of a template: one rule from one DTSTART, as RFC 5545 defines it (COUNT
 * counts from DTSTART, a DTSTART that does not match the rule is not an occurrence). Never walks
 * from the start toward a far date: it jumps with {@link RecurrenceRule#nextAfter}. Immutable.
 */
final class Occurrences {

  private final RecurrenceRule rule;
  private final ZonedDateTime dtstart;

  Occurrences(RecurrenceRule rule, ZonedDateTime dtstart) {
    this.rule = rule;
    this.dtstart = dtstart;
  }

  /** The first occurrence of all, or empty if the rule never occurs. */
  Optional<ZonedDateTime> first() {
    return rule.occurrences(dtstart).findFirst();
  }

  /** The first occurrence at or after {@code instant}. */
  Optional<ZonedDateTime> firstAtOrAfter(Instant instant) {
    if (!instant.isAfter(dtstart.toInstant())) {
      return first();
    }
    return rule.nextAfter(dtstart, instant.minusNanos(1).atZone(dtstart.getZone()));
  }

  /** The first occurrence strictly after {@code occurrence}. */
  Optional<ZonedDateTime> after(ZonedDateTime occurrence) {
    return rule.nextAfter(dtstart, occurrence);
  }

  /**
   * The latest occurrence in {@code [floor, now]}, found by galloping back from {@code now} in
   * windows of 1, 2, 4, … days (never before {@code floor}) and stepping forward inside the first
   * window that holds one; the cost grows with the logarithm of {@code now - floor}, not with the
   * number of occurrences in between.
   */
  Optional<ZonedDateTime> latestIn(Instant floor, Instant now) {
    if (now.isBefore(floor)) {
      return Optional.empty();
    }
    long days = 1;
    while (true) {
      Instant lower = now.minus(Duration.ofDays(days));
      boolean last = !lower.isAfter(floor);
      Optional<ZonedDateTime> candidate = firstAtOrAfter(last ? floor : lower);
      if (candidate.isPresent() && !candidate.get().toInstant().isAfter(now)) {
        ZonedDateTime latest = candidate.get();
        for (Optional<ZonedDateTime> next = after(latest);
            next.isPresent() && !next.get().toInstant().isAfter(now);
            next = after(latest)) {
          latest = next.get();
        }
        return Optional.of(latest);
      }
      if (last) {
        return Optional.empty();
      }
      days = Math.multiplyExact(days, 2);
    }
  }

  /**
   * The occurrences in {@code [from, now]}, oldest first, at most {@code max} of them. With COUNT
   * the series is finite, so it is streamed once from DTSTART (COUNT counts from there); otherwise
   * each step jumps with {@link RecurrenceRule#nextAfter}.
   */
  List<ZonedDateTime> between(Instant from, Instant now, int max) {
    List<ZonedDateTime> found = new ArrayList<>();
    if (rule.count().isPresent()) {
      rule.occurrences(dtstart)
          .dropWhile(occurrence -> occurrence.toInstant().isBefore(from))
          .takeWhile(occurrence -> !occurrence.toInstant().isAfter(now))
          .limit(max)
          .forEach(found::add);
      return found;
    }
    Optional<ZonedDateTime> next = firstAtOrAfter(from);
    while (found.size() < max && next.isPresent() && !next.get().toInstant().isAfter(now)) {
      found.add(next.get());
      next = after(next.get());
    }
    return found;
  }
}
