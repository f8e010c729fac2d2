package io.todokit.testing;

import io.todokit.testing.internal.PgUrl;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * How {@link PostgresProvisioner} finds a server: an optional URL and credentials, an optional
 * forced provider, and the Docker image for Testcontainers.
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
 * </table>
 *
 * @param url the server's JDBC URL without credentials, or {@code null} to find or start one
 * @param user the user for the URL's server, or {@code null} for {@code postgres}
 * @param password the password for the URL's server, or {@code null} for none
 * @param forced the only provider to try, or {@code null} to try them in order
 * @param image the Docker image Testcontainers starts
 */
public record ProvisioningSettings(
    @Nullable String url,
    @Nullable String user,
    @Nullable String password,
    @Nullable Provider forced,
    String image) {

  /** The Docker image used unless {@code todo.pg.image} says otherwise. */
  public static final String DEFAULT_IMAGE = "postgres:18";

  /** The user used unless the URL or {@code todo.pg.user} says otherwise. */
  public static final String DEFAULT_USER = "postgres";

  /**
   * Normalizes the URL to a JDBC URL and moves credentials written in it to {@code user} and {@code
   * password}.
   *
   * @throws IllegalArgumentException when the URL is neither a JDBC URL nor a libpq URI
   */
  public ProvisioningSettings {
    Objects.requireNonNull(image, "image");
    if (image.isBlank()) {
      throw new IllegalArgumentException("image must not be blank");
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
        image != null ? image : DEFAULT_IMAGE);
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
    return new ProvisioningSettings(url, user, password, provider, image);
  }

  /**
   * The same settings with another URL (and credentials written in it).
   *
   * @param otherUrl the URL, or {@code null} for none
   * @return the settings
   */
  public ProvisioningSettings withUrl(@Nullable String otherUrl) {
    return new ProvisioningSettings(otherUrl, user, password, forced, image);
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

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
