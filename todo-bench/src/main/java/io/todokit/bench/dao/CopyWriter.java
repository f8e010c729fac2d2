package io.todokit.bench.dao;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into a PostgreSQL {@code COPY … FROM STDIN} (text format) through a 1 MiB buffer:
 * the dataset is never held in memory. Values are written as ASCII; the generator makes no tabs,
 * newlines or backslashes, so no escaping is needed. Not thread-safe.
 */
final class CopyWriter implements AutoCloseable {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final CopyIn copy;
  private final byte[] buffer = new byte[1 << 20];
  private int length;
  private boolean firstField = true;

  CopyWriter(CopyIn copy) {
    this.copy = copy;
  }

  private void separator() {
    if (!firstField) {
      put('\t');
    }
    firstField = false;
  }

  private void put(char c) {
    if (length == buffer.length) {
      flush();
    }
    buffer[length++] = (byte) c;
  }

  CopyWriter text(@Nullable String value) {
    separator();
    if (value == null) {
      put('\\');
      put('N');
      return this;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c > 127 || c == '\t' || c == '\n' || c == '\\' || c == '\r') {
        throw new IllegalArgumentException("not plain ASCII: " + value);
      }
      put(c);
    }
    return this;
  }

  CopyWriter number(long value) {
    return text(Long.toString(value));
  }

  CopyWriter bool(boolean value) {
    return text(value ? "t" : "f");
  }

  CopyWriter uuid(@Nullable UUID value) {
    if (value == null) {
      return text(null);
    }
    separator();
    hex(value.getMostSignificantBits() >>> 32, 8);
    put('-');
    hex(value.getMostSignificantBits() >>> 16, 4);
    put('-');
    hex(value.getMostSignificantBits(), 4);
    put('-');
    hex(value.getLeastSignificantBits() >>> 48, 4);
    put('-');
    hex(value.getLeastSignificantBits(), 12);
    return this;
  }

  private void hex(long value, int digits) {
    for (int i = digits - 1; i >= 0; i--) {
      put(HEX[(int) (value >>> (i * 4)) & 0xF]);
    }
  }

  /** A timestamptz as {@code yyyy-mm-dd hh:mm:ss+00}. */
  CopyWriter instant(@Nullable Instant value) {
    if (value == null) {
      return text(null);
    }
    separator();
    LocalDateTime t = LocalDateTime.ofEpochSecond(value.getEpochSecond(), 0, ZoneOffset.UTC);
    digits(t.getYear(), 4);
    put('-');
    digits(t.getMonthValue(), 2);
    put('-');
    digits(t.getDayOfMonth(), 2);
    put(' ');
    digits(t.getHour(), 2);
    put(':');
    digits(t.getMinute(), 2);
    put(':');
    digits(t.getSecond(), 2);
    put('+');
    put('0');
    put('0');
    return this;
  }

  private void digits(int value, int count) {
    int divisor = 1;
    for (int i = 1; i < count; i++) {
      divisor *= 10;
    }
    for (; divisor > 0; divisor /= 10) {
      put((char) ('0' + (value / divisor) % 10));
    }
  }

  void endRow() {
    put('\n');
    firstField = true;
  }

  private void flush() {
    try {
      copy.writeToCopy(buffer, 0, length);
    } catch (SQLException e) {
      throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
    }
    length = 0;
  }

  /** Sends the rest and ends the COPY; returns the rows PostgreSQL took. */
  long finish() throws SQLException {
    flush();
    return copy.endCopy();
  }

  @Override
  public void close() throws SQLException {
    if (copy.isActive()) {
      copy.cancelCopy();
    }
  }
}
