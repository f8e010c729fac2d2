package io.todokit.dao.internal;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Time-ordered UUIDv7 ids (RFC 9562): new rows land at the right end of the primary key index
 * instead of all over it, which keeps inserts cheap on large tables.
 *
 * <p>Ids made by one JVM are strictly increasing, also within one millisecond and when the clock
 * stands still (a fixed test clock) or steps back by up to {@value #MAX_STEP_BACK_MILLIS} ms (an
 * NTP correction): the 74 random bits of the previous id grow by a random step of 1 to
 * 2<sup>32</sup> (RFC 9562 §6.2, method 2), and when they run out the millisecond advances by one.
 * So "ordered by id" is creation order within a JVM; ids of two JVMs in the same millisecond still
 * interleave at random. A clock further back (another {@code Clock} chosen on purpose) starts
 * afresh at its own time, so that one far-future instant never shifts every later id.
 */
public final class Ids {

  private static final long RAND_A_MASK = 0x0FFFL;
  private static final long RAND_B_MASK = 0x3FFF_FFFF_FFFF_FFFFL;
  private static final long MILLIS_MASK = 0xFFFF_FFFF_FFFFL;
  private static final long MAX_STEP_BACK_MILLIS = 10_000;

  /** Guarded by {@code Ids.class}: the parts of the newest id made. */
  private static long lastMillis = -1;

  private static long lastRandA;
  private static long lastRandB;

  private Ids() {}

  /**
   * A new UUIDv7 for the given time, greater than every id this JVM made before.
   *
   * @param now the creation time; its milliseconds become the id's first 48 bits (or the previous
   *     id's, when that is later)
   * @return the id
   */
  public static UUID uuidV7(Instant now) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long millis = now.toEpochMilli() & MILLIS_MASK;
    long randA;
    long randB;
    synchronized (Ids.class) {
      if (millis > lastMillis || lastMillis - millis > MAX_STEP_BACK_MILLIS) {
        randA = random.nextLong() & RAND_A_MASK;
        randB = random.nextLong() & RAND_B_MASK;
      } else {
        millis = lastMillis;
        randA = lastRandA;
        randB = lastRandB + 1 + random.nextLong(1L << 32);
        if (randB > RAND_B_MASK) {
          randB &= RAND_B_MASK;
          randA++;
          if (randA > RAND_A_MASK) {
            millis = (lastMillis + 1) & MILLIS_MASK;
            randA = random.nextLong() & RAND_A_MASK;
            randB = random.nextLong() & RAND_B_MASK;
          }
        }
      }
      lastMillis = millis;
      lastRandA = randA;
      lastRandB = randB;
    }
    long mostSignificant = (millis << 16) | 0x7000L | randA;
    long leastSignificant = randB | 0x8000_0000_0000_0000L;
    return new UUID(mostSignificant, leastSignificant);
  }
}
