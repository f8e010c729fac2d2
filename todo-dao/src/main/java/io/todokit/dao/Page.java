package io.todokit.dao;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a keyset-paged list: its items and, unless it is the last page, the request for the
 * next one ({@link #next()}, same page size) or its cursor alone ({@link #nextCursor()}, for a
 * cursor that travels over HTTP and comes back through {@link PageRequest#after}). Immutable and
 * thread-safe.
 *
 * @param <T> the item type
 */
public final class Page<T> {

  private final List<T> items;
  private final @Nullable PageRequest next;

  private Page(List<T> items, @Nullable PageRequest next) {
    this.items = List.copyOf(items);
    this.next = next;
  }

  /**
   * A page that another page follows.
   *
   * @param items the items, in the list's order
   * @param next the request for the following page
   * @param <T> the item type
   * @return the page
   */
  public static <T> Page<T> of(List<T> items, PageRequest next) {
    return new Page<>(items, Objects.requireNonNull(next, "next"));
  }

  /**
   * The last page of a list.
   *
   * @param items the items, in the list's order
   * @param <T> the item type
   * @return the page
   */
  public static <T> Page<T> last(List<T> items) {
    return new Page<>(items, null);
  }

  /** The items, in the list's order. */
  public List<T> items() {
    return items;
  }

  /** The request for the following page (same page size), empty on the last page. */
  public Optional<PageRequest> next() {
    return Optional.ofNullable(next);
  }

  /** The opaque cursor of the following page, empty on the last page. */
  public Optional<String> nextCursor() {
    return next == null ? Optional.empty() : next.cursor();
  }

  /** True when another page follows. */
  public boolean hasNext() {
    return next != null;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Page<?> page
        && items.equals(page.items)
        && Objects.equals(next, page.next);
  }

  @Override
  public int hashCode() {
    return Objects.hash(items, next);
  }

  @Override
  public String toString() {
    return "Page[items=" + items + ", next=" + next + "]";
  }
}
