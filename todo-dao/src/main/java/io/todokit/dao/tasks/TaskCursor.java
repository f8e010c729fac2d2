package io.todokit.dao.tasks;

import io.todokit.dao.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * The sort key of the last task of a page, as the opaque cursor {@link TaskDao#query} hands out:
 * URL-safe Base64 of {@code "t1|priority|due micros or empty|created micros|id|crc32"}. The
 * checksum only catches damaged or hand-edited cursors; a forged one can do no harm, since every
 * query is filtered by the acting user anyway.
 */
record TaskCursor(Priority priority, @Nullable Instant dueAt, Instant createdAt, UUID id) {

  private static final String VERSION = "t1";

  static TaskCursor of(Task task) {
    return new TaskCursor(task.priority(), task.dueAt(), task.createdAt(), task.id());
  }

  String encode() {
    String payload =
        VERSION
            + '|'
            + priority.name()
            + '|'
            + (dueAt == null ? "" : Long.toString(micros(dueAt)))
            + '|'
            + micros(createdAt)
            + '|'
            + id;
    String text = payload + '|' + checksum(payload);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static TaskCursor decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = text.split("\\|", -1);
      if (parts.length != 6 || !parts[0].equals(VERSION)) {
        throw invalid(null);
      }
      String payload = text.substring(0, text.lastIndexOf('|'));
      if (!Long.toString(checksum(payload)).equals(parts[5])) {
        throw invalid(null);
      }
      Priority priority = Priority.valueOf(parts[1]);
      Instant dueAt = parts[2].isEmpty() ? null : instant(Long.parseLong(parts[2]));
      Instant createdAt = instant(Long.parseLong(parts[3]));
      UUID id = UUID.fromString(parts[4]);
      if (!id.toString().equals(parts[4])) {
        throw invalid(null);
      }
      return new TaskCursor(priority, dueAt, createdAt, id);
    } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
      throw invalid(e);
    }
  }

  private static ValidationException invalid(@Nullable Throwable cause) {
    return new ValidationException(
        "cursor", "is not a cursor of this list: pass Page.nextCursor() back unchanged", cause);
  }

  private static long checksum(String payload) {
    CRC32 crc = new CRC32();
    crc.update(payload.getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  private static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }
}
