package io.todokit.recurrence;

import static io.todokit.recurrence.Occurrences.occurrences;
import static io.todokit.recurrence.RecurrenceRule.EARLIEST_START;
import static io.todokit.recurrence.RecurrenceRule.LATEST_OCCURRENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Series end at {@link RecurrenceRule#LATEST_OCCURRENCE}, start no earlier than {@link
 * RecurrenceRule#EARLIEST_START}, and no legal rule or argument makes a method throw a {@code
 * DateTimeException} or an {@code ArithmeticException}.
 */
class HorizonTest {

  private static final ZoneId KIRITIMATI = ZoneId.of("Pacific/Kiritimati");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneOffset WEST = ZoneOffset.ofHours(-12);
  private static final ZoneOffset EAST = ZoneOffset.ofHours(18);

  @Test
  void theHorizonIsTheLastMicrosecondOfYear9999AndTheEarliestStartTheFirstSecondOfYear1() {
    assertThat(LATEST_OCCURRENCE).isEqualTo(Instant.parse("9999-12-31T23:59:59.999999Z"));
    assertThat(EARLIEST_START).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
  }

  @Test
  void aSeriesEndsAtTheHorizon() {
    ZonedDateTime start = ZonedDateTime.parse("9998-06-15T12:00Z[UTC]");

    assertThat(occurrences(RecurrenceRule.parse("FREQ=YEARLY"), start))
        .containsExactly(start, ZonedDateTime.parse("9999-06-15T12:00Z[UTC]"));
    assertThat(occurrences(RecurrenceRule.parse("FREQ=MONTHLY;INTERVAL=1200"), start))
        .containsExactly(start);
    assertThat(
            RecurrenceRule.parse("FREQ=YEARLY")
                .schedule(start)
                .after(Instant.parse("9999-06-15T12:00:00Z")))
        .isEmpty();
  }

  @Test
  void anOccurrenceExactlyAtTheHorizonIsTheLast() {
    ZonedDateTime atHorizon = LATEST_OCCURRENCE.atZone(KIRITIMATI);
    ZonedDateTime start = atHorizon.minusDays(2);
    RecurrenceRule daily = RecurrenceRule.parse("FREQ=DAILY");

    assertThat(atHorizon.toLocalDateTime())
        .isEqualTo(LocalDateTime.parse("+10000-01-01T13:59:59.999999"));
    assertThat(occurrences(daily, start)).containsExactly(start, start.plusDays(1), atHorizon);
    Schedule schedule = daily.schedule(start);
    assertThat(schedule.atOrAfter(LATEST_OCCURRENCE)).contains(LATEST_OCCURRENCE);
    assertThat(schedule.after(LATEST_OCCURRENCE.minusNanos(1))).contains(LATEST_OCCURRENCE);
    assertThat(schedule.after(LATEST_OCCURRENCE)).isEmpty();
    assertThat(schedule.latestIn(start.toInstant(), Instant.MAX)).contains(LATEST_OCCURRENCE);
    assertThat(schedule.in(Instant.MIN, Instant.MAX, 10))
        .containsExactly(start.toInstant(), start.plusDays(1).toInstant(), atHorizon.toInstant());
  }

  @Test
  void anOccurrenceANanosecondPastTheHorizonIsNotOne() {
    ZonedDateTime start = ZonedDateTime.parse("9999-12-30T23:59:59.999999999Z[UTC]");

    assertThat(occurrences(RecurrenceRule.parse("FREQ=DAILY"), start)).containsExactly(start);
    assertThat(RecurrenceRule.parse("FREQ=DAILY;COUNT=5").schedule(start).after(start.toInstant()))
        .isEmpty();
  }

  @Test
  void aStartAfterTheHorizonHasNoOccurrences() {
    RecurrenceRule daily = RecurrenceRule.parse("FREQ=DAILY");
    for (ZonedDateTime start :
        List.of(
            LATEST_OCCURRENCE.plusNanos(1).atZone(ZoneOffset.UTC),
            ZonedDateTime.parse("+10000-01-01T00:00Z[UTC]"),
            ZonedDateTime.of(LocalDateTime.MAX, ZoneOffset.MAX))) {
      assertThat(occurrences(daily, start)).as("%s", start).isEmpty();
      Schedule schedule = daily.schedule(start);
      assertThat(schedule.stream()).as("%s", start).isEmpty();
      assertThat(schedule.after(start.minusYears(1).toInstant())).isEmpty();
      assertThat(schedule.atOrAfter(Instant.MIN)).isEmpty();
      assertThat(schedule.latestIn(Instant.MIN, Instant.MAX)).isEmpty();
      assertThat(schedule.in(Instant.MIN, Instant.MAX, 5)).isEmpty();
    }
  }

  @Test
  void aStartBeforeYearOneIsRefusedNamingDtstart() {
    RecurrenceRule daily = RecurrenceRule.parse("FREQ=DAILY");
    ZonedDateTime early = EARLIEST_START.minusSeconds(1).atZone(ZoneOffset.UTC);
    // Local midnight of 1 January of year 1 in Berlin (+00:53:28 LMT) is still in year 0 in UTC.
    ZonedDateTime berlin = ZonedDateTime.of(1, 1, 1, 0, 0, 0, 0, BERLIN);
    List<Runnable> calls =
        List.of(
            () -> occurrences(daily, early),
            () -> daily.schedule(early),
            () -> daily.schedule(early.toInstant(), ZoneOffset.UTC),
            () -> daily.schedule(EARLIEST_START.minusNanos(1), ZoneOffset.MAX),
            () -> RecurrenceSpec.daily(1).schedule(early),
            () -> occurrences(daily, berlin),
            () -> daily.schedule(berlin),
            () -> daily.schedule(ZonedDateTime.of(LocalDateTime.MIN, ZoneOffset.MIN)),
            () -> daily.schedule(Instant.MIN, ZoneOffset.UTC),
            () ->
                RecurrenceSpec.daily(1)
                    .nextInSeries(early.toInstant(), early.getZone(), Instant.EPOCH),
            () ->
                RecurrenceSpec.daily(1)
                    .withMode(RecurrenceMode.AFTER_COMPLETION)
                    .nextInSeries(early.toInstant(), early.getZone(), Instant.EPOCH));
    for (Runnable call : calls) {
      assertThatThrownBy(call::run)
          .isInstanceOfSatisfying(
              InvalidRecurrenceRuleException.class, e -> assertThat(e.part()).isEqualTo("DTSTART"));
    }
    assertThat(occurrences(daily, EARLIEST_START.atZone(ZoneOffset.UTC)).limit(2))
        .containsExactly(
            ZonedDateTime.parse("0001-01-01T00:00Z"), ZonedDateTime.parse("0001-01-02T00:00Z"));
  }

  @Test
  void aCompletionAtOrNearTheHorizonEndsTheSeries() {
    RecurrenceSpec daily = RecurrenceSpec.daily(1).withMode(RecurrenceMode.AFTER_COMPLETION);
    ZonedDateTime due = ZonedDateTime.parse("9999-12-30T09:00Z[UTC]");
    ZoneId utc = ZoneId.of("UTC");

    assertThat(
            daily.nextDueAfterCompletion(
                due.toInstant(), utc, Instant.parse("9999-12-30T10:00:00Z"), 1))
        .contains(ZonedDateTime.parse("9999-12-31T09:00Z[UTC]").toInstant());
    assertThat(
            daily.nextDueAfterCompletion(
                due.toInstant(), utc, Instant.parse("9999-12-31T10:00:00Z"), 1))
        .isEmpty();
    assertThat(daily.nextDueAfterCompletion(due.toInstant(), utc, LATEST_OCCURRENCE, 1)).isEmpty();
    assertThat(daily.nextDueAfterCompletion(due.toInstant(), utc, Instant.MAX, 1)).isEmpty();
    assertThat(daily.nextInSeries(due.toInstant(), due.getZone(), Instant.MAX)).isEmpty();
    assertThat(RecurrenceSpec.yearly(100).nextInSeries(due.toInstant(), due.getZone(), Instant.MAX))
        .isEmpty();
    assertThat(RecurrenceSpec.daily(1).nextInSeries(due.toInstant(), due.getZone(), Instant.MAX))
        .contains(ZonedDateTime.parse("9999-12-31T09:00Z[UTC]").toInstant());
    assertThatThrownBy(() -> daily.nextDueAfterCompletion(due.toInstant(), utc, Instant.MIN, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("completedAt");
  }

  /** The largest intervals, month-end anchors, COUNT and UNTIL, near both ends of the range. */
  private static List<String> extremeRules() {
    List<String> rules = new ArrayList<>();
    for (Frequency frequency : Frequency.values()) {
      for (int interval : new int[] {1, 2, frequency.maxInterval() - 1, frequency.maxInterval()}) {
        for (String bound :
            new String[] {
              "",
              ";COUNT=1",
              ";COUNT=" + RecurrenceRule.MAX_COUNT,
              ";UNTIL=99991231",
              ";UNTIL=99991231T235959",
              ";UNTIL=99991231T235959Z",
              ";UNTIL=00010101"
            }) {
          String base = "FREQ=" + frequency + ";INTERVAL=" + interval + bound;
          rules.add(base);
          switch (frequency) {
            case DAILY, WEEKLY -> rules.add(base + ";BYDAY=MO,FR;WKST=SU");
            case MONTHLY -> {
              rules.add(base + ";BYMONTHDAY=28,29,30,31;BYSETPOS=-1");
              rules.add(base + ";BYDAY=-1FR");
            }
            case YEARLY -> {
              rules.add(base + ";BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1");
              rules.add(base + ";BYMONTH=2;BYMONTHDAY=29");
              rules.add(base + ";BYDAY=53FR");
            }
          }
        }
      }
    }
    return rules;
  }

  private static List<ZonedDateTime> extremeStarts() {
    return List.of(
        EARLIEST_START.atZone(ZoneOffset.UTC),
        EARLIEST_START.atZone(WEST),
        EARLIEST_START.atZone(EAST),
        ZonedDateTime.of(1, 1, 31, 12, 0, 0, 0, BERLIN),
        ZonedDateTime.of(2024, 1, 31, 9, 0, 0, 0, BERLIN),
        ZonedDateTime.of(9899, 2, 28, 9, 0, 0, 0, BERLIN),
        ZonedDateTime.of(9999, 1, 31, 23, 30, 0, 0, KIRITIMATI),
        ZonedDateTime.of(9999, 12, 31, 0, 0, 0, 0, WEST),
        ZonedDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999, BERLIN),
        LATEST_OCCURRENCE.atZone(EAST),
        LATEST_OCCURRENCE.atZone(WEST),
        ZonedDateTime.parse("+10000-01-01T00:00Z[UTC]"),
        ZonedDateTime.of(LocalDateTime.MAX, ZoneOffset.MAX));
  }

  private static final List<Instant> EXTREME_INSTANTS =
      List.of(
          Instant.MIN,
          EARLIEST_START,
          Instant.parse("2026-01-01T00:00:00Z"),
          Instant.parse("9999-06-01T00:00:00Z"),
          LATEST_OCCURRENCE.minusSeconds(86_400),
          LATEST_OCCURRENCE,
          LATEST_OCCURRENCE.plusNanos(1),
          Instant.MAX);

  /** Pairs of from and to: all of time, the supported range, its last day, beyond it, reversed. */
  private static final List<Instant> RANGES =
      List.of(
          Instant.MIN,
          Instant.MAX,
          EARLIEST_START,
          LATEST_OCCURRENCE,
          LATEST_OCCURRENCE.minusSeconds(86_400),
          LATEST_OCCURRENCE,
          LATEST_OCCURRENCE,
          Instant.MAX,
          Instant.parse("2026-01-01T00:00:00Z"),
          Instant.parse("9999-06-01T00:00:00Z"),
          Instant.MAX,
          Instant.MIN);

  @Test
  void noQueryThrowsForExtremeRulesAndArgumentsAndNoneAnswersPastTheHorizon() {
    List<ZonedDateTime> afters =
        List.of(
            ZonedDateTime.of(LocalDateTime.MIN, ZoneOffset.MIN),
            ZonedDateTime.of(LocalDateTime.MAX, ZoneOffset.MAX),
            ZonedDateTime.of(LocalDateTime.MAX, ZoneOffset.MIN),
            LATEST_OCCURRENCE.atZone(WEST),
            LATEST_OCCURRENCE.minusSeconds(1).atZone(EAST),
            EARLIEST_START.atZone(ZoneOffset.UTC));
    // 4 frequencies x 4 intervals x 7 bounds, with and without BYxxx parts, from 13 starts.
    assertThat(extremeRules()).hasSize(308);
    assertThat(extremeStarts()).hasSize(13);
    for (String text : extremeRules()) {
      RecurrenceRule rule = RecurrenceRule.parse(text);
      for (ZonedDateTime start : extremeStarts()) {
        String label = text + " from " + start;
        Schedule schedule = rule.schedule(start);
        within(label, start, () -> schedule.stream().limit(3).toList());
        for (ZonedDateTime after : afters) {
          within(label + " after " + after, start, () -> list(schedule.after(after.toInstant())));
        }
        within(label + " after itself", start, () -> list(schedule.after(start.toInstant())));
        for (Instant instant : EXTREME_INSTANTS) {
          within(label + " at " + instant, start, () -> list(schedule.atOrAfter(instant)));
        }
        for (int i = 0; i + 1 < RANGES.size(); i += 2) {
          Instant from = RANGES.get(i);
          Instant to = RANGES.get(i + 1);
          String range = label + " in " + from + ".." + to;
          within(range, start, () -> list(schedule.latestIn(from, to)));
          within(range, start, () -> schedule.in(from, to, 3));
        }
      }
    }
  }

  @Test
  void noSeriesArithmeticThrowsForExtremeSpecsAndArguments() {
    List<RecurrenceSpec> specs = new ArrayList<>();
    for (RecurrenceSpec spec :
        List.of(
            RecurrenceSpec.daily(RecurrenceRule.MAX_DAILY_INTERVAL),
            RecurrenceSpec.daily(1),
            RecurrenceSpec.weekly(RecurrenceRule.MAX_WEEKLY_INTERVAL),
            RecurrenceSpec.weekly(RecurrenceRule.MAX_WEEKLY_INTERVAL, java.time.DayOfWeek.MONDAY),
            RecurrenceSpec.monthly(RecurrenceRule.MAX_MONTHLY_INTERVAL).withMonthDay(31),
            RecurrenceSpec.monthly(1).withMonthDay(31),
            RecurrenceSpec.yearly(RecurrenceRule.MAX_YEARLY_INTERVAL),
            RecurrenceSpec.yearly(1).withMonthDay(29))) {
      for (RecurrenceMode mode : RecurrenceMode.values()) {
        specs.add(spec.withMode(mode));
        specs.add(spec.withMode(mode).withCount(2));
        specs.add(spec.withMode(mode).withCount(RecurrenceRule.MAX_COUNT));
        specs.add(spec.withMode(mode).withEndDate(LocalDate.of(9999, 12, 31)));
      }
    }
    List<ZonedDateTime> dues =
        List.of(
            EARLIEST_START.atZone(ZoneOffset.UTC),
            ZonedDateTime.of(2024, 2, 29, 9, 0, 0, 0, BERLIN),
            ZonedDateTime.of(9999, 1, 31, 9, 0, 0, 0, BERLIN),
            ZonedDateTime.of(9999, 12, 31, 23, 0, 0, 0, WEST),
            LATEST_OCCURRENCE.atZone(EAST),
            ZonedDateTime.parse("+10000-01-01T00:00Z[UTC]"),
            ZonedDateTime.of(LocalDateTime.MAX, ZoneOffset.MAX));
    List<ZoneId> zones = List.of(ZoneOffset.UTC, WEST, EAST, KIRITIMATI);
    for (RecurrenceSpec spec : specs) {
      assertThatCode(spec::forNextInSeries).doesNotThrowAnyException();
      for (ZonedDateTime due : dues) {
        String label = spec + " due " + due;
        assertThatCode(() -> spec.toRule(due)).as(label).doesNotThrowAnyException();
        for (Instant completedAt : EXTREME_INSTANTS.subList(1, EXTREME_INSTANTS.size())) {
          within(
              label + " done " + completedAt,
              null,
              () -> list(spec.nextInSeries(due.toInstant(), due.getZone(), completedAt)));
          for (ZoneId zone : zones) {
            within(
                label + " done " + completedAt + " in " + zone,
                null,
                () -> list(spec.nextDueAfterCompletion(due.toInstant(), zone, completedAt, 1)));
          }
        }
      }
    }
  }

  private static <T> List<T> list(Optional<T> optional) {
    return optional.stream().toList();
  }

  /**
   * Runs the query and checks that whatever it answers (instants, or date-times in the start's
   * zone) lies in [start, horizon].
   */
  private static void within(
      String label, @Nullable ZonedDateTime start, Supplier<? extends List<?>> query) {
    List<?> answers;
    try {
      answers = query.get();
    } catch (RuntimeException e) {
      throw new AssertionError(label + " threw " + e, e);
    }
    for (Object answer : answers) {
      Instant instant =
          answer instanceof ZonedDateTime zoned ? zoned.toInstant() : (Instant) answer;
      assertThat(instant).as(label).isBeforeOrEqualTo(LATEST_OCCURRENCE);
      if (start != null) {
        assertThat(instant).as(label).isAfterOrEqualTo(start.toInstant());
        if (answer instanceof ZonedDateTime zoned) {
          assertThat(zoned.getZone()).as(label).isEqualTo(start.getZone());
        }
      }
    }
  }
}
