package io.todokit.testing;

import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** The JVM's shared server as callers see it: closing it does nothing, a shutdown hook does. */
final class SharedServer implements PostgresServer {

  private final PostgresServer server;

  SharedServer(PostgresServer server) {
    this.server = server;
  }

  @Override
  public Provider provider() {
    return server.provider();
  }

  @Override
  public String serverVersion() {
    return server.serverVersion();
  }

  @Override
  public int serverVersionNum() {
    return server.serverVersionNum();
  }

  @Override
  public String jdbcUrl(String database) {
    return server.jdbcUrl(database);
  }

  @Override
  public String adminDatabase() {
    return server.adminDatabase();
  }

  @Override
  public String username() {
    return server.username();
  }

  @Override
  public String password() {
    return server.password();
  }

  @Override
  public DataSource dataSource(String database) {
    return server.dataSource(database);
  }

  @Override
  public void createDatabase(String name, @Nullable String template) {
    server.createDatabase(name, template);
  }

  @Override
  public void dropDatabase(String name) {
    server.dropDatabase(name);
  }

  /** Does nothing: other tests of this JVM go on using the server. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return server.toString();
  }
}
