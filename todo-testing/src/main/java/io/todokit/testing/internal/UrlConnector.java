package io.todokit.testing.internal;

import io.todokit.testing.Provider;

/**
 * Connects to an existing server named by a URL; closing it stops nothing.
 *
 * <p>Thread-safe: stateless.
 */
public final class UrlConnector {

  private UrlConnector() {}

  /**
   * Connects to the server of a URL.
   *
   * @param url a JDBC URL or libpq URI; credentials in it win over {@code user} and {@code
   *     password}
   * @param user the user when the URL names none
   * @param password the password when the URL names none, empty for none
   * @return the server
   * @throws IllegalStateException when the server does not answer
   */
  public static RunningServer connect(String url, String user, String password) {
    PgUrl parsed = PgUrl.parse(url);
    PgUrl admin = parsed.database().isEmpty() ? parsed.withDatabase("postgres") : parsed;
    return RunningServer.connect(
        Provider.URL,
        admin,
        parsed.user() != null ? parsed.user() : user,
        parsed.password() != null ? parsed.password() : password,
        admin.jdbcUrl(),
        () -> {},
        false);
  }
}
