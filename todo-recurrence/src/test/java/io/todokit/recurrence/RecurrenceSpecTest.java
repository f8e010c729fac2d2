package io.todokit.recurrence;

import static io.todokit.recurrence.Occurrences.occurrences;
import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The JSON shape: its rules, its month-end semantics and completion-based recurrence. */
class RecurrenceSpecTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void factoriesAndWithersBuildTheSameSpecsAsTheJsonStrings() {
    assertThat(RecurrenceSpec.daily(3))
        .isEqualTo(RecurrenceSpec.of("daily", 3, null, null, null, null, null));
    assertThat(RecurrenceSpec.weekly(2, MONDAY, FRIDAY, MONDAY))
        .isEqualTo(
            RecurrenceSpec.of("weekly", 2, List.of("monday", "friday"), null, null, null, null));
    assertThat(RecurrenceSpec.monthly(1).withMonthDay(31).withCount(12))
        .isEqualTo(RecurrenceSpec.of("monthly", 1, null, null, 12, 31, null));
    assertThat(RecurrenceSpec.yearly(1).withEndDate(LocalDate.of(2030, 2, 28)))
        .isEqualTo(
            RecurrenceSpec.of("yearly", 1, null, LocalDate.of(2030, 2, 28), null, null, null));
    assertThat(RecurrenceSpec.daily(3).withMode(RecurrenceMode.AFTER_COMPLETION).mode())
        .isEqualTo(RecurrenceMode.AFTER_COMPLETION);
  }

  @Test
  void factoriesAndWithersValidateLikeTheConstructor() {
    assertThatThrownBy(() -> RecurrenceSpec.daily(0))
        .isInstanceOfSatisfying(
            InvalidRecurrenceRuleException.class, e -> assertThat(e.part()).isEqualTo("interval"));
    assertThatThrownBy(() -> RecurrenceSpec.weekly(1, MONDAY, null))
        .isInstanceOfSatisfying(
            InvalidRecurrenceRuleException.class, e -> assertThat(e.part()).isEqualTo("days"));
    assertThatThrownBy(() -> RecurrenceSpec.daily(1).withMonthDay(5))
        .isInstanceOfSatisfying(
            InvalidRecurrenceRuleException.class, e -> assertThat(e.part()).isEqualTo("month_day"));
    assertThatThrownBy(
            () -> RecurrenceSpec.monthly(1).withCount(3).withEndDate(LocalDate.of(2030, 1, 1)))
        .isInstanceOf(InvalidRecurrenceRuleException.class);
  }

  @Test
  void monthlyOnThe31stFallsOnTheLastDayOfShorterMonths() {
    RecurrenceSpec spec = RecurrenceSpec.of("monthly", 1, null, null, null, null, null);
    ZonedDateTime start = ZonedDateTime.of(2023, 1, 31, 9, 0, 0, 0, BERLIN);

    RecurrenceRule rule = spec.toRule(start);

    assertThat(rule.toRRule()).isEqualTo("FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1");
    assertThat(occurrences(rule, start).limit(15).map(ZonedDateTime::toLocalDate))
        .containsExactly(
            LocalDate.of(2023, 1, 31),
            LocalDate.of(2023, 2, 28),
            LocalDate.of(2023, 3, 31),
            LocalDate.of(2023, 4, 30),
            LocalDate.of(2023, 5, 31),
            LocalDate.of(2023, 6, 30),
            LocalDate.of(2023, 7, 31),
            LocalDate.of(2023, 8, 31),
            LocalDate.of(2023, 9, 30),
            LocalDate.of(2023, 10, 31),
            LocalDate.of(2023, 11, 30),
            LocalDate.of(2023, 12, 31),
            LocalDate.of(2024, 1, 31),
            LocalDate.of(2024, 2, 29),
            LocalDate.of(2024, 3, 31));
  }

  @Test
  void monthDayAnchorsOverrideTheStartsDay() {
    LocalDate start = LocalDate.of(2024, 1, 5);

    assertThat(spec("monthly", 1, 30).toRule(start).toRRule())
        .isEqualTo("FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1");
    assertThat(spec("monthly", 1, 29).toRule(start).toRRule())
        .isEqualTo("FREQ=MONTHLY;BYMONTHDAY=28,29;BYSETPOS=-1");
    assertThat(spec("monthly", 2, 15).toRule(start).toRRule())
        .isEqualTo("FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15");
    assertThat(spec("monthly", 1, null).toRule(start).toRRule()).isEqualTo("FREQ=MONTHLY");
    assertThat(
            occurrences(
                    spec("monthly", 1, 30).toRule(start),
                    ZonedDateTime.of(2024, 1, 5, 9, 0, 0, 0, BERLIN))
                .limit(3)
                .map(ZonedDateTime::toLocalDate))
        .containsExactly(
            LocalDate.of(2024, 1, 30), LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 30));
  }

  @Test
  void yearlyOnFebruary29FallsOnFebruary28InCommonYears() {
    ZonedDateTime start = ZonedDateTime.of(2024, 2, 29, 8, 0, 0, 0, BERLIN);
    RecurrenceRule rule = spec("yearly", 1, null).toRule(start);

    assertThat(rule.toRRule()).isEqualTo("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1");
    assertThat(occurrences(rule, start).limit(5).map(ZonedDateTime::toLocalDate))
        .containsExactly(
            LocalDate.of(2024, 2, 29),
            LocalDate.of(2025, 2, 28),
            LocalDate.of(2026, 2, 28),
            LocalDate.of(2027, 2, 28),
            LocalDate.of(2028, 2, 29));
    assertThat(spec("yearly", 1, null).toRule(LocalDate.of(2024, 7, 4)).toRRule())
        .isEqualTo("FREQ=YEARLY");
    assertThat(spec("yearly", 1, 31).toRule(LocalDate.of(2024, 4, 1)).toRRule())
        .isEqualTo("FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=30,31;BYSETPOS=-1");
  }

  @Test
  void weeklyWithDaysAndIntervalAndInclusiveEndDate() {
    RecurrenceSpec spec =
        RecurrenceSpec.of(
            "weekly",
            2,
            List.of("monday", "FR", "Wednesday"),
            LocalDate.of(2024, 1, 19),
            null,
            null,
            null);
    ZonedDateTime start = ZonedDateTime.of(2024, 1, 1, 18, 0, 0, 0, BERLIN);

    RecurrenceRule rule = spec.toRule(start);

    assertThat(spec.days()).containsExactly(MONDAY, WEDNESDAY, FRIDAY);
    assertThat(spec.dayNames()).containsExactly("monday", "wednesday", "friday");
    assertThat(rule.toRRule()).isEqualTo("FREQ=WEEKLY;INTERVAL=2;UNTIL=20240119;BYDAY=MO,WE,FR");
    assertThat(occurrences(rule, start).map(ZonedDateTime::toLocalDate))
        .containsExactly(
            LocalDate.of(2024, 1, 1),
            LocalDate.of(2024, 1, 3),
            LocalDate.of(2024, 1, 5),
            LocalDate.of(2024, 1, 15),
            LocalDate.of(2024, 1, 17),
            LocalDate.of(2024, 1, 19));
  }

  @Test
  void countLimitsTheNumberOfOccurrences() {
    RecurrenceSpec spec = RecurrenceSpec.of(Frequency.DAILY, 3, Set.of(), null, 4, null, null);
    ZonedDateTime start = ZonedDateTime.of(2024, 1, 1, 7, 30, 0, 0, BERLIN);

    assertThat(spec.toRule(start).toRRule()).isEqualTo("FREQ=DAILY;INTERVAL=3;COUNT=4");
    assertThat(occurrences(spec.toRule(start), start).map(ZonedDateTime::toLocalDate))
        .containsExactly(
            LocalDate.of(2024, 1, 1),
            LocalDate.of(2024, 1, 4),
            LocalDate.of(2024, 1, 7),
            LocalDate.of(2024, 1, 10));
  }

  @Test
  void fromRuleInvertsToRule() {
    LocalDate start = LocalDate.of(2024, 2, 29);
    List<RecurrenceSpec> specs =
        List.of(
            spec("monthly", 1, 31),
            spec("monthly", 3, 10),
            spec("monthly", 1, null),
            spec("yearly", 2, null),
            spec("yearly", 1, 29),
            RecurrenceSpec.of(
                "daily", 1, List.of("MO", "TU"), LocalDate.of(2030, 1, 1), null, null, null),
            RecurrenceSpec.of("weekly", 2, List.of("su"), null, 10, null, null));

    for (RecurrenceSpec spec : specs) {
      RecurrenceSpec back = RecurrenceSpec.fromRule(spec.toRule(start), start);
      assertThat(back.toRule(start)).as(spec.toString()).isEqualTo(spec.toRule(start));
    }
    assertThat(
            RecurrenceSpec.fromRule(
                RecurrenceRule.parse("FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1")))
        .isEqualTo(spec("monthly", 1, 31));
  }

  @Test
  void fromRuleRefusesRulesTheShapeCannotExpress() {
    assertFromRuleFails("FREQ=MONTHLY;BYDAY=2TU", "BYDAY");
    assertFromRuleFails("FREQ=MONTHLY;BYMONTHDAY=31", "BYMONTHDAY");
    assertFromRuleFails("FREQ=MONTHLY;BYMONTHDAY=1,15", "BYMONTHDAY");
    assertFromRuleFails("FREQ=MONTHLY;BYMONTHDAY=29,30,31;BYSETPOS=-1", "BYMONTHDAY");
    assertFromRuleFails("FREQ=MONTHLY;BYMONTHDAY=28,29;BYSETPOS=1", "BYSETPOS");
    assertFromRuleFails("FREQ=YEARLY;BYMONTHDAY=5", "BYMONTHDAY");
    assertFromRuleFails("FREQ=YEARLY;BYMONTH=1,2", "BYMONTH");
    assertFromRuleFails("FREQ=DAILY;UNTIL=20250101T000000Z", "UNTIL");
    assertFromRuleFails("FREQ=WEEKLY;INTERVAL=2;WKST=SU", "WKST");
    assertFromRuleFails("FREQ=WEEKLY;BYMONTH=3", "BYMONTH");
    assertThatThrownBy(
            () ->
                RecurrenceSpec.fromRule(
                    RecurrenceRule.parse("FREQ=YEARLY;BYMONTH=3"), LocalDate.of(2024, 4, 1)))
        .isInstanceOf(InvalidRecurrenceRuleException.class)
        .hasMessageStartingWith("BYMONTH: ");
  }

  @Test
  void stringHelpersAreLowerCaseAndLenient() {
    assertThat(Frequency.of("Weekly")).isEqualTo(Frequency.WEEKLY);
    assertThat(Frequency.YEARLY.jsonName()).isEqualTo("yearly");
    assertThat(RecurrenceMode.of("AFTER_COMPLETION")).isEqualTo(RecurrenceMode.AFTER_COMPLETION);
    assertThat(RecurrenceMode.of(null)).isEqualTo(RecurrenceMode.FIXED);
    assertThat(RecurrenceMode.AFTER_COMPLETION.jsonName()).isEqualTo("after_completion");
    assertThat(RecurrenceSpec.day("sa")).isEqualTo(java.time.DayOfWeek.SATURDAY);
    assertThat(RecurrenceSpec.dayName(MONDAY)).isEqualTo("monday");
    assertThat(spec("daily", 1, null).mode()).isEqualTo(RecurrenceMode.FIXED);
    assertThat(spec("daily", 1, null).days()).isEmpty();
  }

  @Test
  void completionModeCountsFromTheCompletionDayAtTheOriginalTime() {
    RecurrenceSpec everyThreeDays =
        RecurrenceSpec.of("daily", 3, null, null, null, null, "after_completion");
    ZonedDateTime due = ZonedDateTime.of(2024, 3, 1, 9, 0, 0, 0, BERLIN);
    Instant completed = ZonedDateTime.of(2024, 3, 5, 22, 30, 0, 0, BERLIN).toInstant();

    assertThat(everyThreeDays.nextDueAfterCompletion(due.toInstant(), BERLIN, completed, 1))
        .contains(ZonedDateTime.of(2024, 3, 8, 9, 0, 0, 0, BERLIN).toInstant());
    // Completed at 23:30 UTC, which is already the next day in Berlin.
    Instant lateUtc = Instant.parse("2024-03-05T23:30:00Z");
    assertThat(everyThreeDays.nextDueAfterCompletion(due.toInstant(), BERLIN, lateUtc, 1))
        .contains(ZonedDateTime.of(2024, 3, 9, 9, 0, 0, 0, BERLIN).toInstant());
  }

  @Test
  void completionModeForWeeksMonthsAndYears() {
    ZonedDateTime due = ZonedDateTime.of(2024, 1, 1, 9, 0, 0, 0, BERLIN);
    Instant wednesday = ZonedDateTime.of(2024, 1, 31, 12, 0, 0, 0, BERLIN).toInstant();

    assertThat(
            completion("weekly", 2, List.of(), null)
                .nextDueAfterCompletion(due.toInstant(), BERLIN, wednesday, 1))
        .contains(ZonedDateTime.of(2024, 2, 14, 9, 0, 0, 0, BERLIN).toInstant());
    assertThat(
            completion("weekly", 2, List.of("monday"), null)
                .nextDueAfterCompletion(due.toInstant(), BERLIN, wednesday, 1))
        .contains(ZonedDateTime.of(2024, 2, 12, 9, 0, 0, 0, BERLIN).toInstant());
    assertThat(
            completion("monthly", 1, null, null)
                .nextDueAfterCompletion(due.toInstant(), BERLIN, wednesday, 1))
        .contains(ZonedDateTime.of(2024, 2, 29, 9, 0, 0, 0, BERLIN).toInstant());
    assertThat(
            completion("monthly", 1, null, 15)
                .nextDueAfterCompletion(due.toInstant(), BERLIN, wednesday, 1))
        .contains(ZonedDateTime.of(2024, 2, 15, 9, 0, 0, 0, BERLIN).toInstant());
    Instant leapDay = ZonedDateTime.of(2024, 2, 29, 12, 0, 0, 0, BERLIN).toInstant();
    assertThat(
            completion("yearly", 1, null, null)
                .nextDueAfterCompletion(due.toInstant(), BERLIN, leapDay, 1))
        .contains(ZonedDateTime.of(2025, 2, 28, 9, 0, 0, 0, BERLIN).toInstant());
  }

  @Test
  void completionModeHonoursEndDateAndCount() {
    ZonedDateTime due = ZonedDateTime.of(2024, 1, 1, 9, 0, 0, 0, BERLIN);
    Instant completed = due.plusDays(1).toInstant();
    RecurrenceSpec untilJanuary5 =
        RecurrenceSpec.of(
            "daily", 3, null, LocalDate.of(2024, 1, 5), null, null, "after_completion");
    RecurrenceSpec threeTimes =
        RecurrenceSpec.of("daily", 1, null, null, 3, null, "after_completion");

    assertThat(untilJanuary5.nextDueAfterCompletion(due.toInstant(), BERLIN, completed, 1))
        .contains(ZonedDateTime.of(2024, 1, 5, 9, 0, 0, 0, BERLIN).toInstant());
    assertThat(
            untilJanuary5.nextDueAfterCompletion(
                due.toInstant(), BERLIN, completed.plusSeconds(86_400), 2))
        .isEmpty();
    assertThat(threeTimes.nextDueAfterCompletion(due.toInstant(), BERLIN, completed, 2))
        .isPresent();
    assertThat(threeTimes.nextDueAfterCompletion(due.toInstant(), BERLIN, completed, 3)).isEmpty();
    assertThatThrownBy(
            () -> threeTimes.nextDueAfterCompletion(due.toInstant(), BERLIN, completed, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static RecurrenceSpec spec(String frequency, int interval, Integer monthDay) {
    return RecurrenceSpec.of(frequency, interval, null, null, null, monthDay, null);
  }

  private static RecurrenceSpec completion(
      String frequency, int interval, List<String> days, Integer monthDay) {
    return RecurrenceSpec.of(frequency, interval, days, null, null, monthDay, "after_completion");
  }

  private static void assertFromRuleFails(String rrule, String part) {
    assertThatThrownBy(() -> RecurrenceSpec.fromRule(RecurrenceRule.parse(rrule)))
        .isInstanceOf(InvalidRecurrenceRuleException.class)
        .extracting(e -> ((InvalidRecurrenceRuleException) e).part())
        .isEqualTo(part);
  }
}
