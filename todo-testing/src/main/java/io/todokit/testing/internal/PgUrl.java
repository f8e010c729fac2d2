package io.todokit.testing.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL server address parsed from a JDBC URL or a libpq URI, with its credentials taken
 * out.
 *
 * <p>Immutable and thread-safe.
 *
 * @param hosts the {@code host[:port][,host[:port]…]} part, as written
 * @param database the database's name, empty when the URL names none
 * @param parameters the other query parameters, decoded, in their order
 * @param user the user given in the URL, if any
 * @param password the password given in the URL, if any
 */
public record PgUrl(
    String hosts,
    String database,
    Map<String, String> parameters,
    @Nullable String user,
    @Nullable String password) {

  private static final String JDBC_PREFIX = "jdbc:postgresql:";

  /** Copies the parameters and checks that nothing is missing. */
  public PgUrl {
    Objects.requireNonNull(hosts, "hosts");
    Objects.requireNonNull(database, "database");
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /**
   * A URL of one host and port with no parameters.
   *
   * @param host the host name or address
   * @param port the TCP port
   * @param database the database's name
   * @return the URL
   */
  public static PgUrl of(String host, int port, String database) {
    String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return new PgUrl(hostPart + ":" + port, database, Map.of(), null, null);
  }

  /**
   * Parses {@code jdbc:postgresql://host:port/db?user=…&password=…} or a libpq URI {@code
   * postgresql://user:password@host:port/db?…}.
   *
   * @param url the text
   * @return the parsed URL
   * @throws IllegalArgumentException when the text is neither form
   */
  public static PgUrl parse(String url) {
    Objects.requireNonNull(url, "url");
    String text = url.strip();
    if (text.startsWith(JDBC_PREFIX)) {
      return parseJdbc(text.substring(JDBC_PREFIX.length()));
    }
    for (String scheme : new String[] {"postgresql://", "postgres://"}) {
      if (text.startsWith(scheme)) {
        return parseLibpq(text.substring(scheme.length()));
      }
    }
    throw new IllegalArgumentException(
        "not a PostgreSQL URL: '"
            + redact(text)
            + "'; expected jdbc:postgresql://host:port/database or"
            + " postgresql://user:password@host:port/database");
  }

  private static PgUrl parseJdbc(String rest) {
    String query = "";
    int question = rest.indexOf('?');
    if (question >= 0) {
      query = rest.substring(question + 1);
      rest = rest.substring(0, question);
    }
    String hosts;
    String database;
    if (rest.startsWith("//")) {
      rest = rest.substring(2);
      int slash = rest.indexOf('/');
      hosts = slash < 0 ? rest : rest.substring(0, slash);
      database = slash < 0 ? "" : decode(rest.substring(slash + 1), true);
    } else {
      hosts = "";
      database = decode(rest, true);
    }
    return withQuery(hosts, database, query, null, null, true);
  }

  private static PgUrl parseLibpq(String rest) {
    String query = "";
    int question = rest.indexOf('?');
    if (question >= 0) {
      query = rest.substring(question + 1);
      rest = rest.substring(0, question);
    }
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String database = slash < 0 ? "" : decode(rest.substring(slash + 1), false);
    String user = null;
    String password = null;
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      authority = authority.substring(at + 1);
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), false);
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1), false);
    }
    return withQuery(authority, database, query, user, password, false);
  }

  private static PgUrl withQuery(
      String hosts,
      String database,
      String query,
      @Nullable String user,
      @Nullable String password,
      boolean plusIsSpace) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String key = decode(equals < 0 ? pair : pair.substring(0, equals), plusIsSpace);
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1), plusIsSpace);
      switch (key) {
        case "user" -> user = value;
        case "password" -> password = value;
        default -> parameters.put(key, value);
      }
    }
    return new PgUrl(
        hosts.isEmpty() ? "localhost" : hosts,
        database,
        parameters,
        emptyToNull(user),
        emptyToNull(password));
  }

  /**
   * The same server and parameters with another database.
   *
   * @param otherDatabase the database's name
   * @return the URL
   */
  public PgUrl withDatabase(String otherDatabase) {
    return new PgUrl(hosts, otherDatabase, parameters, user, password);
  }

  /**
   * This URL as a JDBC URL, without the credentials.
   *
   * @return for example {@code jdbc:postgresql://127.0.0.1:5432/postgres?sslmode=disable}
   */
  public String jdbcUrl() {
    StringBuilder url = new StringBuilder("jdbc:postgresql://").append(hosts).append('/');
    url.append(encode(database));
    char separator = '?';
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      url.append(separator).append(encode(parameter.getKey()));
      url.append('=').append(encode(parameter.getValue()));
      separator = '&';
    }
    return url.toString();
  }

  /**
   * The URL without credentials.
   *
   * @return the same as {@link #jdbcUrl()}
   */
  @Override
  public String toString() {
    return jdbcUrl();
  }

  /**
   * Masks a password in a URL's text so that the text can go into a message.
   *
   * @param url the text
   * @return the text with {@code :password@} and {@code password=…} replaced by {@code ***}
   */
  public static String redact(String url) {
    return url.replaceAll("(?<=://)([^/@:]*):[^/@]*@", "$1:***@")
        .replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  private static @Nullable String emptyToNull(@Nullable String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  // pgjdbc decodes its URLs as HTML form data ('+' is a space); libpq URIs keep '+' as it is.
  private static String decode(String text, boolean plusIsSpace) {
    String escaped = plusIsSpace ? text : text.replace("+", "%2B");
    return URLDecoder.decode(escaped, StandardCharsets.UTF_8);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
