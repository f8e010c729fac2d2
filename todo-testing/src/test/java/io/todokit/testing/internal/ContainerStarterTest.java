package io.todokit.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cheap check before asking Testcontainers for Docker: no Docker needed. */
class ContainerStarterTest {

  @TempDir Path home;

  @BeforeEach
  void onLinuxWithoutSystemSocket() {
    assumeTrue(System.getProperty("os.name").startsWith("Linux"), "checks sockets on Linux only");
    assumeTrue(
        !Files.exists(Path.of("/var/run/docker.sock"))
            && !Files.exists(Path.of("/run/docker.sock")),
        "this machine has a Docker socket");
  }

  @Test
  void nothingHintsAtDocker() {
    assertThat(ContainerStarter.dockerMayAnswer(Map.of(), home)).isFalse();
  }

  @Test
  void dockerHostHints() {
    assertThat(ContainerStarter.dockerMayAnswer(Map.of("DOCKER_HOST", "tcp://h:2375"), home))
        .isTrue();
  }

  @Test
  void testcontainersPropertiesHint() throws IOException {
    Files.writeString(home.resolve(".testcontainers.properties"), "docker.host=tcp://h:2375\n");

    assertThat(ContainerStarter.dockerMayAnswer(Map.of(), home)).isTrue();
  }

  @Test
  void rootlessSocketHints() throws IOException {
    Path runtime = Files.createDirectories(home.resolve("run"));
    Files.createFile(runtime.resolve("docker.sock"));

    assertThat(
            ContainerStarter.dockerMayAnswer(Map.of("XDG_RUNTIME_DIR", runtime.toString()), home))
        .isTrue();
  }
}
