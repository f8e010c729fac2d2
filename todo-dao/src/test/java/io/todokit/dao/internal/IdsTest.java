package io.todokit.dao.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link Ids#uuidV7}: version 7, time first, strictly increasing within one JVM. */
class IdsTest {

  @Test
  void idsOfOneMillisecondAndOfAStandingOrSteppingBackClockStillIncrease() {
    Instant now = Instant.parse("2026-12-02T10:00:00.123Z");
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      ids.add(Ids.uuidV7(i % 1000 == 999 ? now.minusSeconds(10) : now));
    }

    for (int i = 1; i < ids.size(); i++) {
      assertThat(unsigned(ids.get(i - 1), ids.get(i))).as("id %d", i).isNegative();
    }
    assertThat(ids).allSatisfy(id -> assertThat(id.version()).isEqualTo(7));
    assertThat(ids).allSatisfy(id -> assertThat(id.variant()).isEqualTo(2));
    // 100,000 steps of at most 2^32 fit in the 74 random bits: still the same millisecond.
    assertThat(ids.getLast().getMostSignificantBits() >>> 16).isEqualTo(now.toEpochMilli());
  }

  @Test
  void aLaterMillisecondStartsAfreshAndTheTimeComesFirst() {
    // Later than any other test's clock, so that this JVM made no later id before.
    UUID earlier = Ids.uuidV7(Instant.parse("9000-01-01T00:00:00Z"));
    UUID later = Ids.uuidV7(Instant.parse("9000-01-01T00:00:00.001Z"));

    assertThat(later.getMostSignificantBits() >>> 16)
        .isEqualTo(Instant.parse("9000-01-01T00:00:00.001Z").toEpochMilli());
    assertThat(unsigned(earlier, later)).isNegative();
  }

  @Test
  void aClockFarBackStartsAfreshAtItsOwnTime() {
    Ids.uuidV7(Instant.parse("9100-01-01T00:00:00Z"));
    Instant past = Instant.parse("2020-01-01T00:00:00Z");

    assertThat(Ids.uuidV7(past).getMostSignificantBits() >>> 16).isEqualTo(past.toEpochMilli());
  }

  @Test
  void threadsNeverMakeTheSameId() {
    Instant now = Instant.parse("2031-06-01T12:00:00Z");
    ConcurrentLinkedQueue<UUID> ids = new ConcurrentLinkedQueue<>();
    IntStream.range(0, 8)
        .parallel()
        .forEach(
            thread -> {
              for (int i = 0; i < 10_000; i++) {
                ids.add(Ids.uuidV7(now));
              }
            });

    assertThat(ids).hasSize(80_000).doesNotHaveDuplicates();
  }

  /** PostgreSQL's order of uuids: bytewise, unsigned. */
  private static int unsigned(UUID a, UUID b) {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0
        ? high
        : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }
}
