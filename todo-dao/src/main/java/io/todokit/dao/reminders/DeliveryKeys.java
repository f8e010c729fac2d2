package io.todokit.dao.reminders;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Delivery keys: name-based UUIDs (version 5, SHA-1, RFC 9562) of the task id, the reminder id and
 * the fire instant in epoch microseconds, in a namespace of todokit's own.
 */
final class DeliveryKeys {

  private static final UUID NAMESPACE = UUID.fromString("6f0a3c1e-5b1d-4e0b-9c7e-2b7d1f9a4c21");

  private DeliveryKeys() {}

  static String of(UUID taskId, UUID reminderId, Instant fireAt) {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, fireAt);
    String name = taskId + "/" + reminderId + "/" + micros;
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every Java platform", e);
    }
    sha1.update(
        ByteBuffer.allocate(16)
            .putLong(NAMESPACE.getMostSignificantBits())
            .putLong(NAMESPACE.getLeastSignificantBits())
            .array());
    byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
    ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
    return new UUID(bytes.getLong(), bytes.getLong()).toString();
  }
}
