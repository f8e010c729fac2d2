package io.todokit.testing.internal;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the Docker engine offers todokit, as {@link ContainerStarter#probe} finds it before any
 * container is started or any image pulled.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface DockerStatus {

  /**
   * No Docker engine answers (or Testcontainers is not on the class path).
   *
   * @param detail why, for messages
   */
  record NoEngine(String detail) implements DockerStatus {
    /** Checks that nothing is missing. */
    public NoEngine {
      Objects.requireNonNull(detail, "detail");
    }
  }

  /**
   * An engine answers, but an image that starting the server needs is not present locally.
   *
   * @param engine the engine's address, for example {@code unix:///var/run/docker.sock}
   * @param image the PostgreSQL image when it is missing, as Testcontainers names it
   * @param ryukImage Testcontainers' Ryuk image when Ryuk is enabled and its image is missing
   */
  record ImagesMissing(String engine, @Nullable String image, @Nullable String ryukImage)
      implements DockerStatus {
    /**
     * Checks that at least one image is missing.
     *
     * @throws IllegalArgumentException when both images are {@code null}
     */
    public ImagesMissing {
      Objects.requireNonNull(engine, "engine");
      if (image == null && ryukImage == null) {
        throw new IllegalArgumentException("no image is missing");
      }
    }
  }

  /**
   * An engine answers but cannot be used, for example because asking it about images fails.
   *
   * @param engine the engine's address
   * @param detail why, for messages
   */
  record Unusable(String engine, String detail) implements DockerStatus {
    /** Checks that nothing is missing. */
    public Unusable {
      Objects.requireNonNull(engine, "engine");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /**
   * An engine answers and has every image that starting the server needs.
   *
   * @param engine the engine's address
   */
  record Ready(String engine) implements DockerStatus {
    /** Checks that nothing is missing. */
    public Ready {
      Objects.requireNonNull(engine, "engine");
    }
  }
}
