package io.todokit.dao.tasks;

import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Check;
import io.todokit.dao.internal.CursorCodec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The sort key of the last task of a page, as the opaque cursor {@link TaskDao#query} hands out:
 * {@code "t2|priority|due micros or empty|created micros|id"} sealed by the {@link CursorCodec} for
 * the acting user, so that a tampered, forged or foreign cursor is refused before its values reach
 * SQL.
 */
record TaskCursor(Priority priority, @Nullable Instant dueAt, Instant createdAt, UUID id) {

  private static final String VERSION = "t2";
  private static final String LIST = "tasks";

  static TaskCursor of(Task task) {
    return new TaskCursor(task.priority(), task.dueAt(), task.createdAt(), task.id());
  }

  String encode(CursorCodec codec, UUID userId) {
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
    return codec.seal(userId, LIST, payload);
  }

  static TaskCursor decode(CursorCodec codec, UUID userId, String cursor) {
    String[] parts = codec.open(userId, LIST, cursor).split("\\|", -1);
    if (parts.length != 5 || !parts[0].equals(VERSION)) {
      throw CursorCodec.invalid();
    }
    try {
      Priority priority = Priority.valueOf(parts[1]);
      Instant dueAt = parts[2].isEmpty() ? null : instant(Long.parseLong(parts[2]));
      Instant createdAt = instant(Long.parseLong(parts[3]));
      UUID id = UUID.fromString(parts[4]);
      if (!id.toString().equals(parts[4])) {
        throw CursorCodec.invalid();
      }
      return new TaskCursor(priority, dueAt, createdAt, id);
    } catch (IllegalArgumentException e) {
      throw CursorCodec.invalid();
    }
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  /** An instant of the stored range, or the cursor error: never an out-of-range value for SQL. */
  private static Instant instant(long micros) {
    Instant instant =
        Instant.ofEpochSecond(
            Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    try {
      return Check.instant("cursor", instant);
    } catch (ValidationException e) {
      throw CursorCodec.invalid();
    }
  }
}
