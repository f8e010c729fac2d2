package io.todokit.dao.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.recurrence.RecurrenceRule;
import io.todokit.recurrence.Schedule;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How {@link NextOccurrence} judges the calculator's answer; no database needed. */
class NextOccurrenceTest {

  private static final Instant AFTER = Instant.parse("2026-05-01T09:00:00Z");

  @Test
  void anOccurrenceUpToTheYear9999IsStorable() {
    ZonedDateTime last =
        ZonedDateTime.parse("9999-12-31T23:59:59.999999+14:00[Pacific/Kiritimati]");
    assertThat(NextOccurrence.of(AFTER, false, () -> Optional.of(last)))
        .isEqualTo(new NextOccurrence.At(last));
  }

  @Test
  void anOccurrenceAfterTheYear9999EndsTheSeries() {
    ZonedDateTime far = ZonedDateTime.parse("+10000-01-01T00:00Z");
    assertThat(NextOccurrence.of(AFTER, false, () -> Optional.of(far)))
        .isEqualTo(
            new NextOccurrence.None(
                "the rule has no occurrence after 2026-05-01T09:00:00Z within the supported range"
                    + " (years 1 to 9999)"));
  }

  @Test
  void noAnswerIsTheRuleEndingWhenItCountsOrHasAnEndDateAndTheRangeEndingOtherwise() {
    assertThat(NextOccurrence.of(AFTER, true, Optional::empty))
        .isEqualTo(new NextOccurrence.None("the rule ended"));
    assertThat(NextOccurrence.of(AFTER, false, Optional::empty))
        .isEqualTo(
            new NextOccurrence.None(
                "the rule has no occurrence after 2026-05-01T09:00:00Z within the supported range"
                    + " (years 1 to 9999)"));
  }

  @Test
  void aCalculatorThatThrowsEndsTheSeriesWithOneLineOfReason() {
    NextOccurrence next =
        NextOccurrence.of(
            AFTER,
            false,
            () -> {
              throw new ArithmeticException("long overflow\n\tat somewhere " + "x".repeat(600));
            });

    assertThat(next).isInstanceOf(NextOccurrence.None.class);
    String reason = ((NextOccurrence.None) next).reason();
    assertThat(reason)
        .startsWith(
            "the rule's next occurrence after 2026-05-01T09:00:00Z cannot be computed:"
                + " ArithmeticException: long overflow at somewhere xxx")
        .endsWith("…")
        .hasSize(Limits.END_REASON)
        .doesNotContain("\n", "\t");
  }

  @Test
  void aSchedulesAnswerIsJudgedOnItsWallClockAndItsRuleTellsWhetherItEnded() {
    ZonedDateTime start = ZonedDateTime.parse("2026-05-01T11:00+02:00[Europe/Berlin]");
    Schedule daily = RecurrenceRule.parse("FREQ=DAILY").schedule(start);
    Schedule twice = RecurrenceRule.parse("FREQ=DAILY;COUNT=2").schedule(start);

    assertThat(NextOccurrence.of(daily, AFTER, () -> daily.after(AFTER)))
        .isEqualTo(new NextOccurrence.At(start.plusDays(1)));
    Instant second = start.plusDays(1).toInstant();
    assertThat(NextOccurrence.of(twice, second, () -> twice.after(second)))
        .isEqualTo(new NextOccurrence.None("the rule ended"));
    assertThat(NextOccurrence.of(daily, Instant.MAX, () -> daily.after(Instant.MAX)))
        .isEqualTo(
            new NextOccurrence.None(
                "the rule has no occurrence after "
                    + Instant.MAX
                    + " within the supported range (years 1 to 9999)"));
  }

  @Test
  void theSupportedRangeIsTheUtcYears1To9999() {
    assertThat(NextOccurrence.inRange(Instant.parse("0001-01-01T00:00:00Z"))).isTrue();
    assertThat(NextOccurrence.inRange(Instant.parse("9999-12-31T23:59:59.999999Z"))).isTrue();
    assertThat(NextOccurrence.inRange(Instant.parse("+10000-01-01T00:00:00Z"))).isFalse();
    assertThat(NextOccurrence.inRange(Instant.parse("0000-12-31T23:59:59Z"))).isFalse();
    assertThat(NextOccurrence.inRange(Instant.MAX)).isFalse();
    assertThat(NextOccurrence.inRange(Instant.MIN)).isFalse();
  }
}
