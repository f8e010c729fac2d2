package io.todokit.recurrence;

import static io.todokit.recurrence.Occurrences.occurrences;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Invariants over a few thousand generated rules, starts and zones (seeded, reproducible). */
class RecurrencePropertyTest {

  private static final List<ZoneId> ZONES =
      Set.of(
              "UTC",
              "Europe/Berlin",
              "America/New_York",
              "Australia/Sydney",
              "Australia/Adelaide",
              "Asia/Kolkata",
              "Asia/Tokyo",
              "Pacific/Auckland",
              "America/St_Johns")
          .stream()
          .sorted()
          .map(ZoneId::of)
          .toList();

  private static final String[] DAYS = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

  @Test
  void generatedRulesSatisfyTheInvariants() {
    Random random = new Random(20_251_123L);
    for (int i = 0; i < 3_000; i++) {
      RecurrenceRule rule = RecurrenceRule.parse(randomRule(random));
      ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
      ZonedDateTime start =
          ZonedDateTime.of(
              LocalDateTime.of(
                      1990 + random.nextInt(60), 1, 1, random.nextInt(24), 15 * random.nextInt(4))
                  .plusDays(random.nextInt(366)),
              zone);
      check(rule, start);
    }
  }

  private static void check(RecurrenceRule rule, ZonedDateTime start) {
    String label = rule + " from " + start;
    Schedule schedule = rule.schedule(start);
    List<ZonedDateTime> occurrences = occurrences(rule, start).limit(25).toList();

    assertThat(RecurrenceRule.parse(rule.toRRule())).as(label).isEqualTo(rule);
    assertThat(RecurrenceRule.parse(rule.toRRule()).hashCode()).isEqualTo(rule.hashCode());
    for (int i = 0; i < occurrences.size(); i++) {
      ZonedDateTime occurrence = occurrences.get(i);
      assertThat(occurrence.getZone()).as(label).isEqualTo(start.getZone());
      assertThat(occurrence.isBefore(start)).as(label).isFalse();
      if (i > 0) {
        assertThat(occurrence.toInstant()).as(label).isAfter(occurrences.get(i - 1).toInstant());
      }
      if (!occurrence.toLocalDate().equals(start.toLocalDate())) {
        assertThat(occurrence)
            .as(label)
            .isEqualTo(
                ZonedDateTime.of(occurrence.toLocalDate(), start.toLocalTime(), start.getZone()));
      }
      matchesFilters(rule, occurrence.toLocalDate(), label);
      ZonedDateTime before = i == 0 ? start.minusYears(1) : occurrences.get(i - 1);
      assertThat(schedule.after(before.toInstant()))
          .as(label + " after " + before)
          .contains(occurrence.toInstant());
      assertThat(schedule.after(occurrence.toInstant().minusSeconds(1)))
          .as(label)
          .contains(occurrence.toInstant());
    }
    if (occurrences.size() < 25) {
      ZonedDateTime last = occurrences.isEmpty() ? start : occurrences.getLast();
      assertThat(schedule.after(last.toInstant())).as(label).isEmpty();
    }
    rule.count()
        .ifPresent(count -> assertThat(occurrences.size()).as(label).isLessThanOrEqualTo(count));
    if (rule.count().isPresent() || rule.until().isPresent()) {
      RecurrenceRule unbounded =
          RecurrenceRule.parse(
              List.of(rule.toRRule().split(";")).stream()
                  .filter(part -> !part.startsWith("COUNT=") && !part.startsWith("UNTIL="))
                  .collect(Collectors.joining(";")));
      List<ZonedDateTime> prefix = occurrences(unbounded, start).limit(occurrences.size()).toList();
      assertThat(occurrences).as(label).isEqualTo(prefix);
      if (rule.count().isPresent() && occurrences.size() < Math.min(25, rule.count().getAsInt())) {
        assertThat(occurrences(unbounded, start).limit(occurrences.size() + 1))
            .hasSize(occurrences.size());
      }
    }
  }

  private static void matchesFilters(RecurrenceRule rule, LocalDate date, String label) {
    if (!rule.byMonth().isEmpty()) {
      assertThat(rule.byMonth()).as(label).contains(date.getMonthValue());
    }
    if (!rule.byMonthDay().isEmpty() && rule.bySetPos().isEmpty()) {
      int fromEnd = date.getDayOfMonth() - date.lengthOfMonth() - 1;
      assertThat(
              rule.byMonthDay().contains(date.getDayOfMonth())
                  || rule.byMonthDay().contains(fromEnd))
          .as(label + " on " + date)
          .isTrue();
    }
    // Defaults taken from the start are checked by the dateutil fixture.
    Set<DayOfWeek> days = new TreeSet<>();
    for (WeekdayNum day : rule.byDay()) {
      days.add(day.day());
    }
    if (!days.isEmpty()) {
      assertThat(days).as(label + " on " + date).contains(date.getDayOfWeek());
    }
  }

  private static String randomRule(Random random) {
    String frequency = new String[] {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}[random.nextInt(4)];
    List<String> parts = new ArrayList<>();
    parts.add("FREQ=" + frequency);
    if (random.nextBoolean()) {
      parts.add("INTERVAL=" + (1 + random.nextInt(random.nextBoolean() ? 3 : 40)));
    }
    if (random.nextInt(4) == 0) {
      parts.add("BYMONTH=" + ints(random, 1, 12, false));
    }
    if (random.nextInt(3) == 0) {
      parts.add("BYMONTHDAY=" + ints(random, 1, 31, true));
    }
    if (random.nextInt(2) == 0) {
      boolean ordinals =
          (frequency.equals("MONTHLY") || frequency.equals("YEARLY")) && random.nextBoolean();
      TreeSet<String> days = new TreeSet<>();
      for (int i = 0; i <= random.nextInt(3); i++) {
        String day = DAYS[random.nextInt(7)];
        if (ordinals && random.nextBoolean()) {
          int ordinal = 1 + random.nextInt(frequency.equals("YEARLY") ? 53 : 5);
          day = (random.nextBoolean() ? "-" : "") + ordinal + day;
        }
        days.add(day);
      }
      parts.add("BYDAY=" + String.join(",", days));
    }
    if (random.nextInt(4) == 0) {
      parts.add("BYSETPOS=" + ints(random, 1, 6, true));
    }
    if (random.nextInt(4) == 0) {
      parts.add("WKST=" + DAYS[random.nextInt(7)]);
    }
    switch (random.nextInt(4)) {
      case 0 -> parts.add("COUNT=" + (1 + random.nextInt(30)));
      case 1 ->
          parts.add(
              "UNTIL="
                  + (2000 + random.nextInt(60))
                  + "0615"
                  + (random.nextBoolean() ? "" : "T120000Z"));
      default -> {}
    }
    java.util.Collections.shuffle(parts, random);
    return String.join(";", parts);
  }

  private static String ints(Random random, int min, int max, boolean negatives) {
    TreeSet<Integer> values = new TreeSet<>();
    for (int i = 0; i <= random.nextInt(3); i++) {
      int value = min + random.nextInt(max - min + 1);
      values.add(negatives && random.nextInt(3) == 0 ? -value : value);
    }
    return values.stream().map(String::valueOf).collect(Collectors.joining(","));
  }
}
