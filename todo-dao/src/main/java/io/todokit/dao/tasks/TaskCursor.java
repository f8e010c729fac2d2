package io.todokit.dao.tasks;

import io.todokit.dao.internal.CursorCodec;
import java.time.Instant;
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
            + (dueAt == null ? "" : CursorCodec.micros(dueAt))
            + '|'
            + CursorCodec.micros(createdAt)
            + '|'
            + id;
    return codec.seal(userId, LIST, payload);
  }

  static TaskCursor decode(CursorCodec codec, UUID userId, String cursor) {
    String[] parts = codec.open(userId, LIST, cursor).split("\\|", -1);
    if (parts.length != 5 || !parts[0].equals(VERSION)) {
      throw CursorCodec.invalid();
    }
    Priority priority;
    try {
      priority = Priority.valueOf(parts[1]);
    } catch (IllegalArgumentException e) {
      throw CursorCodec.invalid();
    }
    Instant dueAt = parts[2].isEmpty() ? null : CursorCodec.instant(parts[2]);
    return new TaskCursor(
        priority, dueAt, CursorCodec.instant(parts[3]), CursorCodec.uuid(parts[4]));
  }
}
