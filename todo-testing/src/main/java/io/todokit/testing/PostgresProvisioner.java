package io.todokit.testing;

import io.todokit.testing.internal.ContainerStarter;
import io.todokit.testing.internal.DockerStatus;
import io.todokit.testing.internal.EmbeddedStarter;
import io.todokit.testing.internal.QuietLoggers;
import io.todokit.testing.internal.RunningServer;
import io.todokit.testing.internal.UrlConnector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a PostgreSQL: the server of {@code TODO_PG_URL}, else a Testcontainers {@code postgres:18}
 * when a Docker engine answers, else an embedded PostgreSQL 18; {@code todo.pg.provider} forces one
 * of them.
 *
 * <p>Logs exactly one line per server saying which it chose and the server's version: INFO, or WARN
 * when auto mode passed over a Docker engine that answers (an image missing, a container that did
 * not start), saying why and how to fix it. Fails at once, saying what it tried and how to fix it,
 * when none works. Auto mode never pulls an image; Testcontainers' and docker-java's loggers are
 * off while it provisions unless {@code todo.pg.docker-log=keep}. Thread-safe.
 */
public final class PostgresProvisioner {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresProvisioner.class);
  private static final Object SHARED_LOCK = new Object();
  private static @Nullable PostgresServer shared;
  private static @Nullable RuntimeException sharedFailure;

  private PostgresProvisioner() {}

  /**
   * The one server of this JVM, found from {@link ProvisioningSettings#fromEnvironment()} on first
   * use and stopped by a shutdown hook; its {@link PostgresServer#close()} does nothing.
   *
   * <p>On a URL server, the hook first drops the databases that {@link TestDatabase} created and
   * did not drop. A failure to find a server is remembered: later calls fail at once with it.
   *
   * @return the shared server
   * @throws IllegalStateException when no server can be found or started, saying how to fix it
   * @throws IllegalArgumentException when a setting is invalid
   */
  public static PostgresServer shared() {
    synchronized (SHARED_LOCK) {
      PostgresServer server = shared;
      if (server != null) {
        return server;
      }
      RuntimeException failure = sharedFailure;
      if (failure != null) {
        throw new IllegalStateException(failure.getMessage(), failure);
      }
      try {
        RunningServer running = provision(ProvisioningSettings.fromEnvironment(), false);
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      if (running.provider() == Provider.URL) {
                        TestDatabases.dropAll(running);
                      }
                      running.close();
                    },
                    "todokit-postgres-shared-closer"));
        server = new SharedServer(running);
        shared = server;
        return server;
      } catch (RuntimeException e) {
        sharedFailure = e;
        throw e;
      }
    }
  }

  /**
   * Finds or starts a new server that the caller closes; a shutdown hook closes it at JVM exit if
   * the caller did not.
   *
   * @param settings how to find the server
   * @return the server
   * @throws IllegalStateException when no server can be found or started, saying how to fix it
   */
  public static PostgresServer start(ProvisioningSettings settings) {
    Objects.requireNonNull(settings, "settings");
    return provision(settings, true);
  }

  private static RunningServer provision(
      ProvisioningSettings settings, boolean registerShutdownHook) {
    return provision(
        settings, registerShutdownHook, () -> probe(settings), ContainerStarter::start);
  }

  /**
   * What the selection logic chooses in this environment for these settings, asking Docker as
   * {@link #start} would; starts nothing.
   */
  static ProviderChoice choose(ProvisioningSettings settings) {
    QuietLoggers quiet = QuietLoggers.silence(settings.quietDockerLogs());
    try {
      return ProviderChoice.choose(settings, () -> probe(settings));
    } finally {
      quiet.close();
    }
  }

  private static DockerStatus probe(ProvisioningSettings settings) {
    return ContainerStarter.probe(settings.image(), settings.forced() == Provider.TESTCONTAINERS);
  }

  /** Starts a container: {@link ContainerStarter#start}, or a stand-in in tests. */
  @FunctionalInterface
  interface ContainerStart {
    RunningServer start(String image, Duration pullTimeout, boolean registerShutdownHook);
  }

  static RunningServer provision(
      ProvisioningSettings settings,
      boolean registerShutdownHook,
      Supplier<DockerStatus> docker,
      ContainerStart containers) {
    QuietLoggers quiet = QuietLoggers.silence(settings.quietDockerLogs());
    try {
      List<DockerStatus> asked = new ArrayList<>(1);
      ProviderChoice choice =
          ProviderChoice.choose(
              settings,
              () -> {
                DockerStatus status = docker.get();
                asked.add(status);
                return status;
              });
      List<String> tried = new ArrayList<>();
      if (settings.forced() == null) {
        tried.add("TODO_PG_URL / todo.pg.url: not set");
      }
      RunningServer server =
          switch (choice.provider()) {
            case URL -> connectUrl(settings, choice);
            case TESTCONTAINERS -> {
              try {
                yield containers.start(
                    settings.image(), settings.pullTimeout(), registerShutdownHook);
              } catch (RuntimeException | LinkageError e) {
                String why = dockerFailure(e);
                if (settings.forced() != null) {
                  throw new IllegalStateException(
                      "todokit: todo.pg.provider=testcontainers, but "
                          + why
                          + ". Or set TODO_PG_URL (or -Dtodo.pg.url), or use"
                          + " todo.pg.provider=embedded",
                      e);
                }
                LOG.debug("todokit: Testcontainers failed, trying embedded PostgreSQL", e);
                tried.add("Testcontainers (" + settings.image() + "): " + why);
                choice =
                    new ProviderChoice(
                        Provider.EMBEDDED,
                        "no TODO_PG_URL; " + why + "; set TODO_PG_PROVIDER=embedded to skip Docker",
                        true);
                yield startEmbedded(settings, choice, tried, registerShutdownHook);
              }
            }
            case EMBEDDED -> {
              if (!asked.isEmpty()) {
                tried.add("Testcontainers: " + describe(asked.get(0), choice));
              }
              yield startEmbedded(settings, choice, tried, registerShutdownHook);
            }
          };
      ProvisioningLog.chosen(
          "todokit: using " + describe(server) + " (" + choice.reason() + ")", choice.fallback());
      return server;
    } finally {
      quiet.close();
    }
  }

  /** A container start's failure as one clause: what answered, and what went wrong. */
  private static String dockerFailure(Throwable e) {
    String message = e.getMessage() != null ? e.getMessage() : e.toString();
    return message.startsWith("no Docker engine") || message.startsWith("a Docker engine")
        ? message
        : "a Docker engine answers, but " + message;
  }

  private static String describe(DockerStatus status, ProviderChoice choice) {
    return status instanceof DockerStatus.NoEngine none
        ? "no Docker engine answers (" + none.detail() + ")"
        : choice.reason();
  }

  private static RunningServer connectUrl(ProvisioningSettings settings, ProviderChoice choice) {
    String url = Objects.requireNonNull(settings.url(), "url");
    try {
      return UrlConnector.connect(
          url, settings.effectiveUser(), settings.password() != null ? settings.password() : "");
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "todokit: cannot use the PostgreSQL at "
              + url
              + " ("
              + choice.reason()
              + "): "
              + e.getMessage()
              + ". To fix: check that the server runs and the URL, TODO_PG_USER and"
              + " TODO_PG_PASSWORD are right, or unset TODO_PG_URL to use Docker or an embedded"
              + " server",
          e);
    }
  }

  private static RunningServer startEmbedded(
      ProvisioningSettings settings,
      ProviderChoice choice,
      List<String> tried,
      boolean registerShutdownHook) {
    try {
      return EmbeddedStarter.start(registerShutdownHook);
    } catch (RuntimeException | LinkageError e) {
      String platform = System.getProperty("os.name") + " " + System.getProperty("os.arch");
      tried.add("embedded PostgreSQL 18 (" + platform + "): " + e.getMessage());
      String message =
          settings.forced() != null
              ? "todokit: todo.pg.provider=embedded, but the embedded PostgreSQL did not start: "
                  + e.getMessage()
              : "todokit: found no PostgreSQL. Tried: " + String.join("; ", tried);
      throw new IllegalStateException(
          message + ". To fix: " + ProviderChoice.HOW_TO_FIX + " (" + choice.reason() + ")", e);
    }
  }

  private static String describe(RunningServer server) {
    return switch (server.provider()) {
      case URL -> "PostgreSQL " + server.serverVersion() + " at " + server.location();
      case TESTCONTAINERS ->
          "Testcontainers PostgreSQL " + server.serverVersion() + " on " + server.location();
      case EMBEDDED -> "embedded PostgreSQL " + server.serverVersion() + " on " + server.location();
    };
  }
}
