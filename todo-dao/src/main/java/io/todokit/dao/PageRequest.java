package io.todokit.dao;

import io.todokit.dao.internal.CursorCodec;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which page of a keyset-paged list to read, for every paged call ({@code tasks().query}, {@code
 * conversations().list}, {@code conversations().messages}): the first page, or the page after a
 * cursor that a previous {@link Page} handed out, with a page size of 1 to {@value #MAX_LIMIT}.
 *
 * <pre>{@code
 * Page<Task> page = db.tasks().query(userId, TaskQuery.open(), PageRequest.first(20));
 * while (page.next().isPresent()) {
 *   page = db.tasks().query(userId, TaskQuery.open(), page.next().get());
 * }
 * }</pre>
 *
 * <p>Validated when built: a bad limit is a {@code ValidationException("limit")}, a null or
 * malformed cursor a {@code ValidationException("cursor")} (whether the cursor belongs to the user
 * and the list is checked by the call). Immutable and thread-safe.
 */
public final class PageRequest {

  /** The page size of {@link #first()}. */
  public static final int DEFAULT_LIMIT = 50;

  /** The largest page size. */
  public static final int MAX_LIMIT = 200;

  private final int limit;
  private final @Nullable String cursor;

  private PageRequest(int limit, @Nullable String cursor) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException("limit", "must be 1 to " + MAX_LIMIT + " (was " + limit + ")");
    }
    this.limit = limit;
    this.cursor = cursor;
  }

  /**
   * The first page, of {@value #DEFAULT_LIMIT} items.
   *
   * @return the request
   */
  public static PageRequest first() {
    return new PageRequest(DEFAULT_LIMIT, null);
  }

  /**
   * The first page.
   *
   * @param limit the page size, 1 to {@value #MAX_LIMIT}
   * @return the request
   * @throws ValidationException ({@code limit}) for another size
   */
  public static PageRequest first(int limit) {
    return new PageRequest(limit, null);
  }

  /**
   * The page after the one that handed out {@code cursor} ({@link Page#nextCursor()}), e.g. a
   * cursor that travelled to a client and back.
   *
   * @param cursor the cursor, unchanged
   * @param limit the page size, 1 to {@value #MAX_LIMIT}
   * @return the request
   * @throws ValidationException ({@code cursor}) for a null or malformed cursor, ({@code limit})
   *     for a bad size
   */
  public static PageRequest after(@Nullable String cursor, int limit) {
    if (cursor == null) {
      throw new ValidationException("cursor", "is required: use PageRequest.first for page one");
    }
    CursorCodec.checkShape(cursor);
    return new PageRequest(limit, cursor);
  }

  /** The page size. */
  public int limit() {
    return limit;
  }

  /** The cursor this page follows; empty for the first page. */
  public Optional<String> cursor() {
    return Optional.ofNullable(cursor);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof PageRequest request
        && limit == request.limit
        && Objects.equals(cursor, request.cursor);
  }

  @Override
  public int hashCode() {
    return Objects.hash(limit, cursor);
  }

  @Override
  public String toString() {
    return cursor == null
        ? "PageRequest[first, limit=" + limit + "]"
        : "PageRequest[after=" + cursor + ", limit=" + limit + "]";
  }
}
