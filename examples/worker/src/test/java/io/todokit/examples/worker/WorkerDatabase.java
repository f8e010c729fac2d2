package io.todokit.examples.worker;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.todokit.dao.TodoDb;
import io.todokit.dao.users.NewUser;
import io.todokit.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A fresh migrated database with helpers for the worker tests; closes its pools and drops it. */
final class WorkerDatabase implements AutoCloseable {

  private final TestDatabase database = TestDatabase.migrated();
  private final List<HikariDataSource> pools = new ArrayList<>();

  /** A TodoDb on a pool of its own, as a separate worker replica would have. */
  TodoDb replica(Instant now) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.jdbcUrl());
    config.setUsername(database.username());
    config.setPassword(database.password());
    config.setMaximumPoolSize(2);
    HikariDataSource pool = new HikariDataSource(config);
    pools.add(pool);
    return TodoDb.create(pool).withClock(Clock.fixed(now, ZoneOffset.UTC));
  }

  UUID user(TodoDb db, String name) {
    return db.users().create(NewUser.of(name, name + "@example.org", "{noop}x")).id();
  }

  /** The single number a query returns. */
  long count(String sql) {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  @Override
  public void close() {
    pools.forEach(HikariDataSource::close);
    database.close();
  }
}
