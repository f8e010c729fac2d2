package io.todokit.testing.internal;

import io.todokit.testing.Provider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Starts PostgreSQL in a Docker container with Testcontainers, and asks whether Docker answers.
 *
 * <p>Thread-safe: stateless.
 */
public final class ContainerStarter {

  private static final Logger LOG = LoggerFactory.getLogger(ContainerStarter.class);

  private ContainerStarter() {}

  /**
   * Whether a Docker engine answers; never throws.
   *
   * @return {@code true} when Testcontainers can reach a Docker engine
   */
  public static boolean dockerAvailable() {
    return dockerAvailable(false);
  }

  /**
   * Whether a Docker engine answers; never throws.
   *
   * @param askTestcontainersAnyway skip the quick look for Docker sockets and settings (for when
   *     Testcontainers is forced, so that unusual Docker set-ups are still found)
   * @return {@code true} when Testcontainers can reach a Docker engine
   */
  public static boolean dockerAvailable(boolean askTestcontainersAnyway) {
    if (!askTestcontainersAnyway
        && !dockerMayAnswer(System.getenv(), Paths.get(System.getProperty("user.home", "/")))) {
      // Asking Testcontainers here would log an ERROR on every machine without Docker.
      LOG.debug(
          "todokit: no DOCKER_HOST, Docker context or Docker socket: not asking Testcontainers");
      return false;
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      // Testcontainers may throw instead of answering false, or be left off the class path.
      LOG.debug("todokit: asking Testcontainers for a Docker engine failed", e);
      return false;
    }
  }

  /**
   * Whether Testcontainers might find a Docker engine on Linux: {@code DOCKER_HOST}, a
   * Testcontainers or Docker context setting, or a known socket; {@code true} elsewhere.
   */
  static boolean dockerMayAnswer(Map<String, String> env, Path home) {
    if (!System.getProperty("os.name", "").startsWith("Linux")
        || !env.getOrDefault("DOCKER_HOST", "").isBlank()
        || Files.exists(home.resolve(".testcontainers.properties"))
        || Files.exists(home.resolve(".docker/contexts/meta"))) {
      return true;
    }
    List<Path> sockets = new ArrayList<>();
    for (String socket : new String[] {"/var/run/docker.sock", "/run/docker.sock"}) {
      sockets.add(Paths.get(socket));
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
   * Starts a container of an image (for example {@code postgres:18}).
   *
   * @param image the Docker image
   * @param registerShutdownHook whether the server stops itself at JVM exit (Testcontainers' Ryuk
   *     removes the container even if it does not)
   * @return the running server
   * @throws RuntimeException when the container does not start
   */
  public static RunningServer start(String image, boolean registerShutdownHook) {
    PostgreSQLContainer container = new PostgreSQLContainer(image);
    try {
      container.start();
    } catch (RuntimeException e) {
      container.stop();
      throw e;
    }
    String host = container.getHost();
    int port = container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
    return RunningServer.connect(
        Provider.TESTCONTAINERS,
        PgUrl.of(host, port, container.getDatabaseName()),
        container.getUsername(),
        container.getPassword(),
        host + ":" + port + " (" + image + ")",
        container::stop,
        registerShutdownHook);
  }
}
