package io.todokit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading the settings from environment variables and system properties: no server. */
class ProvisioningSettingsTest {

  private static Properties properties(String... keysAndValues) {
    Properties properties = new Properties();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return properties;
  }

  @Test
  void nothingSetMeansEveryProviderInOrderWithDefaults() {
    ProvisioningSettings settings = ProvisioningSettings.of(Map.of(), new Properties());

    assertThat(settings).isEqualTo(ProvisioningSettings.defaults());
    assertThat(settings.url()).isNull();
    assertThat(settings.forced()).isNull();
    assertThat(settings.image()).isEqualTo("postgres:18");
    assertThat(settings.effectiveUser()).isEqualTo("postgres");
    assertThat(settings.pullTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.quietDockerLogs()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"PT90S, 90", "pt2m, 120", "45, 45", "0, 0", "' PT0.5S ', 0.5"})
  void pullTimeoutIsAnIsoDurationOrSeconds(String value, double seconds) {
    ProvisioningSettings settings =
        ProvisioningSettings.of(Map.of("TODO_PG_PULL_TIMEOUT", value), new Properties());

    assertThat(settings.pullTimeout()).isEqualTo(Duration.ofMillis((long) (seconds * 1000)));
  }

  @Test
  void pullTimeoutPropertyBeatsTheVariable() {
    ProvisioningSettings settings =
        ProvisioningSettings.of(
            Map.of("TODO_PG_PULL_TIMEOUT", "PT10S"), properties("todo.pg.pull-timeout", "PT20S"));

    assertThat(settings.pullTimeout()).isEqualTo(Duration.ofSeconds(20));
  }

  @ParameterizedTest
  @ValueSource(strings = {"60s", "-PT1S", "soon", "-5", "1.5"})
  void invalidPullTimeoutFailsSayingWhatIsExpected(String value) {
    assertThatThrownBy(
            () -> ProvisioningSettings.of(Map.of("TODO_PG_PULL_TIMEOUT", value), new Properties()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("todo.pg.pull-timeout (TODO_PG_PULL_TIMEOUT)")
        .hasMessageContaining("'" + value + "'")
        .hasMessageContaining("PT60S");
  }

  @Test
  void dockerLogKeepLeavesTheLoggersAlone() {
    assertThat(
            ProvisioningSettings.of(Map.of("TODO_PG_DOCKER_LOG", "KEEP"), new Properties())
                .quietDockerLogs())
        .isFalse();
    assertThat(
            ProvisioningSettings.of(Map.of(), properties("todo.pg.docker-log", "quiet"))
                .quietDockerLogs())
        .isTrue();
  }

  @Test
  void unknownDockerLogValueFailsListingTheValidValues() {
    assertThatThrownBy(
            () -> ProvisioningSettings.of(Map.of("TODO_PG_DOCKER_LOG", "loud"), new Properties()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'loud'")
        .hasMessageContaining("quiet")
        .hasMessageContaining("keep");
  }

  @Test
  void forcedAndUrlCopiesKeepTheDockerSettings() {
    ProvisioningSettings settings =
        new ProvisioningSettings(null, null, null, null, "img:1", Duration.ofSeconds(7), false);

    ProvisioningSettings copy =
        settings.withForced(Provider.TESTCONTAINERS).withUrl("jdbc:postgresql://h/db");

    assertThat(copy.pullTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(copy.quietDockerLogs()).isFalse();
    assertThat(copy.image()).isEqualTo("img:1");
  }

  @Test
  void negativePullTimeoutIsRefusedByTheConstructor() {
    assertThatThrownBy(
            () ->
                new ProvisioningSettings(
                    null, null, null, null, "postgres:18", Duration.ofSeconds(-1), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pullTimeout");
  }

  @Test
  void environmentVariablesAreRead() {
    ProvisioningSettings settings =
        ProvisioningSettings.of(
            Map.of(
                "TODO_PG_URL", "jdbc:postgresql://db:5433/todo",
                "TODO_PG_USER", "alice",
                "TODO_PG_PASSWORD", "secret",
                "TODO_PG_PROVIDER", "url",
                "TODO_PG_IMAGE", "docker.io/library/postgres:15"),
            new Properties());

    assertThat(settings)
        .isEqualTo(
            new ProvisioningSettings(
                "jdbc:postgresql://db:5433/todo",
                "alice",
                "secret",
                Provider.URL,
                "docker.io/library/postgres:15"));
  }

  @Test
  void systemPropertyBeatsEnvironmentVariable() {
    ProvisioningSettings settings =
        ProvisioningSettings.of(
            Map.of(
                "TODO_PG_URL", "jdbc:postgresql://from-env:5432/env",
                "TODO_PG_USER", "env-user",
                "TODO_PG_PROVIDER", "url"),
            properties(
                "todo.pg.url", "jdbc:postgresql://from-property:5432/prop",
                "todo.pg.user", "property-user",
                "todo.pg.provider", "EMBEDDED"));

    assertThat(settings.url()).isEqualTo("jdbc:postgresql://from-property:5432/prop");
    assertThat(settings.user()).isEqualTo("property-user");
    assertThat(settings.forced()).isEqualTo(Provider.EMBEDDED);
  }

  @Test
  void blankSystemPropertyFallsBackToEnvironmentVariable() {
    ProvisioningSettings settings =
        ProvisioningSettings.of(
            Map.of("TODO_PG_URL", "jdbc:postgresql://from-env:5432/env"),
            properties("todo.pg.url", "  "));

    assertThat(settings.url()).isEqualTo("jdbc:postgresql://from-env:5432/env");
  }

  @Test
  void autoProviderMeansNoneForced() {
    ProvisioningSettings settings =
        ProvisioningSettings.of(
            Map.of("TODO_PG_PROVIDER", "embedded"), properties("todo.pg.provider", "auto"));

    assertThat(settings.forced()).isNull();
  }

  @Test
  void libpqUriIsConvertedToJdbcWithItsCredentials() {
    ProvisioningSettings settings =
        ProvisioningSettings.of(
            Map.of(
                "TODO_PG_URL", "postgresql://bob:p%40ss+word@db.example:6543/todo?sslmode=require"),
            new Properties());

    assertThat(settings.url()).isEqualTo("jdbc:postgresql://db.example:6543/todo?sslmode=require");
    assertThat(settings.user()).isEqualTo("bob");
    assertThat(settings.password()).isEqualTo("p@ss+word");
  }

  @Test
  void postgresSchemeAndMissingPortAreAccepted() {
    ProvisioningSettings settings =
        ProvisioningSettings.of(
            Map.of("TODO_PG_URL", "postgres://carol@localhost/app"), new Properties());

    assertThat(settings.url()).isEqualTo("jdbc:postgresql://localhost/app");
    assertThat(settings.user()).isEqualTo("carol");
    assertThat(settings.password()).isNull();
  }

  @Test
  void credentialsInJdbcQueryAreTakenOutOfTheUrl() {
    ProvisioningSettings settings =
        ProvisioningSettings.of(
            Map.of(
                "TODO_PG_URL",
                "jdbc:postgresql://127.0.0.1:55432/postgres?user=dave&password=pw&ssl=false",
                "TODO_PG_USER",
                "ignored"),
            new Properties());

    assertThat(settings.url()).isEqualTo("jdbc:postgresql://127.0.0.1:55432/postgres?ssl=false");
    assertThat(settings.user()).isEqualTo("dave");
    assertThat(settings.password()).isEqualTo("pw");
  }

  @Test
  void unknownProviderFailsListingTheValidValues() {
    assertThatThrownBy(
            () -> ProvisioningSettings.of(Map.of("TODO_PG_PROVIDER", "docker"), new Properties()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'docker'")
        .hasMessageContaining("url, testcontainers, embedded");
  }

  @Test
  void malformedUrlFailsWithoutShowingThePassword() {
    assertThatThrownBy(
            () ->
                ProvisioningSettings.of(
                    Map.of("TODO_PG_URL", "mysql://root:hunter2@db/x"), new Properties()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:postgresql://host:port/database")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void toStringMasksThePassword() {
    ProvisioningSettings settings =
        new ProvisioningSettings("postgresql://u:hunter2@h/db", null, null, null, "postgres:18");

    assertThat(settings.toString()).doesNotContain("hunter2").contains("password=***");
  }
}
