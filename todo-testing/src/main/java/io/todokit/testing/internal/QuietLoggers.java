package io.todokit.testing.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Turns Testcontainers' and docker-java's loggers off while todokit provisions a server, and puts
 * them back afterwards.
 *
 * <p>todokit logs through slf4j and brings no backend, and slf4j cannot set levels; so this sets
 * them in the backends it recognises, reflectively: Logback, Log4j 2, {@code java.util.logging}
 * (slf4j-jdk14), and slf4j-simple (also Maven's own logger) through its {@code
 * org.slf4j.simpleLogger.log.*} system properties. slf4j-simple fixes a logger's level when the
 * logger is created, so loggers that Testcontainers creates during provisioning stay off for the
 * JVM there. Other backends are left alone. {@code todo.pg.docker-log=keep} turns all of this off.
 *
 * <p>Thread-safe: scopes may overlap across threads; the first one silences, the last one to close
 * restores.
 */
public final class QuietLoggers implements AutoCloseable {

  /** Testcontainers' classes, its per-image loggers ({@code tc.<image>}), and docker-java. */
  public static final List<String> NAMES =
      List.of("org.testcontainers", "tc", "com.github.dockerjava");

  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(QuietLoggers.class);
  private static final String SIMPLE_LOGGER_PREFIX = "org.slf4j.simpleLogger.log.";
  private static final Object LOCK = new Object();
  private static int open;
  private static List<Runnable> restorers = List.of();

  private final boolean active;
  private boolean closed;

  private QuietLoggers(boolean active) {
    this.active = active;
  }

  /**
   * Silences {@link #NAMES} until the returned scope is closed.
   *
   * @param enabled {@code false} to change nothing (a scope that does nothing)
   * @return the scope to close
   */
  public static QuietLoggers silence(boolean enabled) {
    if (!enabled) {
      return new QuietLoggers(false);
    }
    synchronized (LOCK) {
      if (open++ == 0) {
        restorers = silenceAll(NAMES);
      }
    }
    return new QuietLoggers(true);
  }

  /** Restores the loggers when this is the last open scope; idempotent. */
  @Override
  public void close() {
    if (!active) {
      return;
    }
    synchronized (LOCK) {
      if (closed) {
        return;
      }
      closed = true;
      if (--open == 0) {
        List<Runnable> undo = restorers;
        restorers = List.of();
        for (int i = undo.size() - 1; i >= 0; i--) {
          undo.get(i).run();
        }
      }
    }
  }

  private static List<Runnable> silenceAll(List<String> names) {
    List<Runnable> undo = new ArrayList<>();
    undo.add(simpleLoggerProperties(names));
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    String backend = factory.getClass().getName();
    try {
      switch (backend) {
        case "ch.qos.logback.classic.LoggerContext" -> undo.add(logback(names));
        case "org.apache.logging.slf4j.Log4jLoggerFactory" -> undo.add(log4j(names, factory));
        case "org.slf4j.jul.JDK14LoggerFactory", "org.slf4j.impl.JDK14LoggerFactory" ->
            undo.add(javaUtilLogging(names));
        default -> LOG.trace("todokit: no levels to set for slf4j backend {}", backend);
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      LOG.debug("todokit: could not quiet the Docker loggers in {}", backend, e);
    }
    return undo;
  }

  /** slf4j-simple and Maven's logger read these when they create a logger. */
  static Runnable simpleLoggerProperties(List<String> names) {
    List<Runnable> undo = new ArrayList<>();
    for (String name : names) {
      String key = SIMPLE_LOGGER_PREFIX + name;
      String previous = System.getProperty(key);
      System.setProperty(key, "off");
      undo.add(
          () -> {
            if (previous == null) {
              System.clearProperty(key);
            } else {
              System.setProperty(key, previous);
            }
          });
    }
    return () -> undo.forEach(Runnable::run);
  }

  /** Holds the loggers strongly while they are silenced: JUL keeps them only weakly. */
  static Runnable javaUtilLogging(List<String> names) {
    List<Runnable> undo = new ArrayList<>();
    for (String name : names) {
      java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
      Level previous = logger.getLevel();
      logger.setLevel(Level.OFF);
      undo.add(() -> logger.setLevel(previous));
    }
    return () -> undo.forEach(Runnable::run);
  }

  private static Runnable logback(List<String> names) throws ReflectiveOperationException {
    ClassLoader loader = LoggerFactory.getILoggerFactory().getClass().getClassLoader();
    Class<?> loggerClass = Class.forName("ch.qos.logback.classic.Logger", true, loader);
    Class<?> levelClass = Class.forName("ch.qos.logback.classic.Level", true, loader);
    Method getLevel = loggerClass.getMethod("getLevel");
    Method setLevel = loggerClass.getMethod("setLevel", levelClass);
    Object off = levelClass.getField("OFF").get(null);
    List<Runnable> undo = new ArrayList<>();
    for (String name : names) {
      Object logger = LoggerFactory.getLogger(name);
      @Nullable Object previous =
          getLevel.invoke(logger); // null: inherited, which setLevel(null) restores
      setLevel.invoke(logger, off);
      undo.add(() -> invoke(setLevel, logger, previous));
    }
    return () -> undo.forEach(Runnable::run);
  }

  private static Runnable log4j(List<String> names, ILoggerFactory factory)
      throws ReflectiveOperationException {
    ClassLoader loader = factory.getClass().getClassLoader();
    Class<?> levelClass = Class.forName("org.apache.logging.log4j.Level", true, loader);
    Class<?> loggerClass = Class.forName("org.apache.logging.log4j.Logger", true, loader);
    Method getLogger =
        Class.forName("org.apache.logging.log4j.LogManager", true, loader)
            .getMethod("getLogger", String.class);
    Method getLevel = loggerClass.getMethod("getLevel");
    Method setLevel =
        Class.forName("org.apache.logging.log4j.core.config.Configurator", true, loader)
            .getMethod("setLevel", String.class, levelClass);
    Object off = levelClass.getField("OFF").get(null);
    List<Runnable> undo = new ArrayList<>();
    for (String name : names) {
      Object previous = getLevel.invoke(getLogger.invoke(null, name)); // the effective level
      setLevel.invoke(null, name, off);
      undo.add(() -> invoke(setLevel, null, name, previous));
    }
    return () -> undo.forEach(Runnable::run);
  }

  private static void invoke(
      Method method, @Nullable Object target, @Nullable Object... arguments) {
    try {
      method.invoke(target, arguments);
    } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
      LOG.debug("todokit: could not restore a Docker logger's level with {}", method, e);
    }
  }

  static int openScopes() {
    synchronized (LOCK) {
      return open;
    }
  }
}
