package io.todokit.testing.internal;

import com.github.dockerjava.api.DockerClient;
import io.todokit.testing.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.dockerclient.TransportConfig;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;

/**
 * Starts PostgreSQL in a Docker container with Testcontainers, and finds out beforehand what the
 * Docker engine offers.
 *
 * <p>Images are looked up and pulled here, with docker-java and a deadline, never by Testcontainers
 * (whose pull retries for minutes and logs every retry). Thread-safe: stateless.
 */
public final class ContainerStarter {

  /**
   * The image of Testcontainers' Ryuk container, before image name substitution: what {@code
   * org.testcontainers.utility.RyukContainer} starts in the Testcontainers version todokit is built
   * with (a test reads it from that class, so that an upgrade cannot leave it stale).
   */
  static final String RYUK_IMAGE = "testcontainers/ryuk:0.14.0";

  /** The label on every container todokit starts, for finding leftovers. */
  public static final String LABEL = "io.todokit.testing";

  private static final Logger LOG = LoggerFactory.getLogger(ContainerStarter.class);
  private static final int LOG_LINES_KEPT = 8;

  private ContainerStarter() {}

  /**
   * What the Docker engine offers for starting {@code image}: no engine, missing images, an engine
   * that cannot be used, or all that is needed; never throws, never pulls, starts nothing.
   *
   * @param image the PostgreSQL image, as configured
   * @param askTestcontainersAnyway skip the quick look for Docker sockets and settings (for when
   *     Testcontainers is forced, so that unusual Docker set-ups are still found)
   * @return the status
   */
  public static DockerStatus probe(String image, boolean askTestcontainersAnyway) {
    if (!askTestcontainersAnyway
        && !dockerMayAnswer(
            System.getProperty("os.name", ""),
            System.getenv(),
            Paths.get(System.getProperty("user.home", "/")),
            Paths.get("/"))) {
      // Asking Testcontainers here costs time on every machine without Docker.
      return new DockerStatus.NoEngine("no DOCKER_HOST, Testcontainers setting or Docker socket");
    }
    TransportConfig transport;
    try {
      transport = DockerClientFactory.instance().getTransportConfig();
    } catch (RuntimeException | LinkageError e) {
      // Testcontainers finds no engine, or is left off the class path.
      LOG.debug("todokit: Testcontainers finds no Docker engine", e);
      return new DockerStatus.NoEngine(describe(e));
    }
    String engine = transport.getDockerHost().toString();
    String effectiveImage;
    String ryukImage;
    try {
      effectiveImage = effectiveName(image);
      ryukImage = ryukEnabled() ? effectiveName(RYUK_IMAGE) : null;
    } catch (RuntimeException | LinkageError e) {
      return new DockerStatus.Unusable(
          engine, "the image name " + image + " (TODO_PG_IMAGE) cannot be used: " + describe(e));
    }
    try (DockerClient client = DockerClientProviderStrategy.getClientForConfig(transport)) {
      String missingImage = ImagePulls.present(client, effectiveImage) ? null : effectiveImage;
      String missingRyuk =
          ryukImage == null || ImagePulls.present(client, ryukImage) ? null : ryukImage;
      return missingImage == null && missingRyuk == null
          ? new DockerStatus.Ready(engine)
          : new DockerStatus.ImagesMissing(engine, missingImage, missingRyuk);
    } catch (IOException | RuntimeException | LinkageError e) {
      LOG.debug("todokit: asking the Docker engine at {} for images failed", engine, e);
      return new DockerStatus.Unusable(engine, "asking it for images failed: " + describe(e));
    }
  }

  /**
   * Whether Testcontainers might find a Docker engine on Linux: {@code DOCKER_HOST}, a
   * Testcontainers setting that names a host or an unusual way to reach one, or a known socket;
   * {@code true} elsewhere.
   *
   * @param osName the {@code os.name} system property
   * @param env the environment variables
   * @param home the user's home directory
   * @param root the file system's root, under which the system's sockets are looked for
   */
  static boolean dockerMayAnswer(String osName, Map<String, String> env, Path home, Path root) {
    if (!osName.startsWith("Linux")
        || !env.getOrDefault("DOCKER_HOST", "").isBlank()
        || testcontainersSettingsNameAnEngine(home.resolve(".testcontainers.properties"))
        || Files.exists(home.resolve(".docker/contexts/meta"))) {
      return true;
    }
    List<Path> sockets = new ArrayList<>();
    for (String socket : new String[] {"var/run/docker.sock", "run/docker.sock"}) {
      sockets.add(root.resolve(socket));
    }
    for (String socket :
        new String[] {
          ".docker/run/docker.sock",
          ".docker/desktop/docker.sock",
          ".colima/default/docker.sock",
          ".rd/docker.sock"
        }) {
      sockets.add(home.resolve(socket));
    }
    String runtimeDirectory = env.getOrDefault("XDG_RUNTIME_DIR", "");
    if (!runtimeDirectory.isBlank()) {
      sockets.add(Paths.get(runtimeDirectory, "docker.sock"));
      sockets.add(Paths.get(runtimeDirectory, "podman", "podman.sock"));
    }
    return sockets.stream().anyMatch(Files::exists);
  }

  /**
   * Whether {@code ~/.testcontainers.properties} points somewhere the socket check cannot see.
   * Testcontainers writes the strategy that last worked into this file, so its mere presence (or
   * the Unix socket strategy in it) says nothing about whether an engine runs now.
   */
  private static boolean testcontainersSettingsNameAnEngine(Path file) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    } catch (IOException | IllegalArgumentException e) {
      return true; // unreadable: let Testcontainers decide
    }
    String strategy = properties.getProperty("docker.client.strategy", "");
    return properties.containsKey("docker.host")
        || properties.containsKey("tc.host")
        || !(strategy.isBlank() || strategy.endsWith(".UnixSocketClientProviderStrategy"));
  }

  /**
   * The Testcontainers container for an image, not started: any image is declared a compatible
   * substitute of {@code postgres} (the user vouches for it by configuring it), and Testcontainers
   * never pulls, since {@link #start} has made sure the image is there.
   *
   * @param image the image, as configured
   * @return the container
   */
  static PostgreSQLContainer container(String image) {
    DockerImageName name = DockerImageName.parse(image).asCompatibleSubstituteFor("postgres");
    return new PostgreSQLContainer(name)
        .withImagePullPolicy(imageName -> false)
        .withLabel(LABEL, "postgres");
  }

  /**
   * Starts a container of an image (for example {@code postgres:18}), pulling what is missing of it
   * and of Ryuk's image first when {@code pullTimeout} allows.
   *
   * @param image the Docker image, {@code postgres} or one that keeps its contract
   * @param pullTimeout how long pulling the missing images may take in all; zero never pulls
   * @param registerShutdownHook whether the server stops itself at JVM exit (so that it is removed
   *     even when Ryuk is disabled)
   * @return the running server
   * @throws IllegalStateException when the container does not start, saying why and, where it
   *     knows, how to fix it
   */
  public static RunningServer start(
      String image, Duration pullTimeout, boolean registerShutdownHook) {
    ImagePulls.pullMissing(image, pullTimeout);
    try {
      DockerClientFactory.instance().client();
    } catch (RuntimeException e) {
      throw new IllegalStateException(clientFailure(e), e);
    }
    Deque<String> lastLines = new ArrayDeque<>();
    PostgreSQLContainer container =
        container(image)
            .withLogConsumer(
                frame -> {
                  synchronized (lastLines) {
                    lastLines.addLast(frame.getUtf8StringWithoutLineEnding());
                    if (lastLines.size() > LOG_LINES_KEPT) {
                      lastLines.removeFirst();
                    }
                  }
                });
    try {
      container.start();
    } catch (RuntimeException e) {
      container.stop();
      String log;
      synchronized (lastLines) {
        log = lastLines.isEmpty() ? "" : "; its log ends with: " + String.join(" | ", lastLines);
      }
      throw new IllegalStateException(
          "the "
              + image
              + " container did not start: "
              + describe(e)
              + log
              + ". An image other than postgres must keep the official image's contract (see"
              + " docs/testing.md)",
          e);
    }
    String host = container.getHost();
    int port = container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
    try {
      return RunningServer.connect(
          Provider.TESTCONTAINERS,
          PgUrl.of(host, port, container.getDatabaseName()),
          container.getUsername(),
          container.getPassword(),
          host + ":" + port + " (" + image + ")",
          container::stop,
          registerShutdownHook);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "the "
              + image
              + " container started, but "
              + e.getMessage()
              + (inContainer()
                  ? ". This JVM runs inside a container: set TESTCONTAINERS_HOST_OVERRIDE to the"
                      + " address at which it reaches ports that the Docker engine publishes"
                  : ""),
          e);
    }
  }

  static String ryukHint(String name) {
    return name.equals(effectiveName(RYUK_IMAGE))
        ? ", or set TESTCONTAINERS_RYUK_DISABLED=true (todokit removes its container at JVM exit"
            + " itself)"
        : "";
  }

  static String clientFailure(RuntimeException e) {
    StringBuilder message =
        new StringBuilder("a Docker engine answers, but Testcontainers could not set up: ")
            .append(describe(e));
    if (ryukEnabled()) {
      message
          .append(". If its Ryuk container (")
          .append(effectiveName(RYUK_IMAGE))
          .append(") cannot start or be reached, set TESTCONTAINERS_RYUK_DISABLED=true (todokit")
          .append(" removes its container at JVM exit itself)");
      if (inContainer()) {
        message
            .append("; this JVM runs inside a container: set TESTCONTAINERS_HOST_OVERRIDE to the")
            .append(" address at which it reaches ports that the Docker engine publishes");
      }
    }
    return message.toString();
  }

  /**
   * Whether Testcontainers starts Ryuk: it reads only this environment variable.
   *
   * @return {@code false} when {@code TESTCONTAINERS_RYUK_DISABLED=true}
   */
  public static boolean ryukEnabled() {
    return !Boolean.parseBoolean(System.getenv("TESTCONTAINERS_RYUK_DISABLED"));
  }

  /** The name Testcontainers uses for an image, after its configured substitutions. */
  static String effectiveName(String image) {
    return ImageNameSubstitutor.instance()
        .apply(DockerImageName.parse(image))
        .asCanonicalNameString();
  }

  private static boolean inContainer() {
    return Files.exists(Paths.get("/.dockerenv")) || Files.exists(Paths.get("/run/.containerenv"));
  }

  /** The messages of a throwable and its causes, without repeats, on one line. */
  static String describe(Throwable e) {
    List<String> parts = new ArrayList<>();
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      String message = cause.getMessage();
      String part =
          message == null || message.isBlank()
              ? cause.getClass().getSimpleName()
              : message.strip().replaceAll("\\s*\\R\\s*", " ");
      if (parts.stream().noneMatch(seen -> seen.contains(part))) {
        parts.add(part);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return String.join(": ", parts);
  }
}
