package io.todokit.bench.dao;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TwinIdsTest {

  @Test
  void idsAreVersion7WithTheirMillisecondInFront() {
    Instant now = afterEveryIdSoFar();
    UUID id = TwinIds.uuidV7(now);

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(now.toEpochMilli());
  }

  @Test
  void idsOfOneMillisecondStayIncreasingPastTheCounterAndWhenTheClockStepsBack() {
    Instant later = afterEveryIdSoFar();
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 5000; i++) { // more than the 4096 a millisecond's counter holds
      ids.add(TwinIds.uuidV7(later));
    }
    ids.add(TwinIds.uuidV7(later.minusSeconds(1)));

    for (int i = 1; i < ids.size(); i++) {
      // UUIDv7 orders as unsigned bytes, as PostgreSQL's uuid does.
      assertThat(Long.compareUnsigned(msb(ids.get(i - 1)), msb(ids.get(i))))
          .as("id %d after id %d", i, i - 1)
          .isNegative();
    }
    assertThat(msb(ids.get(4096)) >>> 16).isEqualTo(later.toEpochMilli() + 1);
  }

  /** A time later than every id made so far (the generator never goes back, by design). */
  private static Instant afterEveryIdSoFar() {
    long newest = msb(TwinIds.uuidV7(Instant.EPOCH)) >>> 16;
    return Instant.ofEpochMilli(newest).plusSeconds(60);
  }

  private static long msb(UUID id) {
    return id.getMostSignificantBits();
  }
}
