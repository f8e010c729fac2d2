package io.todokit.dao;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a keyset-paged list.
 *
 * @param items the items, in the list's order
 * @param nextCursor an opaque cursor that asks for the following page, or null on the last page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, @Nullable String nextCursor) {

  /** Copies the items. */
  public Page {
    items = List.copyOf(items);
  }

  /** The cursor of the following page, empty on the last page. */
  public Optional<String> next() {
    return Optional.ofNullable(nextCursor);
  }

  /** True when another page follows. */
  public boolean hasNext() {
    return nextCursor != null;
  }
}
