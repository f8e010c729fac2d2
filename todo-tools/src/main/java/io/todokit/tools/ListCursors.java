package io.todokit.tools;

import io.todokit.dao.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * list_tasks's cursors: the library's own cursor (sealed for the user and the filters) with the
 * instant the first page was read at, so that "overdue", "due today" and "upcoming" mean the same
 * on every page of one listing.
 */
final class ListCursors {

  record Position(Instant asOf, @Nullable String cursor) {}

  String encode(Instant asOf, String cursor) {
    String text = asOf + "|" + cursor;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  Position decode(String text) {
    try {
      String decoded =
          new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.UTF_8);
      int bar = decoded.indexOf('|');
      if (bar > 0 && bar < decoded.length() - 1) {
        return new Position(Instant.parse(decoded.substring(0, bar)), decoded.substring(bar + 1));
      }
    } catch (IllegalArgumentException | DateTimeException e) {
      // below
    }
    throw new ValidationException(
        "cursor", "is not a next_cursor of list_tasks; list again without a cursor");
  }
}
