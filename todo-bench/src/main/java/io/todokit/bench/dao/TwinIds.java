package io.todokit.bench.dao;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The plain-JDBC twin's own UUIDv7 ids (RFC 9562), since the DAO's generator is internal to
 * todo-dao and not exported. Time-ordered like the DAO's, so that the twin's inserts land at the
 * right end of the primary key indexes as the DAO's do and the comparison stays fair; shorter: the
 * 12 {@code rand_a} bits count the ids of one millisecond (RFC 9562 §6.2, method 1), the
 * millisecond moves on when they run out, and a clock that steps back keeps the last millisecond
 * (the DAO's starts afresh after 10 s; no benchmark steps its clock back).
 */
final class TwinIds {

  private static final long SEQUENCE_MASK = 0x0FFFL;
  private static final long RAND_B_MASK = 0x3FFF_FFFF_FFFF_FFFFL;

  /** Guarded by {@code TwinIds.class}. */
  private static long lastMillis = -1;

  private static long sequence;

  private TwinIds() {}

  /** A new UUIDv7 for {@code now}, greater than every id this class made before. */
  static UUID uuidV7(Instant now) {
    long millis;
    long counter;
    synchronized (TwinIds.class) {
      millis = Math.max(now.toEpochMilli(), lastMillis);
      if (millis > lastMillis) {
        sequence = 0;
      } else if (++sequence > SEQUENCE_MASK) {
        millis++;
        sequence = 0;
      }
      lastMillis = millis;
      counter = sequence;
    }
    long randB = ThreadLocalRandom.current().nextLong() & RAND_B_MASK;
    return new UUID((millis << 16) | 0x7000L | counter, randB | 0x8000_0000_0000_0000L);
  }
}
