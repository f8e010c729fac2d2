package io.todokit.testing.internal;

import io.todokit.testing.PostgresServer;
import io.todokit.testing.Provider;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@link PostgresServer} implementation: a server reached over JDBC, plus what stops it.
 *
 * <p>Thread-safe: immutable but for the closed flag.
 */
public final class RunningServer implements PostgresServer {

  private static final Logger LOG = LoggerFactory.getLogger(RunningServer.class);
  private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$-]{0,62}");
  private static final String OBJECT_IN_USE = "55006";
  private static final long TEMPLATE_BUSY_RETRY_MILLIS = 10_000;

  private final Provider provider;
  private final PgUrl admin;
  private final String username;
  private final String password;
  private final String location;
  private final Runnable stopper;
  private final String serverVersion;
  private final int serverVersionNum;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final @Nullable Thread shutdownHook;

  private RunningServer(
      Provider provider,
      PgUrl admin,
      String username,
      String password,
      String location,
      Runnable stopper,
      boolean registerShutdownHook) {
    this.provider = provider;
    this.admin = admin;
    this.username = username;
    this.password = password;
    this.location = location;
    this.stopper = stopper;
    String[] version = probeVersion();
    this.serverVersion = version[0];
    this.serverVersionNum = Integer.parseInt(version[1]);
    if (serverVersionNum < 130000) {
      throw new IllegalStateException(
          "todokit needs PostgreSQL 13 or newer (for DROP DATABASE … WITH (FORCE)), but "
              + location
              + " runs "
              + serverVersion);
    }
    if (registerShutdownHook) {
      Thread hook = new Thread(this::close, "todokit-postgres-closer");
      Runtime.getRuntime().addShutdownHook(hook);
      this.shutdownHook = hook;
    } else {
      this.shutdownHook = null;
    }
  }

  /**
   * Connects to a server, reads its version and, on any failure, stops it again.
   *
   * @param provider how the server was found
   * @param admin the URL of its admin database
   * @param username the user to log in as
   * @param password the password, empty for none
   * @param location where the server is, for messages ({@code host:port}, never credentials)
   * @param stopper what {@link #close()} runs (nothing for servers this JVM did not start)
   * @param registerShutdownHook whether to run {@link #close()} at JVM exit if nobody did before
   * @return the server
   * @throws IllegalStateException when the server does not answer or is older than PostgreSQL 13
   */
  public static RunningServer connect(
      Provider provider,
      PgUrl admin,
      String username,
      String password,
      String location,
      Runnable stopper,
      boolean registerShutdownHook) {
    try {
      return new RunningServer(
          provider, admin, username, password, location, stopper, registerShutdownHook);
    } catch (RuntimeException e) {
      stopQuietly(stopper);
      throw e;
    }
  }

  private String[] probeVersion() {
    try (Connection connection = dataSource(admin.database()).getConnection();
        Statement statement = connection.createStatement()) {
      String version = showSetting(statement, "server_version");
      String versionNum = showSetting(statement, "server_version_num");
      // Debian and others append their build: "15.8 (Debian 15.8-1.pgdg120+1)".
      int space = version.indexOf(' ');
      return new String[] {space < 0 ? version : version.substring(0, space), versionNum};
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot connect to PostgreSQL at "
              + admin.jdbcUrl()
              + " as '"
              + username
              + "': "
              + e.getMessage(),
          e);
    }
  }

  private static String showSetting(Statement statement, String setting) throws SQLException {
    try (ResultSet result = statement.executeQuery("SHOW " + setting)) {
      if (!result.next()) {
        throw new SQLException("SHOW " + setting + " returned no row");
      }
      return result.getString(1);
    }
  }

  @Override
  public Provider provider() {
    return provider;
  }

  @Override
  public String serverVersion() {
    return serverVersion;
  }

  @Override
  public int serverVersionNum() {
    return serverVersionNum;
  }

  @Override
  public String jdbcUrl(String database) {
    Objects.requireNonNull(database, "database");
    return admin.withDatabase(database).jdbcUrl();
  }

  @Override
  public String adminDatabase() {
    return admin.database();
  }

  @Override
  public String username() {
    return username;
  }

  @Override
  public String password() {
    return password;
  }

  /**
   * Where the server is, for messages.
   *
   * @return for example {@code 127.0.0.1:54321}
   */
  public String location() {
    return location;
  }

  @Override
  public DataSource dataSource(String database) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(jdbcUrl(database));
    dataSource.setUser(username);
    if (!password.isEmpty()) {
      dataSource.setPassword(password);
    }
    dataSource.setApplicationName("todokit-testing");
    return dataSource;
  }

  @Override
  public void createDatabase(String name, @Nullable String template) {
    String sql = "CREATE DATABASE " + quote(name);
    if (template != null) {
      sql += " TEMPLATE " + quote(template);
    }
    long deadline = System.nanoTime() + TEMPLATE_BUSY_RETRY_MILLIS * 1_000_000;
    while (true) {
      try {
        execute(sql);
        return;
      } catch (SQLException e) {
        // "source database … is being accessed by other users": a session that was just closed
        // can take a moment to end on the server.
        if (template != null
            && OBJECT_IN_USE.equals(e.getSQLState())
            && System.nanoTime() < deadline) {
          sleep(50);
          continue;
        }
        throw new IllegalStateException(
            "cannot create database " + name + " on " + location + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public void dropDatabase(String name) {
    try {
      execute("DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot drop database " + name + " on " + location + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs one statement on the admin database.
   *
   * @param sql the statement
   * @throws SQLException when it fails
   */
  public void execute(String sql) throws SQLException {
    try (Connection connection = dataSource(admin.database()).getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /**
   * Checks and double-quotes a database name.
   *
   * @param name the name
   * @return the quoted name
   * @throws IllegalArgumentException when the name is not a valid database name
   */
  public static String quote(String name) {
    Objects.requireNonNull(name, "name");
    if (!DATABASE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "not a valid database name: '"
              + name
              + "' (letters, digits, _, $ or -, at most 63 characters, not starting with a"
              + " digit)");
    }
    return '"' + name + '"';
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shutdownInProgress) {
        // The JVM is exiting; the hook runs close() again, which does nothing then.
      }
    }
    stopQuietly(stopper);
  }

  private static void stopQuietly(Runnable stopper) {
    try {
      stopper.run();
    } catch (RuntimeException e) {
      LOG.warn("todokit: could not stop PostgreSQL cleanly", e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public String toString() {
    return provider.settingValue() + " PostgreSQL " + serverVersion + " on " + location;
  }
}
