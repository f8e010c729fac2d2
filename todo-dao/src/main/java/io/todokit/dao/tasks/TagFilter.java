package io.todokit.dao.tasks;

import io.todokit.dao.internal.Check;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Which tags a task must carry: any of some tags, all of others, none of a third set; the sets
 * combine with AND, and an empty set does not filter. Tags the user does not have (including other
 * users' tags) are carried by none of the user's tasks. Immutable and thread-safe.
 *
 * <pre>{@code
 * TagFilter.anyOf(Set.of(work, home)).withNoneOf(Set.of(someday))
 * }</pre>
 *
 * @param anyOf the task carries at least one of these (when not empty)
 * @param allOf the task carries every one of these
 * @param noneOf the task carries none of these
 */
public record TagFilter(Set<UUID> anyOf, Set<UUID> allOf, Set<UUID> noneOf) {

  private static final TagFilter NONE = new TagFilter(Set.of(), Set.of(), Set.of());

  /** Copies the sets (in iteration order) and refuses null elements. */
  public TagFilter {
    anyOf = copy("tags.any_of", anyOf);
    allOf = copy("tags.all_of", allOf);
    noneOf = copy("tags.none_of", noneOf);
  }

  /** A filter that lets every task through. */
  public static TagFilter none() {
    return NONE;
  }

  /** Tasks carrying at least one of {@code tagIds}. */
  public static TagFilter anyOf(Collection<UUID> tagIds) {
    return NONE.withAnyOf(tagIds);
  }

  /** Tasks carrying all of {@code tagIds}. */
  public static TagFilter allOf(Collection<UUID> tagIds) {
    return NONE.withAllOf(tagIds);
  }

  /** Tasks carrying none of {@code tagIds}. */
  public static TagFilter noneOf(Collection<UUID> tagIds) {
    return NONE.withNoneOf(tagIds);
  }

  /** This filter with another any-of set. */
  public TagFilter withAnyOf(Collection<UUID> tagIds) {
    return new TagFilter(copy("tags.any_of", tagIds), allOf, noneOf);
  }

  /** This filter with another all-of set. */
  public TagFilter withAllOf(Collection<UUID> tagIds) {
    return new TagFilter(anyOf, copy("tags.all_of", tagIds), noneOf);
  }

  /** This filter with another none-of set. */
  public TagFilter withNoneOf(Collection<UUID> tagIds) {
    return new TagFilter(anyOf, allOf, copy("tags.none_of", tagIds));
  }

  /** True when the filter lets every task through. */
  public boolean isEmpty() {
    return anyOf.isEmpty() && allOf.isEmpty() && noneOf.isEmpty();
  }

  private static Set<UUID> copy(String field, Collection<UUID> ids) {
    return java.util.Collections.unmodifiableSet(
        new LinkedHashSet<>(Check.noNulls(field, new java.util.ArrayList<>(ids))));
  }
}
