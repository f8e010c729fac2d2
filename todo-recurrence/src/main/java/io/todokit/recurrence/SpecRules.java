package io.todokit.recurrence;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The translation between the JSON shape and RFC 5545: {@link RecurrenceSpec#toRule(LocalDate)} and
 * its inverse {@link RecurrenceSpec#fromRule(RecurrenceRule, LocalDate)}, which refuses every rule
 * the shape cannot express.
 */
final class SpecRules {

  private SpecRules() {}

  /** See {@link RecurrenceSpec#toRule(LocalDate)}. */
  static RecurrenceRule toRule(RecurrenceSpec spec, LocalDate startDate) {
    Objects.requireNonNull(startDate, "startDate");
    Integer monthDay = spec.monthDay();
    RecurrenceRuleBuilder builder =
        RecurrenceRule.builder(spec.frequency()).interval(spec.interval());
    switch (spec.frequency()) {
      case DAILY, WEEKLY -> {
        if (!spec.days().isEmpty()) {
          builder.byDay(spec.days().toArray(DayOfWeek[]::new));
        }
      }
      case MONTHLY -> {
        int anchor = monthDay != null ? monthDay : startDate.getDayOfMonth();
        if (anchor > 28) {
          builder.byMonthDay(range(28, anchor)).bySetPos(-1);
        } else if (monthDay != null) {
          builder.byMonthDay(anchor);
        }
      }
      case YEARLY -> {
        Month month = startDate.getMonth();
        int anchor = monthDay != null ? monthDay : startDate.getDayOfMonth();
        int shortest = month.minLength();
        if (anchor > shortest) {
          builder.byMonth(month.getValue()).byMonthDay(range(shortest, anchor)).bySetPos(-1);
        } else if (monthDay != null) {
          builder.byMonth(month.getValue()).byMonthDay(anchor);
        }
      }
    }
    if (spec.endDate() != null) {
      builder.until(spec.endDate());
    }
    if (spec.count() != null) {
      builder.count(spec.count());
    }
    return builder.build();
  }

  private static int[] range(int from, int to) {
    int[] values = new int[to - from + 1];
    for (int i = 0; i < values.length; i++) {
      values[i] = from + i;
    }
    return values;
  }

  /** See {@link RecurrenceSpec#fromRule(RecurrenceRule, LocalDate)}. */
  static RecurrenceSpec fromRule(RecurrenceRule rule, @Nullable LocalDate startDate) {
    Objects.requireNonNull(rule, "rule");
    @Nullable LocalDate endDate = null;
    if (rule.until().isPresent()) {
      if (!(rule.until().get() instanceof Until.OnDate onDate)) {
        throw new InvalidRecurrenceRuleException(
            "UNTIL", "end_date is a whole date: only the DATE form (yyyyMMdd) fits the shape");
      }
      endDate = onDate.date();
    }
    @Nullable Integer count = rule.count().isPresent() ? rule.count().getAsInt() : null;
    List<Integer> monthDays = rule.byMonthDay();
    List<Integer> months = rule.byMonth();
    List<Integer> setPositions = rule.bySetPos();
    EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    @Nullable Integer monthDay = null;
    switch (rule.frequency()) {
      case DAILY, WEEKLY -> {
        refuseIfPresent(months, "BYMONTH");
        refuseIfPresent(monthDays, "BYMONTHDAY");
        refuseIfPresent(setPositions, "BYSETPOS");
        for (WeekdayNum day : rule.byDay()) {
          days.add(day.day());
        }
        if (rule.frequency() == Frequency.WEEKLY
            && rule.interval() > 1
            && rule.weekStart() != DayOfWeek.MONDAY) {
          throw new InvalidRecurrenceRuleException(
              "WKST", "the shape's weeks start on Monday; WKST matters with INTERVAL > 1");
        }
      }
      case MONTHLY -> {
        refuseIfPresent(rule.byDay(), "BYDAY");
        refuseIfPresent(months, "BYMONTH");
        monthDay = anchor(monthDays, setPositions, 28);
      }
      case YEARLY -> {
        refuseIfPresent(rule.byDay(), "BYDAY");
        if (months.isEmpty()) {
          refuseIfPresent(monthDays, "BYMONTHDAY");
          refuseIfPresent(setPositions, "BYSETPOS");
        } else {
          if (months.size() > 1) {
            throw new InvalidRecurrenceRuleException("BYMONTH", "the shape has a single month");
          }
          Month month = Month.of(months.get(0));
          if (startDate != null && startDate.getMonth() != month) {
            throw new InvalidRecurrenceRuleException(
                "BYMONTH", "the shape's yearly rules recur in the start's month, " + startDate);
          }
          monthDay = anchor(monthDays, setPositions, month.minLength());
        }
      }
    }
    return new RecurrenceSpec(
        rule.frequency(), rule.interval(), days, endDate, count, monthDay, RecurrenceMode.FIXED);
  }

  /** The month day of {@code BYMONTHDAY=d} (d ≤ shortest) or {@code shortest..d;BYSETPOS=-1}. */
  private static @Nullable Integer anchor(
      List<Integer> monthDays, List<Integer> setPositions, int shortest) {
    if (monthDays.isEmpty()) {
      refuseIfPresent(setPositions, "BYSETPOS");
      return null;
    }
    if (setPositions.isEmpty()) {
      if (monthDays.size() == 1 && monthDays.get(0) > 0 && monthDays.get(0) <= shortest) {
        return monthDays.get(0);
      }
      throw new InvalidRecurrenceRuleException(
          "BYMONTHDAY",
          "the shape expresses one day 1.."
              + shortest
              + ", or a later anchor as BYMONTHDAY="
              + shortest
              + ",..,d;BYSETPOS=-1");
    }
    int last = monthDays.get(monthDays.size() - 1);
    boolean consecutive = monthDays.get(0) == shortest && last > shortest && last <= 31;
    for (int i = 1; i < monthDays.size() && consecutive; i++) {
      consecutive = monthDays.get(i) == shortest + i;
    }
    if (!consecutive || !setPositions.equals(List.of(-1))) {
      throw new InvalidRecurrenceRuleException(
          setPositions.equals(List.of(-1)) ? "BYMONTHDAY" : "BYSETPOS",
          "the shape expresses a late anchor only as BYMONTHDAY=" + shortest + ",..,d;BYSETPOS=-1");
    }
    return last;
  }

  private static void refuseIfPresent(List<?> values, String part) {
    if (!values.isEmpty()) {
      throw new InvalidRecurrenceRuleException(part, "not expressible in the JSON shape");
    }
  }
}
