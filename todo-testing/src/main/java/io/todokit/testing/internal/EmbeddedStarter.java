package io.todokit.testing.internal;

import io.todokit.testing.Provider;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a throwaway PostgreSQL from zonky's embedded binaries.
 *
 * <p>Every server lives in its own {@code todokit-pg-*} directory under {@code java.io.tmpdir}:
 * {@code data/} (the cluster), {@code server.log} (initdb's and the server's output) and {@code
 * owner.pid} (this JVM). Stopping the server removes the directory; a later start removes what a
 * JVM that was killed left behind. Thread-safe: stateless.
 */
public final class EmbeddedStarter {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStarter.class);
  private static final String DIRECTORY_PREFIX = "todokit-pg-";
  private static final String OWNER_FILE = "owner.pid";
  private static final Duration STOP_WAIT = Duration.ofSeconds(15);

  private EmbeddedStarter() {}

  /**
   * Starts a server on a free loopback port.
   *
   * @param registerShutdownHook whether the server stops itself at JVM exit
   * @return the running server
   * @throws IllegalStateException when the server does not start, with the reason and the end of
   *     its log
   */
  public static RunningServer start(boolean registerShutdownHook) {
    removeLeftovers();
    Path root;
    try {
      root = Files.createTempDirectory(DIRECTORY_PREFIX);
      Files.writeString(root.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a temporary directory: " + e, e);
    }
    Path data = root.resolve("data");
    File log = root.resolve("server.log").toFile();
    EmbeddedPostgres postgres;
    try {
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(data)
              .setCleanDataDirectory(true)
              // Our own hook (RunningServer) stops it, after the test databases are dropped.
              .setRegisterShutdownHook(false)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log))
              .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log));
      if (!System.getProperty("os.name", "").startsWith("Windows")) {
        // Keeps the Unix socket and its lock file out of /tmp.
        builder.setServerConfig("unix_socket_directories", root.toString());
      }
      postgres = builder.start();
    } catch (Exception | LinkageError e) {
      String logTail = tail(log.toPath());
      stopPostmaster(data);
      deleteRecursively(root);
      throw new IllegalStateException(
          describe(e) + (logTail.isEmpty() ? "" : "; server log ends with:\n" + logTail), e);
    }
    int port = postgres.getPort();
    Runnable stopper =
        () -> {
          try {
            postgres.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } finally {
            stopPostmaster(data);
            deleteRecursively(root);
          }
        };
    return RunningServer.connect(
        Provider.EMBEDDED,
        PgUrl.of("127.0.0.1", port, "postgres"),
        "postgres",
        "",
        "127.0.0.1:" + port,
        stopper,
        registerShutdownHook);
  }

  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (!text.isEmpty()) {
        text.append(" <- ");
      }
      text.append(cause.getClass().getSimpleName());
      if (cause.getMessage() != null) {
        text.append(": ").append(cause.getMessage());
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return text.toString();
  }

  /** Stops and deletes the servers of JVMs that died without their shutdown hooks running. */
  private static void removeLeftovers() {
    Path temp = Paths.get(System.getProperty("java.io.tmpdir"));
    try (DirectoryStream<Path> directories =
        Files.newDirectoryStream(temp, DIRECTORY_PREFIX + "*")) {
      for (Path directory : directories) {
        Optional<Long> owner = readPid(directory.resolve(OWNER_FILE));
        boolean ownerAlive =
            owner.flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
        if (owner.isPresent() && !ownerAlive) {
          LOG.debug("todokit: removing the embedded PostgreSQL left by dead JVM {}", owner.get());
          stopPostmaster(directory.resolve("data"));
          deleteRecursively(directory);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("todokit: could not look for leftover embedded servers in {}", temp, e);
    }
  }

  /** Makes sure no postmaster runs on a data directory any more (pg_ctl may have failed). */
  private static void stopPostmaster(Path data) {
    Optional<ProcessHandle> postmaster =
        readPid(data.resolve("postmaster.pid"))
            .flatMap(ProcessHandle::of)
            .filter(ProcessHandle::isAlive)
            .filter(
                process ->
                    process
                        .info()
                        .command()
                        .map(command -> command.contains("postgres"))
                        .orElse(true));
    if (postmaster.isEmpty()) {
      return;
    }
    ProcessHandle process = postmaster.get();
    LOG.debug("todokit: stopping postmaster {} on {}", process.pid(), data);
    process.destroy(); // SIGTERM: a smart shutdown; nobody is connected any more
    try {
      process.onExit().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      process.destroyForcibly();
    }
  }

  private static Optional<Long> readPid(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("todokit: could not delete {}: {}", root, e.toString());
    }
  }
}
