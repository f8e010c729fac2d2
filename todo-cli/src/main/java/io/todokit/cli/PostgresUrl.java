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
 * the passwords that the text carried taken out.
 *
 * <p>todo-testing has a fuller parser in its internal package; the CLI cannot depend on that module
 * (it brings Testcontainers and an embedded server), hence this small one.
 *
 * @param jdbcUrl a {@code jdbc:postgresql:} URL without user or passwords
 * @param user the user the text named, if any
 * @param password the password the text carried ({@code user:password@} or {@code password=}), if
 *     any
 * @param sslPassword the password of the SSL client key ({@code sslpassword=}), if any
 */
record PostgresUrl(
    String jdbcUrl,
    @Nullable String user,
    @Nullable String password,
    @Nullable String sslPassword) {

  private static final String JDBC_PREFIX = "jdbc:postgresql:";
  private static final Pattern CREDENTIAL_PARAMETER =
      Pattern.compile("(?i)^(user|password|sslpassword)=(.*)$");

  PostgresUrl {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
  }

  /** An address without an SSL key password. */
  PostgresUrl(String jdbcUrl, @Nullable String user, @Nullable String password) {
    this(jdbcUrl, user, password, null);
  }

  /** True when the text carried a password of either kind. */
  boolean carriesPassword() {
    return password != null || sslPassword != null;
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

  /**
   * The URL to show: the JDBC URL, which holds no password, and in which anything that still looks
   * like one (a {@code user:…@} the parser did not take out) is hidden.
   */
  @Override
  public String toString() {
    return redact(jdbcUrl);
  }

  private static PostgresUrl fromJdbc(String url) {
    String base = url;
    Query query = Query.split("");
    int question = url.indexOf('?');
    if (question >= 0) {
      base = url.substring(0, question);
      query = Query.split(url.substring(question + 1));
    }
    // pgjdbc has no user:password@ in its URLs: it would take them for part of a host name (and
    // print them in its errors). Take them out as a libpq URI's.
    UserInfo userInfo = new UserInfo(base, null, null);
    String hosts = JDBC_PREFIX + "//";
    if (base.startsWith(hosts)) {
      UserInfo split = UserInfo.split(base.substring(hosts.length()));
      userInfo = new UserInfo(hosts + split.rest(), split.user(), split.password());
    }
    return new PostgresUrl(
        userInfo.rest() + query.rest(),
        query.user() != null ? query.user() : userInfo.user(),
        query.password() != null ? query.password() : userInfo.password(),
        query.sslPassword());
  }

  private static PostgresUrl fromLibpq(String rest) {
    String query = "";
    int question = rest.indexOf('?');
    if (question >= 0) {
      query = rest.substring(question + 1);
      rest = rest.substring(0, question);
    }
    UserInfo userInfo = UserInfo.split(rest);
    rest = userInfo.rest();
    String user = userInfo.user();
    String password = userInfo.password();
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String database = slash < 0 ? "" : rest.substring(slash + 1);
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
        parameters.password() != null ? parameters.password() : emptyToNull(password),
        parameters.sslPassword());
  }

  /**
   * {@code user:password@hosts/database} split at its last {@code @}, so that an unencoded {@code
   * /} or {@code @} in the password stays in the password (a {@code @} in a database name must be
   * written {@code %40}).
   */
  private record UserInfo(String rest, @Nullable String user, @Nullable String password) {
    static UserInfo split(String text) {
      int at = text.lastIndexOf('@');
      if (at < 0) {
        return new UserInfo(text, null, null);
      }
      String userInfo = text.substring(0, at);
      int colon = userInfo.indexOf(':');
      return new UserInfo(
          text.substring(at + 1),
          emptyToNull(decode(colon < 0 ? userInfo : userInfo.substring(0, colon))),
          colon < 0 ? null : emptyToNull(decode(userInfo.substring(colon + 1))));
    }
  }

  /** A query string with its user and password parameters taken out. */
  private record Query(
      String rest, @Nullable String user, @Nullable String password, @Nullable String sslPassword) {
    static Query split(String query) {
      List<String> kept = new ArrayList<>();
      String user = null;
      String password = null;
      String sslPassword = null;
      for (String pair : query.split("&")) {
        var matcher = CREDENTIAL_PARAMETER.matcher(pair);
        if (pair.isEmpty()) {
          continue;
        } else if (!matcher.matches()) {
          kept.add(pair);
        } else if (matcher.group(1).equalsIgnoreCase("user")) {
          user = emptyToNull(decode(matcher.group(2)));
        } else if (matcher.group(1).equalsIgnoreCase("password")) {
          password = emptyToNull(decode(matcher.group(2)));
        } else {
          sslPassword = emptyToNull(decode(matcher.group(2)));
        }
      }
      return new Query(
          kept.isEmpty() ? "" : "?" + String.join("&", kept), user, password, sslPassword);
    }
  }

  /** Percent-decodes; text that is not valid percent-encoding (a password "50%off") stays as is. */
  private static String decode(String text) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // Its message would repeat the text, which may be a password.
      return text;
    }
  }

  private static @Nullable String emptyToNull(@Nullable String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  /**
   * Hides whatever looks like a password in text about to be printed: {@code password=…} and {@code
   * sslpassword=…} parameters, and the password of a {@code scheme://user:password@host} (up to the
   * last {@code @} of the word, so that one inside the password hides the rest too).
   */
  static String redact(String text) {
    return text.replaceAll("(?i)(password=)[^&\\s'\"]*", "$1***")
        .replaceAll("(://[^:/@\\s'\"]*:)[^\\s'\"]*@", "$1***@");
  }
}
