package io.todokit.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.dao.tasks.NewTask;
import io.todokit.schema.SchemaException;
import io.todokit.schema.TodoSchema;
import io.todokit.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code TodoDb.create} checks the schema version once: a database that is behind fails at once
 * with the fix, one that is ahead (a rolling deploy) keeps working.
 */
class SchemaVersionCheckTest {

  @Test
  void anUnmigratedDatabaseFailsAtCreateWithTheVersionsAndTheFix() {
    try (TestDatabase empty = TestDatabase.empty()) {
      assertThatThrownBy(() -> TodoDb.create(empty.dataSource()))
          .isInstanceOf(SchemaException.class)
          .hasMessage(
              "todokit schema \"todokit\" has no todokit migrations applied (version 0), but this"
                  + " release needs version "
                  + TodoSchema.latestVersion()
                  + ": migrate it with TodoSchema.in(\"todokit\").migrate(dataSource) or todo-cli"
                  + " migrate --schema todokit");
      assertThatThrownBy(() -> TodoDb.create(DSL.using(empty.dataSource(), SQLDialect.POSTGRES)))
          .isInstanceOf(SchemaException.class);
    }
  }

  @Test
  void aPartlyMigratedDatabaseFailsAtCreate() {
    try (TestDatabase partial = TestDatabase.empty()) {
      TodoSchema.standard().migrate(partial.dataSource(), 5);

      assertThatThrownBy(() -> TodoDb.create(partial.dataSource()))
          .isInstanceOf(SchemaException.class)
          .hasMessageContaining("\"todokit\" is at version 5, but this release needs version");
    }
  }

  @Test
  void aDatabaseAheadOfThisReleaseKeepsWorking() throws Exception {
    try (TestDatabase ahead = TestDatabase.migrated()) {
      try (Connection connection = ahead.dataSource().getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute(
            "INSERT INTO todokit.todokit_schema_history (installed_rank, version, description, type, script,"
                + " checksum, installed_by, execution_time, success) VALUES (999, '99',"
                + " 'a newer release', 'SQL', 'V99__newer.sql', 0, current_user, 1, true)");
      }
      UUID user = UUID.randomUUID();
      try (Connection connection = ahead.dataSource().getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute(
            "INSERT INTO todokit.users (id, username, email, password_hash) VALUES ('"
                + user
                + "', 'ahead_user', 'ahead@example.com', 'hash')");
      }

      TodoDb db = TodoDb.create(ahead.dataSource());

      assertThat(db.tasks().create(user, NewTask.titled("still works")).title())
          .isEqualTo("still works");
    }
  }

  @Test
  void anUnreachableDatabaseIsARetryableUnavailableAtCreate() {
    PGSimpleDataSource nowhere = new PGSimpleDataSource();
    nowhere.setUrl("jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2");

    assertThatThrownBy(() -> TodoDb.create(nowhere))
        .isInstanceOfSatisfying(
            UnavailableException.class, e -> assertThat(e.retryable()).isTrue());
  }
}
