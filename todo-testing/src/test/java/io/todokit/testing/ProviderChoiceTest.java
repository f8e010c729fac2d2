package io.todokit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The provider selection as a pure function: no server, no Docker. */
class ProviderChoiceTest {

  private static final String URL = "jdbc:postgresql://db.example:5432/todo";

  private final AtomicInteger dockerProbes = new AtomicInteger();

  private BooleanSupplier docker(boolean answers) {
    return () -> {
      dockerProbes.incrementAndGet();
      return answers;
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
    assertThat(dockerProbes).hasValue(1);
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
        .hasMessageContaining("no Docker engine answers")
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
