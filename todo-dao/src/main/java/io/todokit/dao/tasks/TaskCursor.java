package io.todokit.dao.tasks;

import io.todokit.dao.internal.CursorCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The sort key of the last task of a page, as the opaque cursor {@link TaskDao#query} hands out:
 * {@code "t2|priority|due micros or empty|created micros|id"} sealed by the {@link CursorCodec} for
 * the acting user and the query's filters, so that a tampered, forged or foreign cursor, or one
 * made for other filters, is refused before its values reach SQL.
 */
record TaskCursor(Priority priority, @Nullable Instant dueAt, Instant createdAt, UUID id) {

  private static final String VERSION = "t2";
  private static final String LIST = "tasks:";

  /** The bytes of the filters' digest that bind a cursor to them. */
  private static final int FILTER_BYTES = 12;

  static TaskCursor of(Task task) {
    return new TaskCursor(task.priority(), task.dueAt(), task.createdAt(), task.id());
  }

  String encode(CursorCodec codec, UUID userId, TaskQuery query) {
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
    return codec.seal(userId, list(query), payload);
  }

  static TaskCursor decode(CursorCodec codec, UUID userId, TaskQuery query, String cursor) {
    String[] parts = codec.open(userId, list(query), cursor).split("\\|", -1);
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

  /**
   * The list a cursor pages: the tasks that pass these filters, named by a short digest of their
   * canonical text (sets sorted, the search text length-prefixed), which the codec's tag covers.
   */
  static String list(TaskQuery query) {
    StringBuilder text = new StringBuilder();
    text.append("s=").append(sorted(query.statuses().stream().map(Enum::name)));
    text.append(";p=").append(sorted(query.priorities().stream().map(Enum::name)));
    text.append(";any=").append(sorted(query.tags().anyOf().stream().map(UUID::toString)));
    text.append(";all=").append(sorted(query.tags().allOf().stream().map(UUID::toString)));
    text.append(";none=").append(sorted(query.tags().noneOf().stream().map(UUID::toString)));
    text.append(";from=").append(query.dueFrom());
    text.append(";to=").append(query.dueTo());
    text.append(";overdue=").append(query.overdueAt());
    String search = query.text();
    text.append(";text=").append(search == null ? "-" : search.length() + ":" + search);
    byte[] digest;
    try {
      digest =
          MessageDigest.getInstance("SHA-256")
              .digest(text.toString().getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    return LIST
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(Arrays.copyOf(digest, FILTER_BYTES));
  }

  private static String sorted(Stream<String> values) {
    return values.sorted().collect(Collectors.joining(","));
  }
}
