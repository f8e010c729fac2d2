package io.todokit.testing;

import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * Writes the one line that says which PostgreSQL a JVM's tests run on, so that a consumer sees it
 * even without an SLF4J binding.
 *
 * <p>With a binding the line goes through SLF4J as before. Without one SLF4J would drop it (and
 * print only its "no providers" warning), so it goes to {@link System.Logger} instead: the JDK's
 * default backend, {@code java.util.logging}, prints INFO to standard error, and a bridge such as
 * {@code slf4j-jdk-platform-logging} or {@code log4j-jpl} routes it like any other line.
 */
final class ProvisioningLog {

  private ProvisioningLog() {}

  /**
   * Logs at INFO, under the provisioner's logger name, which server was chosen and why.
   *
   * @param message the whole line, e.g. {@code todokit: using embedded PostgreSQL 18.6 on …}
   */
  static void chosen(String message) {
    String name = PostgresProvisioner.class.getName();
    if (LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory) {
      System.getLogger(name).log(System.Logger.Level.INFO, message);
    } else {
      LoggerFactory.getLogger(name).info(message);
    }
  }
}
