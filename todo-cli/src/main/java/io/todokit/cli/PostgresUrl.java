package io.todokit.cli;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL address as pgjdbc takes it, parsed from a JDBC URL or a libpq URI, with the user and
 * password that the text carried taken out.
 *
 * <p>todo-testing has a fuller parser in its internal package; the CLI cannot depend on that module
 * (it brings Testcontainers and an embedded server), hence this small one.
 *
 * @param jdbcUrl a {@code jdbc:postgresql:} URL without user or password
 * @param user the user the text named, if any
 * @param password the password the text carried, if any
 */
record PostgresUrl(String jdbcUrl, @Nullable String user, @Nullable String password) {

  private static final String JDBC_PREFIX = "jdbc:postgresql:";
  private static final Pattern CREDENTIAL_PARAMETER = Pattern.compile("(?i)^(user|password)=(.*)$");

  PostgresUrl {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
  }

  /**
   * Parses {@code jdbc:postgresql://host:port/db?…} or {@code
   * postgresql://user:password@host:port/db?…} ({@code postgres://} too).
   *
   * @throws IllegalArgumentException when the text is neither, with a message that does not repeat
   *     a password
   */
  static PostgresUrl parse(String text) {
    String url = text.strip();
    if (url.startsWith(JDBC_PREFIX)) {
      return fromJdbc(url);
    }
    for (String scheme : List.of("postgresql://", "postgres://")) {
      if (url.startsWith(scheme)) {
        return fromLibpq(url.substring(scheme.length()));
      }
    }
    throw new IllegalArgumentException(
        "not a PostgreSQL URL: '"
            + redact(url)
            + "'; give jdbc:postgresql://host:port/database or"
            + " postgresql://user@host:port/database");
  }

  /** The URL to show: the JDBC URL, which never holds the password. */
  @Override
  public String toString() {
    return jdbcUrl;
  }

  private static PostgresUrl fromJdbc(String url) {
    int question = url.indexOf('?');
    if (question < 0) {
      return new PostgresUrl(url, null, null);
    }
    Query query = Query.split(url.substring(question + 1));
    return new PostgresUrl(
        url.substring(0, question) + query.rest(), query.user(), query.password());
  }

  private static PostgresUrl fromLibpq(String rest) {
    String query = "";
    int question = rest.indexOf('?');
    if (question >= 0) {
      query = rest.substring(question + 1);
      rest = rest.substring(0, question);
    }
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String database = slash < 0 ? "" : rest.substring(slash + 1);
    String user = null;
    String password = null;
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      authority = authority.substring(at + 1);
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
    }
    if (authority.isEmpty() || authority.startsWith("%2F") || authority.startsWith("%2f")) {
      if (!authority.isEmpty()) {
        throw new IllegalArgumentException(
            "Unix-domain sockets are not supported by the JDBC driver: give a host name");
      }
      authority = "localhost";
    }
    // libpq spells two parameters differently from pgjdbc; the rest (sslmode, …) mean the same.
    Query parameters =
        Query.split(
            query
                .replace("connect_timeout=", "connectTimeout=")
                .replace("application_name=", "ApplicationName="));
    return new PostgresUrl(
        "jdbc:postgresql://" + authority + "/" + database + parameters.rest(),
        parameters.user() != null ? parameters.user() : emptyToNull(user),
        parameters.password() != null ? parameters.password() : emptyToNull(password));
  }

  /** A query string with its user and password parameters taken out. */
  private record Query(String rest, @Nullable String user, @Nullable String password) {
    static Query split(String query) {
      List<String> kept = new ArrayList<>();
      String user = null;
      String password = null;
      for (String pair : query.split("&")) {
        var matcher = CREDENTIAL_PARAMETER.matcher(pair);
        if (pair.isEmpty()) {
          continue;
        } else if (matcher.matches() && matcher.group(1).equalsIgnoreCase("user")) {
          user = emptyToNull(decode(matcher.group(2)));
        } else if (matcher.matches()) {
          password = emptyToNull(decode(matcher.group(2)));
        } else {
          kept.add(pair);
        }
      }
      return new Query(kept.isEmpty() ? "" : "?" + String.join("&", kept), user, password);
    }
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static @Nullable String emptyToNull(@Nullable String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  /** Hides a password in text that is not a URL we understand, before it is printed. */
  private static String redact(String text) {
    return text.replaceAll("(?i)(password=)[^&]*", "$1***")
        .replaceAll("(://[^:/@]*:)[^@]*@", "$1***@");
  }
}
