package io.todokit.bench.recurrence;

import io.todokit.recurrence.RecurrenceRule;
import io.todokit.recurrence.Schedule;
import java.time.Instant;
import java.util.Iterator;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of a daily rule's occurrences (one operation = one occurrence), todokit next to dmfs
 * lib-recur, from 2000-01-04 09:00 Europe/Berlin.
 *
 * <p>Not thread-safe outside JMH's own state handling.
 */
@State(Scope.Benchmark)
public class OccurrencesBenchmark {

  /** Occurrences taken per invocation. */
  public static final int TAKEN = 10_000;

  private Schedule daily;
  private org.dmfs.rfc5545.recur.RecurrenceRule libRecurDaily;
  private long startMillis;
  private TimeZone timeZone;

  /** Parses the rules (and binds todokit's to the start) once per trial. */
  @Setup
  public void setUp() throws InvalidRecurrenceRuleException {
    daily = RecurrenceRule.parse("FREQ=DAILY").schedule(RecurrenceBenchmark.START);
    libRecurDaily = new org.dmfs.rfc5545.recur.RecurrenceRule("FREQ=DAILY");
    startMillis = RecurrenceBenchmark.START.toInstant().toEpochMilli();
    timeZone = TimeZone.getTimeZone(RecurrenceBenchmark.BERLIN);
  }

  /**
   * todokit: {@value #TAKEN} occurrences of a daily rule's schedule as {@code Instant}s.
   *
   * @return a checksum of their epoch seconds
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(TAKEN)
  public long occurrencesTodokit() {
    long sum = 0;
    Iterator<Instant> iterator = daily.stream().limit(TAKEN).iterator();
    while (iterator.hasNext()) {
      sum += iterator.next().getEpochSecond();
    }
    return sum;
  }

  /**
   * lib-recur: {@value #TAKEN} instances of a daily rule as epoch milliseconds (its fastest form).
   *
   * @return a checksum of their epoch seconds
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(TAKEN)
  public long occurrencesLibRecur() {
    long sum = 0;
    RecurrenceRuleIterator iterator = libRecurDaily.iterator(startMillis, timeZone);
    for (int i = 0; i < TAKEN; i++) {
      sum += iterator.nextMillis() / 1000;
    }
    return sum;
  }
}
