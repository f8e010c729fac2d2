package io.todokit.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The databases {@link TestDatabase} made on the shared server: one migrated template per set of
 * migrations, and the per-class databases not yet dropped.
 *
 * <p>Thread-safe: templates are made under this class's lock, one at a time.
 */
final class TestDatabases {

  private static final Logger LOG = LoggerFactory.getLogger(TestDatabases.class);

  /** Guarded by {@code TestDatabases.class}. */
  private static final Map<List<String>, String> TEMPLATES = new HashMap<>();

  private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();

  private TestDatabases() {}

  /**
   * The name of a template database migrated with todokit's migrations (when {@code todokit}) and
   * then the service's own at {@code serviceLocations}, made on first use.
   *
   * <p>Its name holds this JVM's process id and a random part, so that JVMs sharing one server do
   * not collide. Nobody may connect to it afterwards ({@code ALLOW_CONNECTIONS false}), so that
   * {@code CREATE DATABASE … TEMPLATE} never finds it in use.
   */
  static synchronized String template(
      PostgresServer server, boolean todokit, List<String> serviceLocations) {
    List<String> key = new ArrayList<>();
    key.add(todokit ? "todokit" : "-");
    key.addAll(serviceLocations);
    String existing = TEMPLATES.get(key);
    if (existing != null) {
      return existing;
    }
    String name = "todokit_tpl_" + ProcessHandle.current().pid() + "_" + randomSuffix();
    server.createDatabase(name, null);
    try {
      // A PGSimpleDataSource opens a new connection each time and Flyway closes each it opens,
      // so no session stays on the template.
      DataSource dataSource = server.dataSource(name);
      if (todokit) {
        migrateTodokit(dataSource);
      }
      if (!serviceLocations.isEmpty()) {
        migrateService(dataSource, serviceLocations);
      }
      try (Connection connection = server.dataSource(server.adminDatabase()).getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("ALTER DATABASE \"" + name + "\" WITH ALLOW_CONNECTIONS false");
      }
    } catch (RuntimeException | SQLException e) {
      dropQuietly(server, name);
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("cannot seal template database " + name + ": " + e, e);
    }
    TEMPLATES.put(List.copyOf(key), name);
    LOG.debug("todokit: migrated template database {} ({})", name, key);
    return name;
  }

  /**
   * todokit's own migrations, exactly as a service runs them: {@code
   * TodoSchema.standard().migrate(dataSource)} of todo-schema, called reflectively because
   * todo-schema's own build depends on this module.
   */
  private static void migrateTodokit(DataSource dataSource) {
    Object schema;
    Method migrate;
    try {
      Class<?> todoSchema =
          Class.forName("io.todokit.schema.TodoSchema", true, TestDatabases.class.getClassLoader());
      schema = todoSchema.getMethod("standard").invoke(null);
      migrate = todoSchema.getMethod("migrate", DataSource.class);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "todokit's migrations are not on the test class path: add io.todokit:todo-schema"
              + " (or use @TodoDatabaseTest(todokit = false) for the service's migrations only)",
          e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "io.todokit:todo-schema on the class path is not the release of todo-testing: " + e, e);
    }
    try {
      migrate.invoke(schema, dataSource);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("todokit's migrations failed: " + e.getCause(), e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The service's own migrations, with Flyway's defaults as a service's Flyway would run them. */
  private static void migrateService(DataSource dataSource, List<String> locations) {
    Flyway flyway =
        Flyway.configure()
            .dataSource(dataSource)
            .locations(locations.toArray(String[]::new))
            .load();
    if (flyway.info().all().length == 0) {
      throw new IllegalStateException(
          "no migrations at "
              + String.join(", ", locations)
              + " — check the locations and the test classpath");
    }
    flyway.migrate();
  }

  /** Creates a fresh database, from a template or empty, remembered until {@link #drop}. */
  static String create(PostgresServer server, @Nullable String template) {
    String name = "todokit_test_" + randomSuffix();
    LIVE.add(name);
    try {
      server.createDatabase(name, template);
    } catch (RuntimeException e) {
      LIVE.remove(name);
      throw e;
    }
    return name;
  }

  static void drop(PostgresServer server, String name) {
    server.dropDatabase(name);
    LIVE.remove(name);
  }

  /** Drops every database made here: for URL servers, which outlive this JVM. */
  static synchronized void dropAll(PostgresServer server) {
    for (String name : List.copyOf(LIVE)) {
      dropQuietly(server, name);
      LIVE.remove(name);
    }
    for (String name : List.copyOf(TEMPLATES.values())) {
      dropQuietly(server, name);
    }
    TEMPLATES.clear();
  }

  private static void dropQuietly(PostgresServer server, String name) {
    try {
      server.dropDatabase(name);
    } catch (RuntimeException e) {
      LOG.warn("todokit: could not drop database {}: {}", name, e.getMessage());
    }
  }

  private static String randomSuffix() {
    byte[] bytes = new byte[6];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
