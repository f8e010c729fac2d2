package io.todokit.dao.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A patch field's new value, of the patches' one tri-state pattern: a null {@code Change} reference
 * means "unchanged", a {@code Change} holding null means "cleared".
 *
 * @param value the new value, or null to clear the field
 * @param <T> the field's type
 */
public record Change<T>(@Nullable T value) {

  /**
   * A patch's {@code toString}: its type and the fields it changes, e.g. {@code TaskPatch[title=Pay
   * rent, due_at=null]}.
   *
   * @param type the patch's simple name
   * @param names the fields' names, in the order of {@code changes}
   * @param changes the fields, null where unchanged
   */
  public static String describe(
      String type, List<String> names, List<@Nullable Change<?>> changes) {
    StringBuilder text = new StringBuilder(type).append('[');
    String separator = "";
    for (int i = 0; i < names.size(); i++) {
      Change<?> change = changes.get(i);
      if (change != null) {
        text.append(separator).append(names.get(i)).append('=').append(change.value());
        separator = ", ";
      }
    }
    return text.append(']').toString();
  }
}
