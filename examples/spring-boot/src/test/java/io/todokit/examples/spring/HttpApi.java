package io.todokit.examples.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for the running service: JSON in, status, headers and parsed JSON out. */
final class HttpApi {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient client = HttpClient.newHttpClient();
  private final URI base;

  HttpApi(int port) {
    this.base = URI.create("http://localhost:" + port);
  }

  /** One exchange's outcome. */
  record Response(
      int status,
      @Nullable String contentType,
      @Nullable String location,
      @Nullable String retryAfter,
      JsonNode body) {}

  Response get(@Nullable UUID user, String path) {
    return send(user, "GET", path, null);
  }

  Response post(@Nullable UUID user, String path, String json) {
    return send(user, "POST", path, json);
  }

  Response put(@Nullable UUID user, String path, String json) {
    return send(user, "PUT", path, json);
  }

  /** Sends a request; {@code user} goes into {@code X-User-Id} unless null. */
  Response send(@Nullable UUID user, String method, String path, @Nullable String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (user != null) {
      request.header("X-User-Id", user.toString());
    }
    return send(request);
  }

  /** Sends a hand-built request (for odd headers). */
  Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      return new Response(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(null),
          response.headers().firstValue("Location").orElse(null),
          response.headers().firstValue("Retry-After").orElse(null),
          body.isEmpty() ? JSON.missingNode() : JSON.readTree(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  URI uri(String path) {
    return base.resolve(path);
  }

  /** JSON text as a tree, for exact comparisons; single quotes stand for double quotes. */
  static JsonNode json(String text) {
    return JSON.readTree(text.replace('\'', '"'));
  }
}
