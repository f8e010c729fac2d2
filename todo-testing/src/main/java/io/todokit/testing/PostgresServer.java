package io.todokit.testing;

import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A running PostgreSQL server (13 or newer) that tests and build tools may create databases on.
 *
 * <p>Implementations are thread-safe. Get one from {@link PostgresProvisioner#shared()} or {@link
 * PostgresProvisioner#start(ProvisioningSettings)}.
 */
public interface PostgresServer extends AutoCloseable {

  /**
   * How this server was found.
   *
   * @return the provider
   */
  Provider provider();

  /**
   * The server's version as {@code SHOW server_version} reports it, without a vendor suffix.
   *
   * @return for example {@code "18.1"}
   */
  String serverVersion();

  /**
   * The server's version as {@code SHOW server_version_num} reports it.
   *
   * @return for example {@code 180001}
   */
  int serverVersionNum();

  /**
   * The JDBC URL of a database on this server, without credentials.
   *
   * @param database the database's name
   * @return for example {@code jdbc:postgresql://127.0.0.1:54321/todo}
   */
  String jdbcUrl(String database);

  /**
   * The database to connect to for {@code CREATE DATABASE} and {@code DROP DATABASE}.
   *
   * @return for example {@code "postgres"}, or the database named in {@code TODO_PG_URL}
   */
  String adminDatabase();

  /**
   * The user every connection to this server logs in as.
   *
   * @return the user name
   */
  String username();

  /**
   * The password of {@link #username()}.
   *
   * @return the password, or an empty string when the server needs none
   */
  String password();

  /**
   * A non-pooling data source ({@code PGSimpleDataSource}) for a database on this server.
   *
   * @param database the database's name
   * @return a data source whose every connection is a new one that the caller closes
   */
  DataSource dataSource(String database);

  /**
   * Creates a database, as a copy of {@code template} when one is given.
   *
   * @param name the new database's name: letters, digits, {@code _}, {@code $} or {@code -}, at
   *     most 63 characters, not starting with a digit
   * @param template the database to copy, or {@code null} for the server's default ({@code
   *     template1})
   * @throws IllegalArgumentException when a name is not a valid database name
   * @throws IllegalStateException when the server refuses
   */
  void createDatabase(String name, @Nullable String template);

  /**
   * Drops a database if it exists, ending every session connected to it.
   *
   * @param name the database's name
   * @throws IllegalArgumentException when the name is not a valid database name
   * @throws IllegalStateException when the server refuses
   */
  void dropDatabase(String name);

  /**
   * Stops what this server started: a no-op for URL servers and for {@link
   * PostgresProvisioner#shared()}; idempotent.
   */
  @Override
  void close();
}
