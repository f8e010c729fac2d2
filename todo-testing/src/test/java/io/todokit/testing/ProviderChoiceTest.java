package io.todokit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.testing.internal.DockerStatus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The provider selection as a pure function: no server, no Docker. */
class ProviderChoiceTest {

  private static final String URL = "jdbc:postgresql://db.example:5432/todo";

  private final AtomicInteger dockerProbes = new AtomicInteger();

  private static final String ENGINE = "unix:///var/run/docker.sock";

  private Supplier<DockerStatus> docker(boolean answers) {
    return docker(
        answers ? new DockerStatus.Ready(ENGINE) : new DockerStatus.NoEngine("no Docker socket"));
  }

  private Supplier<DockerStatus> docker(DockerStatus status) {
    return () -> {
      dockerProbes.incrementAndGet();
      return status;
    };
  }

  private static ProvisioningSettings settings(String url, Provider forced) {
    return new ProvisioningSettings(url, null, null, forced, ProvisioningSettings.DEFAULT_IMAGE);
  }

  @Test
  void urlGivenChoosesUrlAndNeverProbesDocker() {
    ProviderChoice choice = ProviderChoice.choose(settings(URL, null), docker(true));

    assertThat(choice.provider()).isEqualTo(Provider.URL);
    assertThat(choice.reason()).contains("TODO_PG_URL");
    assertThat(dockerProbes).hasValue(0);
  }

  @Test
  void dockerAbsentChoosesEmbedded() {
    ProviderChoice choice = ProviderChoice.choose(settings(null, null), docker(false));

    assertThat(choice)
        .isEqualTo(new ProviderChoice(Provider.EMBEDDED, "no TODO_PG_URL, no Docker engine"));
    assertThat(choice.fallback()).isFalse();
    assertThat(dockerProbes).hasValue(1);
  }

  @Test
  void imageMissingInAutoModeFallsBackToEmbeddedSayingHowToGetIt() {
    ProviderChoice choice =
        ProviderChoice.choose(
            settings(null, null),
            docker(new DockerStatus.ImagesMissing(ENGINE, "postgres:18", null)));

    assertThat(choice.provider()).isEqualTo(Provider.EMBEDDED);
    assertThat(choice.fallback()).isTrue();
    assertThat(choice.reason())
        .isEqualTo(
            "no TODO_PG_URL; a Docker engine answers, but image postgres:18 is not present locally"
                + " (auto mode never pulls): run `docker pull postgres:18`, or set"
                + " TODO_PG_PROVIDER=testcontainers to let todokit pull within"
                + " todo.pg.pull-timeout (PT1M), or TODO_PG_PROVIDER=embedded to skip Docker");
  }

  @Test
  void ryukImageMissingInAutoModeNamesRyukAndHowToDoWithoutIt() {
    ProvisioningSettings settings =
        new ProvisioningSettings(
            null, null, null, null, "todokit/postgres:15-local", Duration.ofSeconds(5), true);

    ProviderChoice choice =
        ProviderChoice.choose(
            settings,
            docker(
                new DockerStatus.ImagesMissing(
                    ENGINE, "todokit/postgres:15-local", "testcontainers/ryuk:0.14.0")));

    assertThat(choice.provider()).isEqualTo(Provider.EMBEDDED);
    assertThat(choice.fallback()).isTrue();
    assertThat(choice.reason())
        .contains(
            "image todokit/postgres:15-local is not present locally and Testcontainers' Ryuk image"
                + " testcontainers/ryuk:0.14.0 is not present locally")
        .contains(
            "run `docker pull todokit/postgres:15-local` and `docker pull"
                + " testcontainers/ryuk:0.14.0`")
        .contains("todo.pg.pull-timeout (PT5S)")
        .contains("TESTCONTAINERS_RYUK_DISABLED=true");
  }

  @Test
  void unusableEngineInAutoModeFallsBackToEmbeddedSayingWhy() {
    ProviderChoice choice =
        ProviderChoice.choose(
            settings(null, null),
            docker(new DockerStatus.Unusable(ENGINE, "asking it for images failed: denied")));

    assertThat(choice)
        .isEqualTo(
            new ProviderChoice(
                Provider.EMBEDDED,
                "no TODO_PG_URL; a Docker engine answers at "
                    + ENGINE
                    + ", but asking it for images failed: denied; set TODO_PG_PROVIDER=embedded"
                    + " to skip Docker",
                true));
  }

  @Test
  void forcedTestcontainersTakesAnEngineWithMissingImagesSinceItMayPull() {
    ProviderChoice choice =
        ProviderChoice.choose(
            settings(null, Provider.TESTCONTAINERS),
            docker(new DockerStatus.ImagesMissing(ENGINE, "postgres:18", null)));

    assertThat(choice.provider()).isEqualTo(Provider.TESTCONTAINERS);
    assertThat(choice.fallback()).isFalse();
  }

  @Test
  void forcedTestcontainersOnAnUnusableEngineFailsSayingWhy() {
    assertThatThrownBy(
            () ->
                ProviderChoice.choose(
                    settings(null, Provider.TESTCONTAINERS),
                    docker(new DockerStatus.Unusable(ENGINE, "asking it for images failed: x"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("todo.pg.provider=testcontainers")
        .hasMessageContaining(ENGINE + " cannot be used: asking it for images failed: x")
        .hasMessageContaining("todo.pg.provider=embedded");
  }

  @Test
  void dockerPresentChoosesTestcontainers() {
    ProviderChoice choice = ProviderChoice.choose(settings(null, null), docker(true));

    assertThat(choice)
        .isEqualTo(
            new ProviderChoice(Provider.TESTCONTAINERS, "no TODO_PG_URL, a Docker engine answers"));
  }

  @Test
  void forcedEmbeddedWinsOverUrlAndDocker() {
    ProviderChoice choice = ProviderChoice.choose(settings(URL, Provider.EMBEDDED), docker(true));

    assertThat(choice)
        .isEqualTo(new ProviderChoice(Provider.EMBEDDED, "forced by todo.pg.provider=embedded"));
    assertThat(dockerProbes).hasValue(0);
  }

  @Test
  void forcedUrlWithUrlChoosesUrl() {
    ProviderChoice choice = ProviderChoice.choose(settings(URL, Provider.URL), docker(true));

    assertThat(choice.provider()).isEqualTo(Provider.URL);
    assertThat(dockerProbes).hasValue(0);
  }

  @Test
  void forcedUrlWithoutUrlFailsSayingWhatToSet() {
    assertThatThrownBy(() -> ProviderChoice.choose(settings(null, Provider.URL), docker(true)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("todo.pg.provider=url")
        .hasMessageContaining("no URL is set")
        .hasMessageContaining("TODO_PG_URL");
    assertThat(dockerProbes).hasValue(0);
  }

  @Test
  void forcedTestcontainersWithoutDockerFailsNamingDockerAndUrl() {
    assertThatThrownBy(
            () -> ProviderChoice.choose(settings(null, Provider.TESTCONTAINERS), docker(false)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no Docker engine answers (no Docker socket)")
        .hasMessageContaining("start Docker")
        .hasMessageContaining("TODO_PG_URL")
        .hasMessageContaining("todo.pg.provider=embedded");
  }

  @Test
  void forcedTestcontainersWithDockerChoosesTestcontainersEvenWithUrl() {
    ProviderChoice choice =
        ProviderChoice.choose(settings(URL, Provider.TESTCONTAINERS), docker(true));

    assertThat(choice)
        .isEqualTo(
            new ProviderChoice(
                Provider.TESTCONTAINERS, "forced by todo.pg.provider=testcontainers"));
  }
}
