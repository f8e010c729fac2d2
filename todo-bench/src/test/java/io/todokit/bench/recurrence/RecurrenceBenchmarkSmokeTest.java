package io.todokit.bench.recurrence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs every benchmark method once, directly, and checks todokit and lib-recur agree. */
class RecurrenceBenchmarkSmokeTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "FREQ=DAILY|near|2000-02-16T08:00:00Z",
        "FREQ=DAILY|far|2100-06-16T07:00:00Z",
        "FREQ=WEEKLY;BYDAY=MO,WE,FR|near|2000-02-16T08:00:00Z",
        "FREQ=WEEKLY;BYDAY=MO,WE,FR|far|2100-06-16T07:00:00Z",
        "FREQ=MONTHLY;BYDAY=2TU|near|2000-03-14T08:00:00Z",
        "FREQ=MONTHLY;BYDAY=2TU|far|2100-07-13T07:00:00Z"
      })
  void benchmarksComputeTheSameNextOccurrence(String rule, String distance, Instant expected)
      throws Exception {
    RecurrenceBenchmark benchmark = new RecurrenceBenchmark();
    benchmark.rule = rule;
    benchmark.distance = distance;
    benchmark.setUp();

    assertThat(benchmark.nextAfterTodokit()).isEqualTo(expected.getEpochSecond());
    assertThat(benchmark.nextAfterLibRecur()).isEqualTo(expected.getEpochSecond());
  }

  @Test
  void occurrenceBenchmarksAgree() throws Exception {
    OccurrencesBenchmark benchmark = new OccurrencesBenchmark();
    benchmark.setUp();

    assertThat(benchmark.occurrencesTodokit())
        .isEqualTo(benchmark.occurrencesLibRecur())
        .isPositive();
  }
}
