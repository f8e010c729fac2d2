package io.todokit.recurrence;

import static io.todokit.recurrence.Occurrences.occurrences;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed, unsupported and impossible input fails cleanly or ends in bounded time. */
class InvalidRuleTest {

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of(null, "RRULE"),
        Arguments.of("", "RRULE"),
        Arguments.of("   ", "RRULE"),
        Arguments.of("RRULE:", "RRULE"),
        Arguments.of("garbage", "RRULE"),
        Arguments.of("FREQ=DAILY;", "RRULE"),
        Arguments.of(";;;", "RRULE"),
        Arguments.of("=DAILY", "RRULE"),
        Arguments.of("INTERVAL=2", "FREQ"),
        Arguments.of("FREQ=", "FREQ"),
        Arguments.of("FREQ=FORTNIGHTLY", "FREQ"),
        Arguments.of("FREQ=HOURLY", "FREQ"),
        Arguments.of("FREQ=MINUTELY", "FREQ"),
        Arguments.of("FREQ=SECONDLY", "FREQ"),
        Arguments.of("FREQ=DAILY;INTERVAL=0", "INTERVAL"),
        Arguments.of("FREQ=DAILY;INTERVAL=-1", "INTERVAL"),
        Arguments.of("FREQ=DAILY;INTERVAL=99999999999", "INTERVAL"),
        Arguments.of("FREQ=DAILY;INTERVAL=99999999999999999999999999999", "INTERVAL"),
        Arguments.of("FREQ=DAILY;INTERVAL=2.5", "INTERVAL"),
        Arguments.of("FREQ=DAILY;INTERVAL=two", "INTERVAL"),
        Arguments.of("FREQ=DAILY;INTERVAL=+", "INTERVAL"),
        Arguments.of("FREQ=DAILY;INTERVAL=36601", "INTERVAL"),
        Arguments.of("FREQ=WEEKLY;INTERVAL=5201", "INTERVAL"),
        Arguments.of("FREQ=MONTHLY;INTERVAL=1201", "INTERVAL"),
        Arguments.of("FREQ=YEARLY;INTERVAL=101", "INTERVAL"),
        Arguments.of("FREQ=DAILY;INTERVAL=2147483647", "INTERVAL"),
        Arguments.of("FREQ=DAILY;COUNT=10001", "COUNT"),
        Arguments.of("FREQ=DAILY;COUNT=2147483647", "COUNT"),
        Arguments.of("FREQ=DAILY;UNTIL=00001231", "UNTIL"),
        Arguments.of("FREQ=DAILY;UNTIL=00001231T235959", "UNTIL"),
        Arguments.of("FREQ=DAILY;UNTIL=00001231T235959Z", "UNTIL"),
        Arguments.of("FREQ=DAILY;COUNT=0", "COUNT"),
        Arguments.of("FREQ=DAILY;COUNT=-5", "COUNT"),
        Arguments.of("FREQ=DAILY;COUNT=5;UNTIL=20250101", "UNTIL"),
        Arguments.of("FREQ=DAILY;UNTIL=20250101;COUNT=5", "UNTIL"),
        Arguments.of("FREQ=DAILY;UNTIL=20250230", "UNTIL"),
        Arguments.of("FREQ=DAILY;UNTIL=2025-01-01", "UNTIL"),
        Arguments.of("FREQ=DAILY;UNTIL=20250101T250000Z", "UNTIL"),
        Arguments.of("FREQ=DAILY;UNTIL=20250101T1200", "UNTIL"),
        Arguments.of("FREQ=DAILY;UNTIL=tomorrow", "UNTIL"),
        Arguments.of("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY"),
        Arguments.of("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY"),
        Arguments.of("FREQ=MONTHLY;BYMONTHDAY=-32", "BYMONTHDAY"),
        Arguments.of("FREQ=MONTHLY;BYMONTHDAY=1,,2", "BYMONTHDAY"),
        Arguments.of("FREQ=MONTHLY;BYMONTHDAY=", "BYMONTHDAY"),
        Arguments.of("FREQ=YEARLY;BYMONTH=13", "BYMONTH"),
        Arguments.of("FREQ=YEARLY;BYMONTH=0", "BYMONTH"),
        Arguments.of("FREQ=WEEKLY;BYDAY=1MO", "BYDAY"),
        Arguments.of("FREQ=DAILY;BYDAY=-1FR", "BYDAY"),
        Arguments.of("FREQ=MONTHLY;BYDAY=0MO", "BYDAY"),
        Arguments.of("FREQ=YEARLY;BYDAY=54MO", "BYDAY"),
        Arguments.of("FREQ=MONTHLY;BYDAY=XX", "BYDAY"),
        Arguments.of("FREQ=MONTHLY;BYDAY=M", "BYDAY"),
        Arguments.of("FREQ=MONTHLY;BYDAY=1", "BYDAY"),
        Arguments.of("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0", "BYSETPOS"),
        Arguments.of("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=367", "BYSETPOS"),
        Arguments.of("FREQ=WEEKLY;WKST=XY", "WKST"),
        Arguments.of("FREQ=DAILY;FREQ=WEEKLY", "FREQ"),
        Arguments.of("FREQ=DAILY;interval=2;INTERVAL=3", "INTERVAL"),
        Arguments.of("FREQ=DAILY;BYHOUR=9", "BYHOUR"),
        Arguments.of("FREQ=DAILY;BYMINUTE=30", "BYMINUTE"),
        Arguments.of("FREQ=DAILY;BYSECOND=0", "BYSECOND"),
        Arguments.of("FREQ=YEARLY;BYYEARDAY=100", "BYYEARDAY"),
        Arguments.of("FREQ=YEARLY;BYWEEKNO=20", "BYWEEKNO"),
        Arguments.of("FREQ=DAILY;X-NAME=1", "X-NAME"),
        Arguments.of("FREQ=DAILY;BYEASTER=0", "BYEASTER"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("malformed")
  void malformedRulesNameTheOffendingPart(String rrule, String part) {
    assertThatThrownBy(() -> RecurrenceRule.parse(rrule))
        .isInstanceOf(InvalidRecurrenceRuleException.class)
        .satisfies(
            e -> {
              assertThat(((InvalidRecurrenceRuleException) e).part()).isEqualTo(part);
              assertThat(e.getMessage()).startsWith(part + ": ");
            });
  }

  @Test
  void partsAndValuesAreCaseInsensitive() {
    assertThat(RecurrenceRule.parse("rrule:freq=weekly;byday=mo,fr;wkst=su;until=20250101t090000z"))
        .isEqualTo(
            RecurrenceRule.parse("RRULE:FREQ=WEEKLY;BYDAY=MO,FR;WKST=SU;UNTIL=20250101T090000Z"));
  }

  @Test
  void hugeInputFailsFastWithoutStackOverflow() {
    String huge = "FREQ=DAILY;BYMONTHDAY=" + "1,".repeat(200_000) + "1";
    assertThatThrownBy(() -> RecurrenceRule.parse(huge))
        .isInstanceOf(InvalidRecurrenceRuleException.class)
        .extracting(e -> ((InvalidRecurrenceRuleException) e).part())
        .isEqualTo("RRULE");
  }

  @Test
  void builderRejectsInvalidValuesWithThePart() {
    assertThatThrownBy(() -> RecurrenceRule.builder(null))
        .isInstanceOf(InvalidRecurrenceRuleException.class);
    assertPart(() -> RecurrenceRule.builder(Frequency.DAILY).interval(0).build(), "INTERVAL");
    assertPart(() -> RecurrenceRule.builder(Frequency.DAILY).byMonthDay(0).build(), "BYMONTHDAY");
    assertPart(() -> RecurrenceRule.builder(Frequency.DAILY).byMonth(13).build(), "BYMONTH");
    assertPart(() -> RecurrenceRule.builder(Frequency.DAILY).bySetPos(-367).build(), "BYSETPOS");
    assertPart(
        () ->
            RecurrenceRule.builder(Frequency.WEEKLY)
                .byDay(WeekdayNum.of(2, DayOfWeek.MONDAY))
                .build(),
        "BYDAY");
    assertPart(() -> RecurrenceRule.builder(Frequency.DAILY).byDay((DayOfWeek) null), "BYDAY");
    assertPart(
        () -> RecurrenceRule.builder(Frequency.DAILY).until(LocalDate.of(10000, 1, 1)), "UNTIL");
    assertPart(
        () -> RecurrenceRule.builder(Frequency.DAILY).until(LocalDate.of(0, 12, 31)), "UNTIL");
    assertPart(() -> RecurrenceRule.builder(Frequency.DAILY).interval(36_601).build(), "INTERVAL");
    assertPart(() -> RecurrenceRule.builder(Frequency.WEEKLY).interval(5_201).build(), "INTERVAL");
    assertPart(() -> RecurrenceRule.builder(Frequency.YEARLY).interval(101).build(), "INTERVAL");
    assertPart(() -> RecurrenceRule.builder(Frequency.YEARLY).count(10_001).build(), "COUNT");
  }

  @Test
  void limitsAreInclusiveAndStatedInTheMessage() {
    assertThat(RecurrenceRule.parse("FREQ=DAILY;INTERVAL=36600").interval()).isEqualTo(36_600);
    assertThat(RecurrenceRule.parse("FREQ=WEEKLY;INTERVAL=5200").interval()).isEqualTo(5_200);
    assertThat(RecurrenceRule.parse("FREQ=MONTHLY;INTERVAL=1200").interval()).isEqualTo(1_200);
    assertThat(RecurrenceRule.parse("FREQ=YEARLY;INTERVAL=100").interval()).isEqualTo(100);
    assertThat(RecurrenceRule.parse("FREQ=DAILY;COUNT=10000").count()).hasValue(10_000);
    assertThat(RecurrenceRule.parse("FREQ=DAILY;UNTIL=00010101T000000Z").until())
        .contains(new Until.Utc(java.time.Instant.parse("0001-01-01T00:00:00Z")));
    assertThat(RecurrenceRule.parse("FREQ=DAILY;UNTIL=99991231").until())
        .contains(new Until.OnDate(LocalDate.of(9999, 12, 31)));

    assertThatThrownBy(() -> RecurrenceRule.parse("FREQ=YEARLY;INTERVAL=101"))
        .hasMessage("INTERVAL: number 101 is out of range 1..100");
    assertThatThrownBy(() -> RecurrenceRule.parse("FREQ=DAILY;COUNT=10001"))
        .hasMessage("COUNT: number 10001 is out of range 1..10000");
    assertThatThrownBy(() -> RecurrenceRule.builder(Frequency.MONTHLY).interval(1_201).build())
        .hasMessage("INTERVAL: must be within 1..1200 for MONTHLY, was 1201");
    assertThatThrownBy(() -> RecurrenceRule.builder(Frequency.DAILY).count(10_001).build())
        .hasMessage("COUNT: must be within 1..10000, was 10001");
  }

  @Test
  void eachFrequencyHasItsLargestInterval() {
    assertThat(Frequency.DAILY.maxInterval()).isEqualTo(RecurrenceRule.MAX_DAILY_INTERVAL);
    assertThat(Frequency.WEEKLY.maxInterval()).isEqualTo(RecurrenceRule.MAX_WEEKLY_INTERVAL);
    assertThat(Frequency.MONTHLY.maxInterval()).isEqualTo(RecurrenceRule.MAX_MONTHLY_INTERVAL);
    assertThat(Frequency.YEARLY.maxInterval()).isEqualTo(RecurrenceRule.MAX_YEARLY_INTERVAL);
    assertThat(
            List.of(
                RecurrenceRule.MAX_DAILY_INTERVAL,
                RecurrenceRule.MAX_WEEKLY_INTERVAL,
                RecurrenceRule.MAX_MONTHLY_INTERVAL,
                RecurrenceRule.MAX_YEARLY_INTERVAL,
                RecurrenceRule.MAX_COUNT,
                RecurrenceRule.MIN_UNTIL_YEAR,
                RecurrenceRule.MAX_UNTIL_YEAR))
        .containsExactly(36_600, 5_200, 1_200, 100, 10_000, 1, 9_999);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("impossible")
  void impossibleRulesEndInBoundedTime(String rrule) {
    RecurrenceRule rule = RecurrenceRule.parse(rrule);
    ZonedDateTime start = ZonedDateTime.of(2000, 1, 1, 9, 0, 0, 0, ZoneId.of("Europe/Berlin"));
    long before = System.nanoTime();

    assertThat(occurrences(rule, start).limit(1).toList()).isEmpty();
    assertThat(rule.schedule(start).after(start.plusYears(100).toInstant())).isEmpty();

    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(2));
  }

  static Stream<String> impossible() {
    return Stream.of(
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=4",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30,31",
        "FREQ=WEEKLY;BYMONTH=6;BYMONTHDAY=-31",
        "FREQ=MONTHLY;BYDAY=6MO",
        "FREQ=YEARLY;BYMONTH=2;BYDAY=5MO;BYMONTHDAY=1,2,3",
        "FREQ=MONTHLY;BYDAY=MO;BYMONTHDAY=1;BYSETPOS=2",
        "FREQ=DAILY;BYSETPOS=2",
        "FREQ=DAILY;INTERVAL=7;BYDAY=TU",
        "FREQ=YEARLY;BYDAY=53MO;BYMONTHDAY=1",
        "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13;BYMONTH=2;BYSETPOS=2");
  }

  @Test
  void theLargestIntervalsEndTheStreamAtTheHorizon() {
    ZonedDateTime start = ZonedDateTime.of(9_990, 1, 1, 9, 0, 0, 0, ZoneId.of("UTC"));

    assertThat(occurrences(RecurrenceRule.parse("FREQ=YEARLY"), start).count()).isEqualTo(10);
    assertThat(occurrences(RecurrenceRule.parse("FREQ=YEARLY;INTERVAL=100"), start).count())
        .isEqualTo(1);
    assertThat(occurrences(RecurrenceRule.parse("FREQ=MONTHLY;INTERVAL=1200"), start).count())
        .isEqualTo(1);
    assertThat(occurrences(RecurrenceRule.parse("FREQ=DAILY;INTERVAL=36600"), start).count())
        .isEqualTo(1);
    assertThat(occurrences(RecurrenceRule.parse("FREQ=WEEKLY;INTERVAL=5200"), start).count())
        .isEqualTo(1);
  }

  @Test
  void invalidSpecValuesNameTheJsonField() {
    assertSpecField(() -> RecurrenceSpec.of(null, 1, null, null, null, null, null), "frequency");
    assertSpecField(
        () -> RecurrenceSpec.of(Frequency.DAILY, 0, null, null, null, null, null), "interval");
    assertSpecField(
        () -> RecurrenceSpec.of(Frequency.DAILY, -3, null, null, null, null, null), "interval");
    assertSpecField(
        () -> RecurrenceSpec.of(Frequency.MONTHLY, 1, null, null, null, 32, null), "month_day");
    assertSpecField(
        () -> RecurrenceSpec.of(Frequency.MONTHLY, 1, null, null, null, 0, null), "month_day");
    assertSpecField(
        () -> RecurrenceSpec.of(Frequency.WEEKLY, 1, null, null, null, 5, null), "month_day");
    assertSpecField(
        () ->
            RecurrenceSpec.of(
                Frequency.MONTHLY, 1, Set.of(DayOfWeek.MONDAY), null, null, null, null),
        "days");
    assertSpecField(
        () -> RecurrenceSpec.of(Frequency.DAILY, 1, null, null, 0, null, null), "count");
    assertSpecField(
        () -> RecurrenceSpec.of(Frequency.DAILY, 1, null, LocalDate.of(2030, 1, 1), 3, null, null),
        "count");
    assertSpecField(
        () -> RecurrenceSpec.of("hourly", 1, null, null, null, null, null), "frequency");
    assertSpecField(() -> RecurrenceSpec.of("", 1, null, null, null, null, null), "frequency");
    assertSpecField(
        () -> RecurrenceSpec.of((String) null, 1, null, null, null, null, null), "frequency");
    assertSpecField(
        () -> RecurrenceSpec.of("weekly", 1, java.util.List.of("funday"), null, null, null, null),
        "days");
    assertSpecField(
        () ->
            RecurrenceSpec.of(
                "weekly", 1, java.util.Arrays.asList((String) null), null, null, null, null),
        "days");
    assertSpecField(
        () -> RecurrenceSpec.of("daily", 1, null, null, null, null, "sometimes"), "mode");
  }

  @Test
  void specValuesBeyondTheLimitsNameTheJsonField() {
    assertSpecField(() -> RecurrenceSpec.daily(36_601), "interval");
    assertSpecField(() -> RecurrenceSpec.weekly(5_201), "interval");
    assertSpecField(() -> RecurrenceSpec.monthly(1_201), "interval");
    assertSpecField(() -> RecurrenceSpec.yearly(101), "interval");
    assertSpecField(
        () -> RecurrenceSpec.of("yearly", 101, null, null, null, null, null), "interval");
    assertSpecField(
        () -> RecurrenceSpec.of("daily", Integer.MAX_VALUE, null, null, null, null, null),
        "interval");
    assertSpecField(() -> RecurrenceSpec.daily(1).withCount(10_001), "count");
    assertSpecField(() -> RecurrenceSpec.of("daily", 1, null, null, 10_001, null, null), "count");
    assertSpecField(() -> RecurrenceSpec.daily(1).withEndDate(LocalDate.of(0, 12, 31)), "end_date");
    assertSpecField(
        () -> RecurrenceSpec.of("daily", 1, null, LocalDate.of(10_000, 1, 1), null, null, null),
        "end_date");

    assertThat(RecurrenceSpec.daily(36_600).interval()).isEqualTo(36_600);
    assertThat(RecurrenceSpec.yearly(100).withCount(10_000).count()).isEqualTo(10_000);
    assertThat(RecurrenceSpec.daily(1).withEndDate(LocalDate.of(1, 1, 1)).endDate())
        .isEqualTo(LocalDate.of(1, 1, 1));
    assertThatThrownBy(() -> RecurrenceSpec.yearly(101))
        .hasMessage("interval: must be within 1..100 for yearly, was 101");
  }

  private static void assertPart(Runnable action, String part) {
    assertThatThrownBy(action::run)
        .isInstanceOf(InvalidRecurrenceRuleException.class)
        .extracting(e -> ((InvalidRecurrenceRuleException) e).part())
        .isEqualTo(part);
  }

  private static void assertSpecField(Runnable action, String field) {
    assertPart(action, field);
  }
}
