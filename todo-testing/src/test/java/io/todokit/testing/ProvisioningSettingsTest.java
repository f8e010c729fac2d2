package io.todokit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

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
                "TODO_PG_IMAGE", "postgres:15"),
            new Properties());

    assertThat(settings)
        .isEqualTo(
            new ProvisioningSettings(
                "jdbc:postgresql://db:5433/todo", "alice", "secret", Provider.URL, "postgres:15"));
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
