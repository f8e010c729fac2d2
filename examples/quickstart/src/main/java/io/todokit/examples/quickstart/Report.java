package io.todokit.examples.quickstart;

import io.todokit.dao.conversations.Message;
import io.todokit.dao.tasks.Task;
import io.todokit.dao.users.User;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The quick start's console report: sections of aligned lines, times on the user's wall clock.
 *
 * <p>Not thread-safe.
 */
final class Report {

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter DATE_TIME_OFFSET =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm xxx", Locale.ENGLISH);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

  private final PrintStream out;
  private final ZoneId zone;

  Report(PrintStream out, ZoneId zone) {
    this.out = out;
    this.zone = zone;
  }

  void header(User user, Instant now) {
    out.println(
        "todokit quick start: "
            + user.username()
            + " lives in "
            + zone
            + "; it is "
            + DATE.format(now.atZone(zone))
            + ", "
            + time(now)
            + " there ("
            + now
            + ")");
  }

  void section(String title) {
    out.println();
    out.println("== " + title);
  }

  void line(String text) {
    out.println("   " + text);
  }

  /** A section listing tasks: priority, title, due time on the user's wall clock. */
  void tasks(String title, List<Task> tasks) {
    section(title + " (" + tasks.size() + ")");
    for (Task task : tasks) {
      line(
          String.format(
              Locale.ROOT,
              "%-7s %-30s %s",
              task.priority().name().toLowerCase(Locale.ROOT),
              task.title(),
              task.dueAt() == null ? "no due date" : "due " + dateTime(task.dueAt())));
    }
  }

  /** A message of a conversation: its number, role, and text or tool calls. */
  void message(Message message) {
    String role = message.role().name().toLowerCase(Locale.ROOT);
    String text;
    if (!message.toolCalls().isEmpty()) {
      text = "calls " + ToolCalls.describe(message.toolCalls());
    } else if (message.toolCallId() != null) {
      text = "answers " + message.toolCallId() + ": " + message.content();
    } else {
      text = message.content();
    }
    line(String.format(Locale.ROOT, "#%d %-9s %s", message.seq(), role, text));
  }

  String dateTime(@Nullable Instant instant) {
    return instant == null ? "-" : DATE_TIME.format(instant.atZone(zone));
  }

  /** Date and time with the UTC offset, which shows the wall clock kept across DST changes. */
  String dateTimeOffset(@Nullable Instant instant) {
    return instant == null ? "-" : DATE_TIME_OFFSET.format(instant.atZone(zone));
  }

  String date(Instant instant) {
    return DATE.format(instant.atZone(zone));
  }

  String time(@Nullable Instant instant) {
    return instant == null ? "-" : TIME.format(instant.atZone(zone));
  }
}
