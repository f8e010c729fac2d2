package io.todokit.recurrence;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Parsing and formatting of the RFC 5545 RRULE text. */
final class RRuleText {

  static final Instant MIN_INSTANT =
      LocalDateTime.of(RecurrenceRule.MIN_UNTIL_YEAR, 1, 1, 0, 0).toInstant(ZoneOffset.UTC);
  static final Instant MAX_INSTANT =
      LocalDateTime.of(RecurrenceRule.MAX_UNTIL_YEAR, 12, 31, 23, 59, 59).toInstant(ZoneOffset.UTC);
  static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
  static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss").withResolverStyle(ResolverStyle.STRICT);

  /** Longer texts are certainly not a rule of the supported subset; refuse before splitting. */
  private static final int MAX_LENGTH = 10_000;

  private RRuleText() {}

  static RecurrenceRule parse(String text) {
    if (text == null) {
      throw new InvalidRecurrenceRuleException("RRULE", "rule text is null");
    }
    String body = text.strip();
    if (body.length() > MAX_LENGTH) {
      throw new InvalidRecurrenceRuleException(
          "RRULE", "rule text is longer than " + MAX_LENGTH + " characters");
    }
    if (body.regionMatches(true, 0, "RRULE:", 0, 6)) {
      body = body.substring(6);
    }
    if (body.isEmpty()) {
      throw new InvalidRecurrenceRuleException("RRULE", "rule text is empty");
    }
    Set<String> seen = new HashSet<>();
    String frequency = null;
    String interval = null;
    String count = null;
    String until = null;
    String byDay = null;
    String byMonthDay = null;
    String byMonth = null;
    String bySetPos = null;
    String weekStart = null;
    for (String pair : body.split(";", -1)) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new InvalidRecurrenceRuleException(
            "RRULE", "malformed part '" + pair + "': expected NAME=VALUE separated by ';'");
      }
      String name = pair.substring(0, equals).strip().toUpperCase(Locale.ROOT);
      String value = pair.substring(equals + 1).strip();
      if (!seen.add(name)) {
        throw new InvalidRecurrenceRuleException(name, "part given more than once");
      }
      if (value.isEmpty()) {
        throw new InvalidRecurrenceRuleException(name, "empty value");
      }
      switch (name) {
        case "FREQ" -> frequency = value;
        case "INTERVAL" -> interval = value;
        case "COUNT" -> count = value;
        case "UNTIL" -> until = value;
        case "BYDAY" -> byDay = value;
        case "BYMONTHDAY" -> byMonthDay = value;
        case "BYMONTH" -> byMonth = value;
        case "BYSETPOS" -> bySetPos = value;
        case "WKST" -> weekStart = value;
        case "BYHOUR", "BYMINUTE", "BYSECOND", "BYYEARDAY", "BYWEEKNO" ->
            throw new InvalidRecurrenceRuleException(
                name,
                "unsupported part: only FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY,"
                    + " BYMONTH, BYSETPOS and WKST are supported");
        default ->
            throw new InvalidRecurrenceRuleException(
                name.length() > 40 ? name.substring(0, 40) + "…" : name, "unknown part");
      }
    }
    if (frequency == null) {
      throw new InvalidRecurrenceRuleException("FREQ", "missing: every rule needs FREQ");
    }
    Frequency parsedFrequency = Frequency.of(frequency);
    RecurrenceRuleBuilder builder = RecurrenceRule.builder(parsedFrequency);
    if (interval != null) {
      builder.interval(parseInt(interval, "INTERVAL", 1, parsedFrequency.maxInterval()));
    }
    if (count != null) {
      builder.count(parseInt(count, "COUNT", 1, RecurrenceRule.MAX_COUNT));
    }
    if (until != null) {
      if (count != null) {
        throw new InvalidRecurrenceRuleException("UNTIL", "COUNT and UNTIL must not both be given");
      }
      builder.until(parseUntil(until));
    }
    if (byDay != null) {
      List<WeekdayNum> days = new ArrayList<>();
      for (String item : items(byDay, "BYDAY")) {
        days.add(WeekdayNum.parse(item));
      }
      builder.byDay(days);
    }
    if (byMonthDay != null) {
      builder.byMonthDay(ints(byMonthDay, "BYMONTHDAY", -31, 31));
    }
    if (byMonth != null) {
      builder.byMonth(ints(byMonth, "BYMONTH", 1, 12));
    }
    if (bySetPos != null) {
      builder.bySetPos(ints(bySetPos, "BYSETPOS", -366, 366));
    }
    if (weekStart != null) {
      DayOfWeek day = WeekdayNum.dayOfCode(weekStart, "WKST");
      builder.weekStart(day);
    }
    return builder.build();
  }

  /**
   * The canonical text of {@link RecurrenceRule#toRRule()}: fixed part order, defaults left out.
   */
  static String format(RuleParts parts) {
    StringBuilder text = new StringBuilder("FREQ=").append(parts.frequency.name());
    if (parts.interval != 1) {
      text.append(";INTERVAL=").append(parts.interval);
    }
    if (parts.count != 0) {
      text.append(";COUNT=").append(parts.count);
    }
    if (parts.until != null) {
      text.append(";UNTIL=").append(parts.until.toRRuleValue());
    }
    appendInts(text, "BYMONTH", parts.byMonth);
    appendInts(text, "BYMONTHDAY", parts.byMonthDay);
    if (!parts.byDay.isEmpty()) {
      text.append(";BYDAY=");
      for (int i = 0; i < parts.byDay.size(); i++) {
        text.append(i == 0 ? "" : ",").append(parts.byDay.get(i));
      }
    }
    appendInts(text, "BYSETPOS", parts.bySetPos);
    if (parts.weekStart != DayOfWeek.MONDAY) {
      text.append(";WKST=").append(WeekdayNum.code(parts.weekStart));
    }
    return text.toString();
  }

  private static void appendInts(StringBuilder text, String part, int[] values) {
    if (values.length > 0) {
      text.append(';').append(part).append('=');
      for (int i = 0; i < values.length; i++) {
        text.append(i == 0 ? "" : ",").append(values[i]);
      }
    }
  }

  static Until parseUntil(String text) {
    try {
      if (text.length() == 8) {
        return new Until.OnDate(LocalDate.parse(text, DATE));
      }
      if (text.length() == 16 && (text.charAt(15) == 'Z' || text.charAt(15) == 'z')) {
        LocalDateTime utc =
            LocalDateTime.parse(text.substring(0, 15).toUpperCase(Locale.ROOT), DATE_TIME);
        return new Until.Utc(utc.toInstant(ZoneOffset.UTC));
      }
      if (text.length() == 15) {
        return new Until.Local(LocalDateTime.parse(text.toUpperCase(Locale.ROOT), DATE_TIME));
      }
    } catch (DateTimeParseException e) {
      // Reported below with the part name.
    }
    throw new InvalidRecurrenceRuleException(
        "UNTIL",
        "malformed value '"
            + text
            + "': expected a valid date as yyyyMMdd, yyyyMMdd'T'HHmmss or yyyyMMdd'T'HHmmss'Z'");
  }

  private static List<String> items(String value, String part) {
    List<String> items = new ArrayList<>();
    for (String item : value.split(",", -1)) {
      String stripped = item.strip();
      if (stripped.isEmpty()) {
        throw new InvalidRecurrenceRuleException(part, "empty list item in '" + value + "'");
      }
      items.add(stripped);
    }
    return items;
  }

  private static int[] ints(String value, String part, int min, int max) {
    List<String> items = items(value, part);
    int[] result = new int[items.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = parseInt(items.get(i), part, min, max);
    }
    return result;
  }

  /** Parses an optionally signed decimal integer within [min, max], naming {@code part}. */
  static int parseInt(String text, String part, int min, int max) {
    boolean digits = !text.isEmpty() && text.length() <= 11;
    for (int i = 0; i < text.length() && digits; i++) {
      char c = text.charAt(i);
      digits = (c >= '0' && c <= '9') || (i == 0 && (c == '+' || c == '-') && text.length() > 1);
    }
    if (!digits) {
      if (text.length() > 11 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new InvalidRecurrenceRuleException(
            part, "number " + abbreviate(text) + " is out of range " + min + ".." + max);
      }
      throw new InvalidRecurrenceRuleException(part, "not a number: '" + abbreviate(text) + "'");
    }
    long number = Long.parseLong(text);
    if (number < min || number > max) {
      throw new InvalidRecurrenceRuleException(
          part, "number " + text + " is out of range " + min + ".." + max);
    }
    return (int) number;
  }

  private static String abbreviate(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
