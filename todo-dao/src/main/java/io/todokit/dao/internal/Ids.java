package io.todokit.dao.internal;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Time-ordered UUIDv7 ids (RFC 9562): new rows land at the right end of the primary key index
 * instead of all over it, which keeps inserts cheap on large tables.
 */
public final class Ids {

  private Ids() {}

  /**
   * A new UUIDv7 for the given time.
   *
   * @param now the creation time; its milliseconds become the id's first 48 bits
   * @return the id
   */
  public static UUID uuidV7(Instant now) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long millis = now.toEpochMilli() & 0xFFFF_FFFF_FFFFL;
    long mostSignificant = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
    long leastSignificant = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(mostSignificant, leastSignificant);
  }
}
