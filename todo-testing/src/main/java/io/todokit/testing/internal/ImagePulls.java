package io.todokit.testing.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.dockerclient.TransportConfig;
import org.testcontainers.utility.DockerImageName;

/** Pulls the images a container needs that the engine does not have, within a deadline. */
final class ImagePulls {

  private static final Logger LOG = LoggerFactory.getLogger(ImagePulls.class);

  private ImagePulls() {}

  static void pullMissing(String image, Duration pullTimeout) {
    TransportConfig transport;
    try {
      transport = DockerClientFactory.instance().getTransportConfig();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "no Docker engine answers: " + ContainerStarter.describe(e), e);
    }
    try (DockerClient client = DockerClientProviderStrategy.getClientForConfig(transport)) {
      Set<String> needed = new LinkedHashSet<>();
      needed.add(ContainerStarter.effectiveName(image));
      if (ContainerStarter.ryukEnabled()) {
        needed.add(ContainerStarter.effectiveName(ContainerStarter.RYUK_IMAGE));
      }
      long deadline = System.nanoTime() + pullTimeout.toNanos();
      for (String name : needed) {
        if (present(client, name)) {
          continue;
        }
        if (pullTimeout.isZero()) {
          throw new IllegalStateException(
              "image "
                  + name
                  + " is not present locally and todo.pg.pull-timeout is 0: run `docker pull "
                  + name
                  + "`"
                  + ContainerStarter.ryukHint(name));
        }
        pull(client, name, deadline, pullTimeout);
      }
    } catch (IOException e) {
      LOG.debug("todokit: could not close a Docker client", e);
    }
  }

  private static void pull(DockerClient client, String name, long deadline, Duration timeout) {
    DockerImageName parsed = DockerImageName.parse(name);
    PullCallback callback = new PullCallback();
    long started = System.nanoTime();
    LOG.debug("todokit: pulling {}", name);
    client
        .pullImageCmd(parsed.getUnversionedPart())
        .withTag(parsed.getVersionPart())
        .exec(callback);
    boolean done;
    try {
      done = callback.awaitCompletion(Math.max(0, deadline - started), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      callback.closeQuietly();
      throw new IllegalStateException("interrupted while pulling " + name, e);
    }
    if (!done) {
      callback.closeQuietly();
      throw new IllegalStateException(
          "pulling image "
              + name
              + " took longer than todo.pg.pull-timeout ("
              + timeout
              + "): run `docker pull "
              + name
              + "` yourself, or raise TODO_PG_PULL_TIMEOUT"
              + ContainerStarter.ryukHint(name));
    }
    String error = callback.error();
    if (error != null || !present(client, name)) {
      throw new IllegalStateException(
          "cannot pull image "
              + name
              + ": "
              + (error != null ? error : "the pull ended without the image")
              + ". Check the name and the registry, or pull it yourself (docker pull "
              + name
              + ")"
              + ContainerStarter.ryukHint(name));
    }
    LOG.debug(
        "todokit: pulled {} in {} ms",
        name,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  static boolean present(DockerClient client, String image) {
    try {
      client.inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /** Collects a pull's first error without logging it (docker-java's own callback logs ERROR). */
  private static final class PullCallback extends ResultCallback.Adapter<PullResponseItem> {

    private volatile @Nullable String error;

    @Override
    @SuppressWarnings("deprecation") // getError(): older engines send no errorDetail
    public void onNext(PullResponseItem item) {
      if (item.isErrorIndicated() && error == null) {
        error =
            item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                ? item.getErrorDetail().getMessage()
                : item.getError();
      }
    }

    @Override
    public void onError(Throwable throwable) {
      if (error == null) {
        error = ContainerStarter.describe(throwable);
      }
      closeQuietly();
    }

    @Nullable String error() {
      return error;
    }

    void closeQuietly() {
      try {
        close();
      } catch (IOException e) {
        LOG.debug("todokit: could not close a pull", e);
      }
    }
  }
}
