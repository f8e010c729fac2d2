package io.todokit.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Quieting Testcontainers and docker-java; the tests run on slf4j-simple, plus JUL directly. */
@SuppressWarnings("try") // QuietLoggers scopes are opened for their effect only
class QuietLoggersTest {

  private static final String TC_KEY = "org.slf4j.simpleLogger.log.tc";
  private static final String TESTCONTAINERS_KEY = "org.slf4j.simpleLogger.log.org.testcontainers";

  @AfterEach
  void noScopeLeftOpen() {
    assertThat(QuietLoggers.openScopes()).isZero();
  }

  /** A logger name no earlier test created: slf4j-simple fixes levels at creation. */
  private static String fresh(String prefix) {
    return prefix + ".fresh" + UUID.randomUUID().toString().replace("-", "");
  }

  @Test
  void loggersCreatedWhileQuietAreOffEvenForErrors() {
    try (QuietLoggers quiet = QuietLoggers.silence(true)) {
      assertThat(LoggerFactory.getLogger(fresh("tc.postgres:18")).isErrorEnabled()).isFalse();
      assertThat(LoggerFactory.getLogger(fresh("org.testcontainers")).isErrorEnabled()).isFalse();
      assertThat(LoggerFactory.getLogger(fresh("com.github.dockerjava")).isErrorEnabled())
          .isFalse();
      assertThat(LoggerFactory.getLogger(fresh("io.todokit")).isInfoEnabled()).isTrue();
    }
  }

  @Test
  void afterTheScopeNewLoggersFollowTheConfigurationAgain() {
    String before = System.getProperty(TC_KEY);
    System.setProperty(TESTCONTAINERS_KEY, "warn");
    try {
      try (QuietLoggers quiet = QuietLoggers.silence(true)) {
        assertThat(System.getProperty(TESTCONTAINERS_KEY)).isEqualTo("off");
      }

      assertThat(System.getProperty(TESTCONTAINERS_KEY)).isEqualTo("warn");
      assertThat(System.getProperty(TC_KEY)).isEqualTo(before);
      assertThat(LoggerFactory.getLogger(fresh("tc.postgres:18")).isInfoEnabled()).isTrue();
      assertThat(LoggerFactory.getLogger(fresh("org.testcontainers")).isWarnEnabled()).isTrue();
      assertThat(LoggerFactory.getLogger(fresh("org.testcontainers")).isInfoEnabled()).isFalse();
    } finally {
      System.clearProperty(TESTCONTAINERS_KEY);
    }
  }

  @Test
  void overlappingScopesRestoreWhenTheLastCloses() {
    QuietLoggers first = QuietLoggers.silence(true);
    QuietLoggers second = QuietLoggers.silence(true);

    first.close();
    first.close(); // idempotent: does not count twice
    assertThat(System.getProperty(TC_KEY)).isEqualTo("off");
    assertThat(QuietLoggers.openScopes()).isEqualTo(1);

    second.close();
    assertThat(System.getProperty(TC_KEY)).isNull();
  }

  @Test
  void keepChangesNothing() {
    try (QuietLoggers quiet = QuietLoggers.silence(false)) {
      assertThat(System.getProperty(TC_KEY)).isNull();
      assertThat(LoggerFactory.getLogger(fresh("tc.postgres:18")).isInfoEnabled()).isTrue();
      assertThat(QuietLoggers.openScopes()).isZero();
    }
  }

  @Test
  void javaUtilLoggingLevelsAreSetAndPutBack() {
    String name = fresh("todokit.jul");
    java.util.logging.Logger configured = java.util.logging.Logger.getLogger(name + ".configured");
    configured.setLevel(Level.FINE);

    Runnable restore = QuietLoggers.javaUtilLogging(List.of(name, name + ".configured"));

    assertThat(java.util.logging.Logger.getLogger(name).getLevel()).isEqualTo(Level.OFF);
    assertThat(configured.getLevel()).isEqualTo(Level.OFF);
    restore.run();
    assertThat(java.util.logging.Logger.getLogger(name).getLevel()).isNull();
    assertThat(configured.getLevel()).isEqualTo(Level.FINE);
  }
}
