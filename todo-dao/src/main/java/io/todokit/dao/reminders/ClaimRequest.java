package io.todokit.dao.reminders;

import io.todokit.dao.ValidationException;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What one {@code claim} takes: at most {@code limit} firings, optionally only those of one bucket
 * of users. Validated when built; immutable.
 *
 * <p>A user's bucket is {@link #bucketOf(UUID, int)}: the low 32 bits of the user id as an unsigned
 * number, modulo the number of buckets (for random and time-ordered UUIDs those bits are random).
 * Workers that claim buckets {@code 0 … count-1} of one {@code count} split the users between them
 * without overlap, and a distributed deployment can claim per shard.
 *
 * @param limit how many firings to claim at most: 1 to {@value #MAX_LIMIT}
 * @param bucketIndex the bucket to claim from, or null for all users
 * @param bucketCount the number of buckets, or null for all users
 */
public record ClaimRequest(
    int limit, @Nullable Integer bucketIndex, @Nullable Integer bucketCount) {

  /** The most firings one claim takes. */
  public static final int MAX_LIMIT = 1000;

  /** The most buckets. */
  public static final int MAX_BUCKETS = 65_536;

  /**
   * Checks the limit and the bucket.
   *
   * @throws ValidationException ({@code limit}) outside 1 to {@value #MAX_LIMIT}, ({@code
   *     bucket_count}) outside 1 to {@value #MAX_BUCKETS} or set without an index, ({@code
   *     bucket_index}) outside 0 to count - 1 or set without a count
   */
  public ClaimRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException("limit", "must be 1 to " + MAX_LIMIT + " (was " + limit + ")");
    }
    if ((bucketIndex == null) != (bucketCount == null)) {
      throw new ValidationException(
          bucketIndex == null ? "bucket_index" : "bucket_count",
          "bucket_index and bucket_count are set together");
    }
    if (bucketCount != null && bucketIndex != null) {
      if (bucketCount < 1 || bucketCount > MAX_BUCKETS) {
        throw new ValidationException(
            "bucket_count", "must be 1 to " + MAX_BUCKETS + " (was " + bucketCount + ")");
      }
      if (bucketIndex < 0 || bucketIndex >= bucketCount) {
        throw new ValidationException(
            "bucket_index", "must be 0 to " + (bucketCount - 1) + " (was " + bucketIndex + ")");
      }
    }
  }

  /**
   * Up to {@code limit} firings of all users.
   *
   * @param limit 1 to {@value #MAX_LIMIT}
   * @return the request
   */
  public static ClaimRequest of(int limit) {
    return new ClaimRequest(limit, null, null);
  }

  /**
   * This request, restricted to the users of bucket {@code index} of {@code count}.
   *
   * @param index 0 to count - 1
   * @param count 1 to {@value #MAX_BUCKETS}
   * @return the request
   */
  public ClaimRequest withBucket(int index, int count) {
    return new ClaimRequest(limit, index, count);
  }

  /** The bucket, when the request has one. */
  public Optional<Bucket> bucket() {
    return bucketIndex == null || bucketCount == null
        ? Optional.empty()
        : Optional.of(new Bucket(bucketIndex, bucketCount));
  }

  /**
   * The bucket of a user among {@code count}, as claims compute it in SQL.
   *
   * @param userId the user
   * @param count the number of buckets, at least 1
   * @return 0 to count - 1
   */
  public static int bucketOf(UUID userId, int count) {
    if (count < 1) {
      throw new ValidationException("bucket_count", "must be at least 1 (was " + count + ")");
    }
    return (int) ((userId.getLeastSignificantBits() & 0xFFFF_FFFFL) % count);
  }

  /**
   * One bucket of users.
   *
   * @param index the bucket
   * @param count the number of buckets
   */
  public record Bucket(int index, int count) {}
}
