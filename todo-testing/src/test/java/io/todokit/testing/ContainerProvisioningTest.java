package io.todokit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.model.Container;
import io.todokit.testing.internal.ContainerStarter;
import io.todokit.testing.internal.DockerStatus;
import io.todokit.testing.internal.QuietLoggers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.DockerClientFactory;

/**
 * Real containers. These tests need a Docker engine (and most of them the configured image, {@code
 * TODO_PG_IMAGE}, present locally: nothing here pulls it); where there is none they are skipped,
 * saying why. {@code .ci/docker.sh} runs them with a locally built image.
 */
@SuppressWarnings("try") // QuietLoggers scopes are opened for their effect only
class ContainerProvisioningTest {

  private static final ProvisioningSettings FORCED =
      ProvisioningSettings.fromEnvironment().withUrl(null).withForced(Provider.TESTCONTAINERS);

  @TempDir Path temp;

  /** Asks Docker as the provisioner does: without Testcontainers' chatter. */
  private static DockerStatus probe() {
    try (QuietLoggers quiet = QuietLoggers.silence(true)) {
      return ContainerStarter.probe(FORCED.image(), true);
    }
  }

  private static void assumeEngine() {
    DockerStatus status = probe();
    assumeTrue(!(status instanceof DockerStatus.NoEngine), () -> "no Docker engine: " + status);
  }

  private static void assumeImagePresent() {
    DockerStatus status = probe();
    assumeTrue(
        status instanceof DockerStatus.Ready,
        () -> "needs a Docker engine with " + FORCED.image() + " present: " + status);
  }

  private static Set<String> todokitContainers() {
    List<Container> containers;
    try (QuietLoggers quiet = QuietLoggers.silence(true)) {
      containers =
          DockerClientFactory.instance()
              .client()
              .listContainersCmd()
              .withShowAll(true)
              .withLabelFilter(Map.of(ContainerStarter.LABEL, "postgres"))
              .exec();
    }
    Set<String> ids = new HashSet<>();
    containers.forEach(container -> ids.add(container.getId()));
    return ids;
  }

  @Test
  void forcedTestcontainersServesDatabasesAndClosingRemovesTheContainer() throws Exception {
    assumeImagePresent();
    Set<String> before = todokitContainers();

    Set<String> started;
    try (PostgresServer server = PostgresProvisioner.start(FORCED)) {
      assertThat(server.provider()).isEqualTo(Provider.TESTCONTAINERS);
      assertThat(server.serverVersionNum()).isBetween(150000, 189999);
      assertThat(server.password()).isNotEmpty();
      server.createDatabase("todokit_container_check", null);
      assertThat(Sql.databaseExists(server, "todokit_container_check")).isTrue();
      assertThat(
              Sql.column(server.dataSource("todokit_container_check"), "SELECT current_database()"))
          .containsExactly("todokit_container_check");
      started = new HashSet<>(todokitContainers());
      started.removeAll(before);
      assertThat(started).hasSize(1);
    }

    assertThat(todokitContainers()).doesNotContainAnyElementsOf(started);
  }

  @Test
  void autoModeChoosesTestcontainersWhenTheImageIsPresent() {
    assumeImagePresent();
    ProvisioningSettings auto = FORCED.withForced(null);

    assertThat(PostgresProvisioner.choose(auto).provider()).isEqualTo(Provider.TESTCONTAINERS);
    try (PostgresServer server = PostgresProvisioner.start(auto)) {
      assertThat(server.provider()).isEqualTo(Provider.TESTCONTAINERS);
    }
  }

  @Test
  void autoModeNeverPullsAMissingImage() {
    assumeEngine();
    ProvisioningSettings missing =
        new ProvisioningSettings(
            null, null, null, null, "todokit/never-built:0", Duration.ofSeconds(60), true);
    long start = System.nanoTime();

    ProviderChoice choice = PostgresProvisioner.choose(missing);

    assertThat(choice.provider()).isEqualTo(Provider.EMBEDDED);
    assertThat(choice.fallback()).isTrue();
    assertThat(choice.reason()).contains("run `docker pull todokit/never-built:0`");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void forcedPullOfAMissingImageEndsWithinThePullTimeout() {
    assumeEngine();
    ProvisioningSettings missing =
        new ProvisioningSettings(
            null,
            null,
            null,
            Provider.TESTCONTAINERS,
            "todokit/never-built:0",
            Duration.ofSeconds(5),
            true);
    long start = System.nanoTime();

    assertThatThrownBy(() -> PostgresProvisioner.start(missing))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("todokit: todo.pg.provider=testcontainers, but")
        .hasMessageContaining("todokit/never-built:0")
        .hasMessageContaining("docker pull todokit/never-built:0")
        .hasMessageNotContaining("no Docker engine answers");
    // The pull timeout, plus a little for asking the engine.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void pullFromARegistryThatNeverAnswersStopsAtThePullTimeout() throws Exception {
    assumeEngine();
    List<Socket> accepted = new CopyOnWriteArrayList<>();
    try (ServerSocket registry = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                while (!registry.isClosed()) {
                  try {
                    accepted.add(registry.accept()); // and never answer
                  } catch (IOException closed) {
                    return;
                  }
                }
              },
              "silent-registry");
      acceptor.setDaemon(true);
      acceptor.start();
      String image = "127.0.0.1:" + registry.getLocalPort() + "/todokit/silent:1";
      ProvisioningSettings settings =
          new ProvisioningSettings(
              null, null, null, Provider.TESTCONTAINERS, image, Duration.ofSeconds(3), true);
      long start = System.nanoTime();

      assertThatThrownBy(() -> PostgresProvisioner.start(settings))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(image);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(took).isLessThan(Duration.ofSeconds(10));
      // An engine that runs elsewhere (a VM, a remote host) cannot reach this port and fails fast.
      if (!accepted.isEmpty()) {
        assertThatThrownBy(() -> PostgresProvisioner.start(settings))
            .hasMessageContaining("took longer than todo.pg.pull-timeout (PT3S)");
      }
    } finally {
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  /** Without Ryuk, nothing but todokit's own shutdown hooks removes a container nobody closed. */
  @ParameterizedTest
  @ValueSource(strings = {"start", "shared"})
  void containerThatNobodyClosesIsRemovedAtJvmExit(String how) throws Exception {
    assumeImagePresent();
    Set<String> before = todokitContainers();
    Path output = temp.resolve("child.log");
    ProcessBuilder child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LeavesItsContainer.class.getName(),
                how)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    child.environment().put("TESTCONTAINERS_RYUK_DISABLED", "true");
    child.environment().put("TODO_PG_IMAGE", FORCED.image());
    child.environment().put("TODO_PG_PROVIDER", "testcontainers");
    child.environment().remove("TODO_PG_URL");

    Process process = child.start();
    boolean exited = process.waitFor(120, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    String log = Files.readString(output, StandardCharsets.UTF_8);

    assertThat(exited).as("child exited; its output:%n%s", log).isTrue();
    assertThat(process.exitValue()).as("child's exit code; its output:%n%s", log).isZero();
    assertThat(log).contains("started " + Provider.TESTCONTAINERS);
    Set<String> left = new HashSet<>(todokitContainers());
    left.removeAll(before);
    assertThat(left).as("containers left by the child; its output:%n%s", log).isEmpty();
  }

  /** A JVM that starts a container, does not close it, and exits. */
  static final class LeavesItsContainer {
    private LeavesItsContainer() {}

    public static void main(String[] args) {
      PostgresServer server =
          "shared".equals(args[0])
              ? PostgresProvisioner.shared()
              : PostgresProvisioner.start(ProvisioningSettings.fromEnvironment());
      System.out.println("started " + server.provider() + " " + server.serverVersion());
      System.out.flush();
      System.exit(0);
    }
  }
}
