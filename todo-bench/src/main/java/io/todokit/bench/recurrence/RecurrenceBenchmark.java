package io.todokit.bench.recurrence;

import io.todokit.recurrence.RecurrenceRule;
import io.todokit.recurrence.Schedule;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * todokit's {@code Schedule.after} next to dmfs lib-recur on the same rules, at near and far
 * distances.
 *
 * <p>Every series starts on 2000-01-04 at 09:00 Europe/Berlin. Methods return a value so that JMH
 * keeps their work; {@code RecurrenceBenchmarkSmokeTest} calls them directly. Not thread-safe
 * outside JMH's own state handling.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RecurrenceBenchmark {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZonedDateTime START = ZonedDateTime.of(2000, 1, 4, 9, 0, 0, 0, BERLIN);

  /** The rule benchmarked by {@code after}. */
  @Param({"FREQ=DAILY", "FREQ=WEEKLY;BYDAY=MO,WE,FR", "FREQ=MONTHLY;BYDAY=2TU"})
  public String rule;

  /** How far after the start to look: {@code near} is 2000-02-15, {@code far} is 2100-06-15. */
  @Param({"near", "far"})
  public String distance;

  private Schedule todokit;
  private org.dmfs.rfc5545.recur.RecurrenceRule libRecur;
  private Instant after;
  private long afterMillis;
  private long startMillis;
  private TimeZone timeZone;

  /** Parses the rules (and binds todokit's to the start) once per trial; that is not measured. */
  @Setup
  public void setUp() throws InvalidRecurrenceRuleException {
    todokit = RecurrenceRule.parse(rule).schedule(START);
    libRecur = new org.dmfs.rfc5545.recur.RecurrenceRule(rule);
    after =
        (distance.equals("far")
                ? ZonedDateTime.of(2100, 6, 15, 12, 0, 0, 0, BERLIN)
                : ZonedDateTime.of(2000, 2, 15, 12, 0, 0, 0, BERLIN))
            .toInstant();
    afterMillis = after.toEpochMilli();
    startMillis = START.toInstant().toEpochMilli();
    timeZone = TimeZone.getTimeZone(BERLIN);
  }

  /**
   * todokit: the first occurrence strictly after {@code after}.
   *
   * @return its epoch second
   */
  @Benchmark
  @BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
  public long nextAfterTodokit() {
    return todokit.after(after).orElseThrow().getEpochSecond();
  }

  /**
   * lib-recur: fast-forward an iterator past {@code after} and take the next instance.
   *
   * @return its epoch second
   */
  @Benchmark
  @BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
  public long nextAfterLibRecur() {
    RecurrenceRuleIterator iterator = libRecur.iterator(startMillis, timeZone);
    iterator.fastForward(afterMillis + 1);
    return iterator.nextMillis() / 1000;
  }
}
