package io.todokit.recurrence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link Schedule#after}, {@link Schedule#atOrAfter}, {@link Schedule#latestIn} and {@link
 * Schedule#in} answer exactly what a plain walk of {@link Schedule#stream} answers, for generated
 * rules (seeded, reproducible) in zones with whole-day gaps (the date line moving), midnight DST
 * changes and half-hour DST.
 */
class QueriesAgreeWithTheStreamTest {

  private static final List<ZoneId> ZONES =
      List.of(
              "Pacific/Kwajalein",
              "Pacific/Apia",
              "Pacific/Kiritimati",
              "Pacific/Enderbury",
              "America/Santiago",
              "Europe/Berlin",
              "Australia/Lord_Howe",
              "America/Havana",
              "Asia/Tehran",
              "UTC")
          .stream()
          .map(ZoneId::of)
          .toList();

  /** Local dates just before a zone skips a whole calendar day. */
  private static final List<ZonedDateTime> SKIPPED_DAYS =
      List.of(
          ZonedDateTime.of(1993, 8, 20, 0, 0, 0, 0, ZoneId.of("Pacific/Kwajalein")),
          ZonedDateTime.of(2011, 12, 29, 0, 0, 0, 0, ZoneId.of("Pacific/Apia")),
          ZonedDateTime.of(1994, 12, 30, 0, 0, 0, 0, ZoneId.of("Pacific/Kiritimati")),
          ZonedDateTime.of(1994, 12, 30, 0, 0, 0, 0, ZoneId.of("Pacific/Enderbury")));

  private static final int CASES = 6_000;
  private static final int QUERIES_PER_CASE = 6;
  private static final int PREFIX = 40;
  private static final String[] DAYS = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

  @Test
  void everyQueryAnswersWhatTheStreamAnswers() {
    Random random = new Random(20_260_301L);
    for (int i = 0; i < CASES; i++) {
      ZonedDateTime dtstart = randomStart(random);
      RecurrenceRule rule = RecurrenceRule.parse(randomRule(random, dtstart));
      Schedule schedule = rule.schedule(dtstart);
      List<Instant> prefix = schedule.stream().limit(PREFIX).toList();
      // A rule that never matches costs a full 400-year search per query: one query will do.
      int queries = prefix.isEmpty() ? 1 : QUERIES_PER_CASE;
      for (int q = 0; q < queries; q++) {
        check(schedule, dtstart, prefix, random);
      }
    }
  }

  private static void check(
      Schedule schedule, ZonedDateTime dtstart, List<Instant> prefix, Random random) {
    String label = schedule.toString();
    boolean complete = prefix.size() < PREFIX;
    // Beyond the last element of an incomplete prefix nothing is known, so queries stay before it.
    Instant known = complete ? dtstart.toInstant().plus(Duration.ofDays(3_000)) : prefix.getLast();
    Instant x = randomInstantBefore(random, dtstart, prefix, known);

    assertThat(schedule.after(x))
        .as("%s: after %s", label, x)
        .isEqualTo(prefix.stream().filter(o -> o.isAfter(x)).findFirst());
    assertThat(schedule.atOrAfter(x))
        .as("%s: atOrAfter %s", label, x)
        .isEqualTo(prefix.stream().filter(o -> !o.isBefore(x)).findFirst());

    Instant to = randomInstantBefore(random, dtstart, prefix, known);
    Instant from = to.minus(Duration.ofHours(random.nextInt(24 * (1 + random.nextInt(400)))));
    List<Instant> inRange =
        prefix.stream().filter(o -> !o.isBefore(from) && !o.isAfter(to)).toList();
    assertThat(schedule.latestIn(from, to))
        .as("%s: latestIn [%s, %s]", label, from, to)
        .isEqualTo(inRange.isEmpty() ? Optional.empty() : Optional.of(inRange.getLast()));
    int max = random.nextInt(6);
    assertThat(schedule.in(from, to, max))
        .as("%s: in [%s, %s] max %d", label, from, to, max)
        .isEqualTo(inRange.stream().limit(max).toList());
  }

  /** An instant before {@code known}: mostly on or near an occurrence, sometimes anywhere. */
  private static Instant randomInstantBefore(
      Random random, ZonedDateTime dtstart, List<Instant> prefix, Instant known) {
    Instant x;
    if (!prefix.isEmpty() && random.nextInt(4) != 0) {
      Instant occurrence = prefix.get(random.nextInt(prefix.size()));
      x =
          switch (random.nextInt(4)) {
            case 0 -> occurrence;
            case 1 -> occurrence.minusNanos(1);
            case 2 -> occurrence.minusSeconds(random.nextInt(3 * 86_400));
            default -> occurrence.plusSeconds(random.nextInt(3 * 86_400));
          };
    } else {
      long span = Duration.between(dtstart.toInstant(), known).getSeconds() + 4 * 86_400;
      x = dtstart.toInstant().minusSeconds(3 * 86_400).plusSeconds(random.nextLong(span));
    }
    return x.isBefore(known) ? x : known.minusNanos(1);
  }

  private static ZonedDateTime randomStart(Random random) {
    LocalDateTime time =
        LocalDateTime.of(2000, 1, 1, random.nextInt(24), 15 * random.nextInt(4))
            .plusNanos(random.nextInt(8) == 0 ? random.nextInt(1_000_000_000) : 0);
    ZonedDateTime near;
    switch (random.nextInt(3)) {
      case 0 -> {
        // Shortly before a skipped day.
        ZonedDateTime day = SKIPPED_DAYS.get(random.nextInt(SKIPPED_DAYS.size()));
        near = day.minusDays(random.nextInt(random.nextBoolean() ? 8 : 800));
      }
      case 1 -> {
        // Shortly before some transition of some zone.
        ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
        Instant instant =
            Instant.parse("1985-01-01T00:00:00Z").plusSeconds(random.nextLong(1L << 30));
        ZoneOffsetTransition transition = zone.getRules().nextTransition(instant);
        if (transition == null) {
          transition = zone.getRules().previousTransition(instant);
        }
        near =
            transition == null
                ? instant.atZone(zone)
                : transition.getInstant().atZone(zone).minusDays(random.nextInt(40));
      }
      default -> {
        ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
        near = ZonedDateTime.of(1970 + random.nextInt(80), 1, 1, 0, 0, 0, 0, zone);
        near = near.plusDays(random.nextInt(366));
      }
    }
    return ZonedDateTime.of(near.toLocalDate(), time.toLocalTime(), near.getZone());
  }

  private static String randomRule(Random random, ZonedDateTime dtstart) {
    String frequency = new String[] {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}[random.nextInt(4)];
    List<String> parts = new ArrayList<>();
    parts.add("FREQ=" + frequency);
    if (random.nextInt(3) == 0) {
      parts.add("INTERVAL=" + (1 + random.nextInt(random.nextBoolean() ? 3 : 15)));
    }
    if (random.nextInt(5) == 0) {
      parts.add("BYMONTH=" + ints(random, 1, 12, false));
    }
    if (random.nextInt(4) == 0) {
      parts.add("BYMONTHDAY=" + ints(random, 1, 31, true));
    }
    if (random.nextInt(3) == 0) {
      boolean ordinals =
          (frequency.equals("MONTHLY") || frequency.equals("YEARLY")) && random.nextBoolean();
      TreeSet<String> days = new TreeSet<>();
      for (int i = 0; i <= random.nextInt(4); i++) {
        String day = DAYS[random.nextInt(7)];
        if (ordinals && random.nextBoolean()) {
          int ordinal = 1 + random.nextInt(frequency.equals("YEARLY") ? 53 : 5);
          day = (random.nextBoolean() ? "-" : "") + ordinal + day;
        }
        days.add(day);
      }
      parts.add("BYDAY=" + String.join(",", days));
    }
    if (random.nextInt(5) == 0) {
      int largest =
          switch (frequency) {
            case "DAILY" -> 1;
            case "WEEKLY" -> 3;
            default -> 6;
          };
      parts.add("BYSETPOS=" + ints(random, 1, largest, true));
    }
    if (random.nextInt(5) == 0) {
      parts.add("WKST=" + DAYS[random.nextInt(7)]);
    }
    switch (random.nextInt(3)) {
      case 0 -> parts.add("COUNT=" + (1 + random.nextInt(random.nextBoolean() ? 10 : 60)));
      case 1 -> parts.add("UNTIL=" + randomUntil(random, dtstart, frequency));
      default -> {}
    }
    java.util.Collections.shuffle(parts, random);
    return String.join(";", parts);
  }

  /** An UNTIL in one of the three forms, a little after the start. */
  private static String randomUntil(Random random, ZonedDateTime dtstart, String frequency) {
    int days = frequency.equals("DAILY") || frequency.equals("WEEKLY") ? 30 : 1_500;
    LocalDateTime local =
        dtstart
            .toLocalDateTime()
            .withNano(0)
            .plusDays(random.nextInt(days))
            .plusSeconds(random.nextInt(3) - 1);
    return switch (random.nextInt(3)) {
      case 0 -> local.format(DateTimeFormatter.BASIC_ISO_DATE);
      case 1 -> local.format(DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss"));
      default ->
          ZonedDateTime.of(local, dtstart.getZone())
                  .withZoneSameInstant(ZoneOffset.UTC)
                  .toLocalDateTime()
                  .format(DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss"))
              + "Z";
    };
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
