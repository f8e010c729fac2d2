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
   * Logs, under the provisioner's logger name, which server was chosen and why: at INFO, or at WARN
   * when a Docker engine answered but was passed over.
   *
   * @param message the whole line, e.g. {@code todokit: using embedded PostgreSQL 18.6 on …}
   * @param warning whether it is a fallback the user should know about
   */
  static void chosen(String message, boolean warning) {
    String name = PostgresProvisioner.class.getName();
    if (LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory) {
      System.getLogger(name)
          .log(warning ? System.Logger.Level.WARNING : System.Logger.Level.INFO, message);
    } else if (warning) {
      LoggerFactory.getLogger(name).warn(message);
    } else {
      LoggerFactory.getLogger(name).info(message);
    }
  }
}
