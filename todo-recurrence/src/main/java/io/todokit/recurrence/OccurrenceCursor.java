package io.todokit.recurrence;

import java.time.LocalDate;
import java.time.Year;
import org.jspecify.annotations.Nullable;

/**
 * Walks the dates (as epoch days) of a rule's occurrences from a start date up to a last date, one
 * period (day, week, month or year) at a time, ignoring COUNT.
 *
 * <p>All arithmetic is on period indices and epoch days, so {@link #seek(long)} can jump to a far
 * period in constant time. Because every occurrence has the start's time of day there is at most
 * one occurrence per date. Not thread-safe: one cursor per iteration.
 */
final class OccurrenceCursor {

  /** Returned by {@link #next()} when there are no more occurrences. */
  static final long END = Long.MIN_VALUE;

  static final long MIN_DAY = LocalDate.MIN.toEpochDay();
  static final long MAX_DAY = LocalDate.MAX.toEpochDay();

  /**
   * The Gregorian calendar repeats every 400 years (4800 months, 146097 days, 20871 weeks): if a
   * whole cycle of consecutive periods yields nothing, no later period can yield anything.
   */
  private static final int DAYS_PER_CYCLE = 146_097;

  private static final int WEEKS_PER_CYCLE = 20_871;
  private static final int MONTHS_PER_CYCLE = 4_800;
  private static final int YEARS_PER_CYCLE = 400;

  private final Frequency frequency;
  private final long interval;
  private final int weekStart;
  private final int monthMask;

  /** Allowed days of month for month lengths 28..31 (index length - 28), bit d for day d. */
  private final int[] monthDayMasks;

  private final boolean hasMonthDay;
  private final int weekdayMask;

  /** Null exactly when {@link #ordinalNegative} is: the rule has no ordinal weekday. */
  private final long @Nullable [] ordinalPositive;

  private final long @Nullable [] ordinalNegative;
  private final boolean hasByDay;
  private final int @Nullable [] setPositions;
  private final boolean plainDaily;
  private final long startDay;

  /** The last date an occurrence may fall on; a period that begins later ends the walk. */
  private final long lastDay;

  /** The month index (year * 12 + month - 1) and year of {@link #lastDay}. */
  private final long lastMonthIndex;

  private final long lastYear;

  /** Epoch day (DAILY), epoch day of the week start (WEEKLY), month index or year of period 0. */
  private final long base;

  private final int cycle;

  private final long[] buffer = new long[366];
  private final boolean @Nullable [] selected;
  private int size;
  private int position;
  private long period;
  private int emptyRun;
  private boolean exhausted;

  OccurrenceCursor(RuleParts rule, LocalDate start, LocalDate last) {
    this.frequency = rule.frequency;
    this.interval = rule.interval;
    this.weekStart = rule.weekStart.getValue() - 1;
    this.startDay = start.toEpochDay();
    this.lastDay = last.toEpochDay();
    this.lastMonthIndex = last.getYear() * 12L + last.getMonthValue() - 1;
    this.lastYear = last.getYear();
    int months = rule.monthMask;
    int dayPositive = rule.monthDayPositive;
    int weekdays = rule.weekdayMask;
    // Defaults from the start, as RFC 5545 and python-dateutil derive them.
    if (!rule.hasByDay() && !rule.hasByMonthDay()) {
      switch (frequency) {
        case YEARLY -> {
          if (months == 0) {
            months = 1 << start.getMonthValue();
          }
          dayPositive = 1 << start.getDayOfMonth();
        }
        case MONTHLY -> dayPositive = 1 << start.getDayOfMonth();
        case WEEKLY -> weekdays = 1 << (start.getDayOfWeek().getValue() - 1);
        case DAILY -> {
          // No default: every day.
        }
      }
    }
    this.monthMask = months;
    this.hasMonthDay = dayPositive != 0 || rule.monthDayNegative != 0;
    this.monthDayMasks = new int[4];
    for (int length = 28; length <= 31; length++) {
      int all = (int) ((1L << (length + 1)) - 2);
      int mask = dayPositive & all;
      for (int k = 1; k <= length; k++) {
        if ((rule.monthDayNegative & (1 << k)) != 0) {
          mask |= 1 << (length + 1 - k);
        }
      }
      monthDayMasks[length - 28] = mask;
    }
    this.weekdayMask = weekdays;
    this.ordinalPositive = rule.ordinalPositive;
    this.ordinalNegative = rule.ordinalNegative;
    this.hasByDay = weekdays != 0 || ordinalPositive != null;
    int[] positions = rule.bySetPos;
    this.setPositions = positions.length == 0 ? null : positions;
    this.selected = positions.length == 0 ? null : new boolean[366];
    this.plainDaily =
        frequency == Frequency.DAILY
            && months == 0
            && !hasMonthDay
            && !hasByDay
            && positions.length == 0;
    switch (frequency) {
      case DAILY -> {
        base = startDay;
        cycle = DAYS_PER_CYCLE;
      }
      case WEEKLY -> {
        base = weekStartOf(startDay);
        cycle = WEEKS_PER_CYCLE;
      }
      case MONTHLY -> {
        base = start.getYear() * 12L + start.getMonthValue() - 1;
        cycle = MONTHS_PER_CYCLE;
      }
      default -> {
        base = start.getYear();
        cycle = YEARS_PER_CYCLE;
      }
    }
    this.exhausted = cannotMatch();
  }

  /** Detects the common never-matching rules analytically (such as the 30th of February). */
  private boolean cannotMatch() {
    if (hasMonthDay) {
      boolean any = false;
      for (int month = 1; month <= 12 && !any; month++) {
        if (monthMask == 0 || (monthMask & (1 << month)) != 0) {
          int shortest = month == 2 ? 28 : LocalDate.of(2001, month, 1).lengthOfMonth();
          int longest = month == 2 ? 29 : shortest;
          for (int length = shortest; length <= longest; length++) {
            any |= monthDayMasks[length - 28] != 0;
          }
        }
      }
      if (!any) {
        return true;
      }
    }
    if (setPositions != null) {
      int largestSet =
          switch (frequency) {
            case DAILY -> 1;
            case WEEKLY -> 7;
            case MONTHLY -> 31;
            case YEARLY -> 366;
          };
      boolean any = false;
      for (int position : setPositions) {
        any |= Math.abs(position) <= largestSet;
      }
      return !any;
    }
    return false;
  }

  private long weekStartOf(long epochDay) {
    return epochDay - Math.floorMod(epochDay + 3 - weekStart, 7);
  }

  private static int weekday(long epochDay) {
    return Math.floorMod(epochDay + 3, 7);
  }

  /**
   * Moves forward to the period containing {@code epochDay} if that is later than the current
   * position; occurrences before the start are still never returned.
   */
  void seek(long epochDay) {
    long day = Math.max(MIN_DAY, Math.min(lastDay + 1, epochDay));
    long target =
        switch (frequency) {
          case DAILY -> Math.floorDiv(day - base, interval);
          case WEEKLY -> Math.floorDiv(weekStartOf(day) - base, 7 * interval);
          case MONTHLY -> {
            LocalDate date = LocalDate.ofEpochDay(day);
            yield Math.floorDiv(date.getYear() * 12L + date.getMonthValue() - 1 - base, interval);
          }
          case YEARLY -> Math.floorDiv(LocalDate.ofEpochDay(day).getYear() - base, interval);
        };
    if (target > period) {
      period = target;
      size = 0;
      position = 0;
      emptyRun = 0;
    }
  }

  /** Returns the epoch day of the next occurrence, or {@link #END}. */
  long next() {
    if (plainDaily) {
      if (exhausted) {
        return END;
      }
      long day = base + period * interval;
      if (day > lastDay) {
        exhausted = true;
        return END;
      }
      period++;
      return day;
    }
    while (position >= size) {
      if (exhausted) {
        return END;
      }
      if (emptyRun >= cycle) {
        exhausted = true;
        return END;
      }
      expand(period++);
    }
    return buffer[position++];
  }

  /** Fills the buffer with the period's occurrences on or after the start. */
  private void expand(long index) {
    size = 0;
    position = 0;
    switch (frequency) {
      case DAILY -> {
        long day = base + index * interval;
        if (day > lastDay) {
          exhausted = true;
          return;
        }
        if (matchesWithoutOrdinals(day)) {
          buffer[size++] = day;
        }
      }
      case WEEKLY -> {
        long first = base + index * 7 * interval;
        if (first > lastDay) {
          exhausted = true;
          return;
        }
        for (long day = first; day < first + 7; day++) {
          if (matchesWithoutOrdinals(day)) {
            buffer[size++] = day;
          }
        }
      }
      case MONTHLY -> {
        long monthIndex = base + index * interval;
        long year = Math.floorDiv(monthIndex, 12);
        if (monthIndex > lastMonthIndex) {
          exhausted = true;
          return;
        }
        int month = Math.floorMod(monthIndex, 12) + 1;
        if (monthMask == 0 || (monthMask & (1 << month)) != 0) {
          expandMonth((int) year, month, false, 0, 0);
        }
      }
      case YEARLY -> {
        long year = base + index * interval;
        if (year > lastYear) {
          exhausted = true;
          return;
        }
        boolean yearScope = monthMask == 0;
        long januaryFirst = LocalDate.of((int) year, 1, 1).toEpochDay();
        int yearLength = Year.isLeap(year) ? 366 : 365;
        for (int month = 1; month <= 12; month++) {
          if (monthMask == 0 || (monthMask & (1 << month)) != 0) {
            expandMonth((int) year, month, yearScope, januaryFirst, yearLength);
          }
        }
      }
    }
    if (setPositions != null && selected != null && size > 0) {
      applySetPositions(setPositions, selected);
    }
    if (size == 0) {
      emptyRun++;
    } else {
      emptyRun = 0;
    }
    while (position < size && buffer[position] < startDay) {
      position++;
    }
  }

  private boolean matchesWithoutOrdinals(long day) {
    if (weekdayMask != 0 && (weekdayMask & (1 << weekday(day))) == 0) {
      return false;
    }
    if (monthMask != 0 || hasMonthDay) {
      LocalDate date = LocalDate.ofEpochDay(day);
      if (monthMask != 0 && (monthMask & (1 << date.getMonthValue())) == 0) {
        return false;
      }
      return !hasMonthDay
          || (monthDayMasks[date.lengthOfMonth() - 28] & (1 << date.getDayOfMonth())) != 0;
    }
    return true;
  }

  private void expandMonth(
      int year, int month, boolean yearScope, long januaryFirst, int yearLength) {
    LocalDate firstOfMonth = LocalDate.of(year, month, 1);
    int length = firstOfMonth.lengthOfMonth();
    long first = firstOfMonth.toEpochDay();
    int days = hasMonthDay ? monthDayMasks[length - 28] : (int) ((1L << (length + 1)) - 2);
    if (!hasByDay) {
      for (int bits = days; bits != 0; bits &= bits - 1) {
        buffer[size++] = first + Integer.numberOfTrailingZeros(bits) - 1;
      }
      return;
    }
    int firstWeekday = weekday(first);
    for (int bits = days; bits != 0; bits &= bits - 1) {
      int dayOfMonth = Integer.numberOfTrailingZeros(bits);
      int weekday = (firstWeekday + dayOfMonth - 1) % 7;
      boolean match = (weekdayMask & (1 << weekday)) != 0;
      if (!match && ordinalPositive != null && ordinalNegative != null) {
        int fromStart;
        int fromEnd;
        if (yearScope) {
          int dayOfYear = (int) (first - januaryFirst) + dayOfMonth;
          fromStart = (dayOfYear - 1) / 7 + 1;
          fromEnd = (yearLength - dayOfYear) / 7 + 1;
        } else {
          fromStart = (dayOfMonth - 1) / 7 + 1;
          fromEnd = (length - dayOfMonth) / 7 + 1;
        }
        match =
            (ordinalPositive[weekday] & (1L << fromStart)) != 0
                || (ordinalNegative[weekday] & (1L << fromEnd)) != 0;
      }
      if (match) {
        buffer[size++] = first + dayOfMonth - 1;
      }
    }
  }

  private void applySetPositions(int[] setPositions, boolean[] selected) {
    int count = 0;
    for (int position : setPositions) {
      int index = position > 0 ? position - 1 : size + position;
      if (index >= 0 && index < size && !selected[index]) {
        selected[index] = true;
        count++;
      }
    }
    int kept = 0;
    for (int i = 0; i < size && kept < count; i++) {
      if (selected[i]) {
        selected[i] = false;
        buffer[kept++] = buffer[i];
      }
    }
    size = kept;
  }
}
