package io.todokit.testing;

import io.todokit.testing.internal.PgUrl;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * How {@link PostgresProvisioner} finds a server: an optional URL and credentials, an optional
 * forced provider, and how Testcontainers runs (the image, how long a pull may take, whether its
 * loggers are quiet).
 *
 * <p>The URL may be a JDBC URL ({@code jdbc:postgresql://host:port/db}) or a libpq URI ({@code
 * postgresql://user:password@host:port/db}); it is kept as a JDBC URL without credentials, and
 * credentials written in it (in the user-info part or as {@code user=}/{@code password=}
 * parameters) take precedence over {@code user} and {@code password}. Immutable and thread-safe.
 *
 * <table>
 *   <caption>Settings read by {@link #fromEnvironment()}; a system property beats the variable
 *   </caption>
 *   <tr><th>System property</th><th>Environment variable</th><th>Default</th></tr>
 *   <tr><td>{@code todo.pg.url}</td><td>{@code TODO_PG_URL}</td><td>none</td></tr>
 *   <tr><td>{@code todo.pg.user}</td><td>{@code TODO_PG_USER}</td><td>{@code postgres}</td></tr>
 *   <tr><td>{@code todo.pg.password}</td><td>{@code TODO_PG_PASSWORD}</td><td>none</td></tr>
 *   <tr><td>{@code todo.pg.provider}</td><td>{@code TODO_PG_PROVIDER}</td>
 *       <td>{@code auto}: url, else testcontainers, else embedded</td></tr>
 *   <tr><td>{@code todo.pg.image}</td><td>{@code TODO_PG_IMAGE}</td><td>{@code postgres:18}</td></tr>
 *   <tr><td>{@code todo.pg.pull-timeout}</td><td>{@code TODO_PG_PULL_TIMEOUT}</td>
 *       <td>{@code PT60S}</td></tr>
 *   <tr><td>{@code todo.pg.docker-log}</td><td>{@code TODO_PG_DOCKER_LOG}</td>
 *       <td>{@code quiet}; or {@code keep}</td></tr>
 * </table>
 *
 * @param url the server's JDBC URL without credentials, or {@code null} to find or start one
 * @param user the user for the URL's server, or {@code null} for {@code postgres}
 * @param password the password for the URL's server, or {@code null} for none
 * @param forced the only provider to try, or {@code null} to try them in order
 * @param image the Docker image Testcontainers starts: {@code postgres} or any image that keeps its
 *     contract (docs/testing.md)
 * @param pullTimeout how long pulling missing images may take in all; they are pulled only when
 *     {@code todo.pg.provider=testcontainers} (auto mode uses Docker only when the images are
 *     there); zero never pulls
 * @param quietDockerLogs whether Testcontainers' and docker-java's loggers are off while a server
 *     is provisioned ({@code todo.pg.docker-log=quiet}); {@code false} leaves them to the logging
 *     configuration ({@code keep})
 */
public record ProvisioningSettings(
    @Nullable String url,
    @Nullable String user,
    @Nullable String password,
    @Nullable Provider forced,
    String image,
    Duration pullTimeout,
    boolean quietDockerLogs) {

  /** The Docker image used unless {@code todo.pg.image} says otherwise. */
  public static final String DEFAULT_IMAGE = "postgres:18";

  /** How long pulling images may take unless {@code todo.pg.pull-timeout} says otherwise. */
  public static final Duration DEFAULT_PULL_TIMEOUT = Duration.ofSeconds(60);

  /** The user used unless the URL or {@code todo.pg.user} says otherwise. */
  public static final String DEFAULT_USER = "postgres";

  /**
   * Normalizes the URL to a JDBC URL and moves credentials written in it to {@code user} and {@code
   * password}.
   *
   * @throws IllegalArgumentException when the URL is neither a JDBC URL nor a libpq URI, the image
   *     is blank or the pull timeout negative
   */
  public ProvisioningSettings {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(pullTimeout, "pullTimeout");
    if (image.isBlank()) {
      throw new IllegalArgumentException("image must not be blank");
    }
    if (pullTimeout.isNegative()) {
      throw new IllegalArgumentException("pullTimeout must not be negative: " + pullTimeout);
    }
    url = blankToNull(url);
    user = blankToNull(user);
    password = blankToNull(password);
    if (url != null) {
      PgUrl parsed = PgUrl.parse(url);
      url = parsed.jdbcUrl();
      if (parsed.user() != null) {
        user = parsed.user();
      }
      if (parsed.password() != null) {
        password = parsed.password();
      }
    }
  }

  /**
   * Settings with the default pull timeout and quiet Docker loggers.
   *
   * @param url the server's URL, or {@code null} to find or start one
   * @param user the user for the URL's server, or {@code null} for {@code postgres}
   * @param password the password for the URL's server, or {@code null} for none
   * @param forced the only provider to try, or {@code null} to try them in order
   * @param image the Docker image Testcontainers starts
   * @throws IllegalArgumentException when the URL is neither a JDBC URL nor a libpq URI, or the
   *     image is blank
   */
  public ProvisioningSettings(
      @Nullable String url,
      @Nullable String user,
      @Nullable String password,
      @Nullable Provider forced,
      String image) {
    this(url, user, password, forced, image, DEFAULT_PULL_TIMEOUT, true);
  }

  /**
   * Settings that try every provider in order, with the default image.
   *
   * @return the settings
   */
  public static ProvisioningSettings defaults() {
    return new ProvisioningSettings(null, null, null, null, DEFAULT_IMAGE);
  }

  /**
   * The settings from this JVM's environment variables and system properties.
   *
   * @return the settings
   * @throws IllegalArgumentException when a value is invalid, for example an unknown provider
   */
  public static ProvisioningSettings fromEnvironment() {
    return of(System.getenv(), System.getProperties());
  }

  /**
   * The settings from the given environment variables and system properties; a non-blank system
   * property beats the environment variable.
   *
   * @param env the environment variables, such as {@link System#getenv()}
   * @param systemProperties the system properties, such as {@link System#getProperties()}
   * @return the settings
   * @throws IllegalArgumentException when a value is invalid, for example an unknown provider
   */
  public static ProvisioningSettings of(Map<String, String> env, Properties systemProperties) {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(systemProperties, "systemProperties");
    String image = read(env, systemProperties, "todo.pg.image", "TODO_PG_IMAGE");
    return new ProvisioningSettings(
        read(env, systemProperties, "todo.pg.url", "TODO_PG_URL"),
        read(env, systemProperties, "todo.pg.user", "TODO_PG_USER"),
        read(env, systemProperties, "todo.pg.password", "TODO_PG_PASSWORD"),
        parseProvider(read(env, systemProperties, "todo.pg.provider", "TODO_PG_PROVIDER")),
        image != null ? image.strip() : DEFAULT_IMAGE,
        parsePullTimeout(
            read(env, systemProperties, "todo.pg.pull-timeout", "TODO_PG_PULL_TIMEOUT")),
        parseDockerLog(read(env, systemProperties, "todo.pg.docker-log", "TODO_PG_DOCKER_LOG")));
  }

  /**
   * The user to log in as: {@link #user()} or {@value #DEFAULT_USER}.
   *
   * @return the user name
   */
  public String effectiveUser() {
    return user != null ? user : DEFAULT_USER;
  }

  /**
   * The same settings with another forced provider.
   *
   * @param provider the only provider to try, or {@code null} to try them in order
   * @return the settings
   */
  public ProvisioningSettings withForced(@Nullable Provider provider) {
    return new ProvisioningSettings(
        url, user, password, provider, image, pullTimeout, quietDockerLogs);
  }

  /**
   * The same settings with another URL (and credentials written in it).
   *
   * @param otherUrl the URL, or {@code null} for none
   * @return the settings
   */
  public ProvisioningSettings withUrl(@Nullable String otherUrl) {
    return new ProvisioningSettings(
        otherUrl, user, password, forced, image, pullTimeout, quietDockerLogs);
  }

  /**
   * The settings with the password masked.
   *
   * @return a description safe to log
   */
  @Override
  public String toString() {
    return "ProvisioningSettings[url="
        + url
        + ", user="
        + user
        + ", password="
        + (password == null ? null : "***")
        + ", forced="
        + forced
        + ", image="
        + image
        + ", pullTimeout="
        + pullTimeout
        + ", quietDockerLogs="
        + quietDockerLogs
        + "]";
  }

  private static @Nullable String read(
      Map<String, String> env, Properties systemProperties, String property, String variable) {
    String value = blankToNull(systemProperties.getProperty(property));
    return value != null ? value : blankToNull(env.get(variable));
  }

  private static @Nullable Provider parseProvider(@Nullable String value) {
    if (value == null || value.strip().equalsIgnoreCase("auto")) {
      return null;
    }
    String wanted = value.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(Provider.values())
        .filter(provider -> provider.settingValue().equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown todo.pg.provider (TODO_PG_PROVIDER) value '"
                        + value
                        + "': valid values are "
                        + Arrays.stream(Provider.values())
                            .map(Provider::settingValue)
                            .collect(Collectors.joining(", "))
                        + " (or auto, the default: url, else testcontainers, else embedded)"));
  }

  private static Duration parsePullTimeout(@Nullable String value) {
    if (value == null) {
      return DEFAULT_PULL_TIMEOUT;
    }
    String text = value.strip();
    try {
      Duration timeout =
          text.chars().allMatch(Character::isDigit)
              ? Duration.ofSeconds(Long.parseLong(text))
              : Duration.parse(text);
      if (!timeout.isNegative()) {
        return timeout;
      }
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      // Reported below, with what is expected.
    }
    throw new IllegalArgumentException(
        "invalid todo.pg.pull-timeout (TODO_PG_PULL_TIMEOUT) value '"
            + value
            + "': expected an ISO-8601 duration such as PT60S or PT5M, or a number of seconds"
            + " (0 never pulls)");
  }

  private static boolean parseDockerLog(@Nullable String value) {
    if (value == null) {
      return true;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "quiet" -> true;
      case "keep" -> false;
      default ->
          throw new IllegalArgumentException(
              "unknown todo.pg.docker-log (TODO_PG_DOCKER_LOG) value '"
                  + value
                  + "': valid values are quiet (the default: Testcontainers' and docker-java's"
                  + " loggers are off while todokit provisions) and keep (leave them to your"
                  + " logging configuration)");
    };
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
