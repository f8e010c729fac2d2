package io.todokit.dao.tags;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A tag as stored: immutable, and always the acting user's own.
 *
 * @param id the tag's id
 * @param userId the owner
 * @param name 1 to 50 characters, trimmed; unique per user regardless of case
 * @param color a {@code #RRGGBB} color, as it was given (case kept)
 * @param createdAt when it was created
 * @param updatedAt when it was last renamed or recolored
 */
public record Tag(
    UUID id, UUID userId, String name, String color, Instant createdAt, Instant updatedAt) {

  /** Checks the fields for null. */
  public Tag {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(color, "color");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
