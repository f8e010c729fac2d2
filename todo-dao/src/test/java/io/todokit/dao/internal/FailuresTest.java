package io.todokit.dao.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.ValidationException;
import java.sql.SQLException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which errors are the infrastructure's, and how a failure is told in one line. */
class FailuresTest {

  private static RuntimeException wrapped(String sqlState) {
    return new DataAccessException("boom", new SQLException("boom", sqlState));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"08006", "08003", "40001", "40P01", "57014", "57P01", "55P03", "53300", "XX000"})
  void connectionTimeoutSerializationAndResourceErrorsAreTransient(String sqlState) {
    assertThat(Failures.isTransient(wrapped(sqlState))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"23505", "23514", "23503", "22008", "22P02", "42P01", "55000"})
  void constraintAndDataErrorsAreTheRowsOwn(String sqlState) {
    assertThat(Failures.isTransient(wrapped(sqlState))).isFalse();
  }

  @Test
  void errorsWithoutASqlStateAreNotTransient() {
    assertThat(Failures.isTransient(new IllegalStateException("x"))).isFalse();
    assertThat(Failures.isTransient(new DataAccessException("x"))).isFalse();
  }

  @Test
  void aDescriptionIsOneShortLineWithoutTheTypeOfTodokitsOwnExceptions() {
    assertThat(Failures.describe(new ValidationException("time_zone", "unknown"), 100))
        .isEqualTo("time_zone: unknown");
    assertThat(Failures.describe(new IllegalArgumentException("a\r\nb\tc"), 100))
        .isEqualTo("IllegalArgumentException: a b c");
    assertThat(Failures.describe(wrapped("23514"), 100)).isEqualTo("boom (SQLState 23514)");
    assertThat(Failures.oneLine("x".repeat(30), 10)).isEqualTo("xxxxxxxxx…");
  }
}
