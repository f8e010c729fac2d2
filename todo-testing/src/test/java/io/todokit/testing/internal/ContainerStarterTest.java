package io.todokit.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** What is decided before Docker is asked, and how containers are configured: no Docker needed. */
class ContainerStarterTest {

  private static final String LINUX = "Linux";

  @TempDir Path home;
  @TempDir Path root;

  private boolean mayAnswer(Map<String, String> env) {
    return ContainerStarter.dockerMayAnswer(LINUX, env, home, root);
  }

  @Test
  void nothingHintsAtDocker() {
    assertThat(mayAnswer(Map.of())).isFalse();
  }

  @Test
  void otherSystemsAlwaysAskTestcontainers() {
    assertThat(ContainerStarter.dockerMayAnswer("Mac OS X", Map.of(), home, root)).isTrue();
  }

  @Test
  void dockerHostHints() {
    assertThat(mayAnswer(Map.of("DOCKER_HOST", "tcp://h:2375"))).isTrue();
  }

  @Test
  void systemSocketHints() throws IOException {
    Files.createDirectories(root.resolve("var/run"));
    Files.createFile(root.resolve("var/run/docker.sock"));

    assertThat(mayAnswer(Map.of())).isTrue();
  }

  @Test
  void testcontainersPropertiesNamingAHostHint() throws IOException {
    Files.writeString(home.resolve(".testcontainers.properties"), "docker.host=tcp://h:2375\n");

    assertThat(mayAnswer(Map.of())).isTrue();
  }

  @Test
  void testcontainersPropertiesNamingAnUnusualStrategyHint() throws IOException {
    Files.writeString(
        home.resolve(".testcontainers.properties"),
        "docker.client.strategy=org.testcontainers.dockerclient.DockerMachineClientProviderStrategy\n");

    assertThat(mayAnswer(Map.of())).isTrue();
  }

  @Test
  void strategyThatTestcontainersRememberedIsNoHintWithoutTheSocket() throws IOException {
    // What Testcontainers writes after one run on a machine whose engine has since stopped.
    Files.writeString(
        home.resolve(".testcontainers.properties"),
        "#Modified by Testcontainers\n"
            + "docker.client.strategy=org.testcontainers.dockerclient.UnixSocketClientProviderStrategy\n");

    assertThat(mayAnswer(Map.of())).isFalse();
  }

  @Test
  void rootlessSocketHints() throws IOException {
    Path runtime = Files.createDirectories(home.resolve("run"));
    Files.createFile(runtime.resolve("docker.sock"));

    assertThat(mayAnswer(Map.of("XDG_RUNTIME_DIR", runtime.toString()))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "postgres:18",
        "docker.io/library/postgres:18",
        "registry.example.com:5000/mirror/postgres:17",
        "postgis/postgis:17-3.5",
        "todokit/postgres:15-local",
        "ghcr.io/acme/pg@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
      })
  void anyConfiguredImageIsACompatibleSubstituteAndIsNeverPulledByTestcontainers(String image) {
    PostgreSQLContainer container = ContainerStarter.container(image);

    // Resolving the name runs the pull policy: it says "do not pull", so no Docker is needed.
    assertThat(container.getDockerImageName())
        .isEqualTo(DockerImageName.parse(image).asCanonicalNameString());
    assertThat(container.getLabels()).containsEntry(ContainerStarter.LABEL, "postgres");
  }

  @Test
  void testcontainersAloneRefusesAnImageNotNamedPostgres() {
    // Why container() declares the substitute: without it, PostGIS or a mirror fails here.
    assertThatThrownBy(() -> new PostgreSQLContainer(DockerImageName.parse("postgis/postgis:17")))
        .hasMessageContaining("compatible substitute");
  }

  @Test
  void ryukImageIsTheOneTestcontainersStarts() throws IOException {
    String classFile = "org/testcontainers/utility/RyukContainer.class";
    String constants;
    try (InputStream in =
        Objects.requireNonNull(
            ContainerStarter.class.getClassLoader().getResourceAsStream(classFile), classFile)) {
      constants = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    assertThat(constants).contains(ContainerStarter.RYUK_IMAGE);
  }

  @Test
  void describeJoinsTheCausesOnOneLineWithoutRepeats() {
    Exception inner = new IllegalStateException("Container exited with code 1\nsee log");
    Exception middle = new RuntimeException("java.lang.IllegalStateException: " + "x", inner);
    Exception outer = new RuntimeException("Container startup failed", middle);

    assertThat(ContainerStarter.describe(outer))
        .isEqualTo(
            "Container startup failed: java.lang.IllegalStateException: x:"
                + " Container exited with code 1 see log");
    assertThat(ContainerStarter.describe(new IllegalStateException(new RuntimeException("a"))))
        .isEqualTo("java.lang.RuntimeException: a");
  }
}
