package io.todokit.examples.quickstart.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.TodoDb;
import io.todokit.dao.users.NewUser;
import io.todokit.testing.TestDatabase;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The plain fixture of docs/testing.md: a database of its own, dropped when closed. */
class PlainFixtureTest {

  @Test
  void aPlainFixtureGivesADatabaseOfItsOwn() {
    // tag::testing-fixture[]
    try (TestDatabase database = TestDatabase.migrated()) {
      TodoDb todo = TodoDb.create(database.dataSource());
      UUID user = todo.users().create(NewUser.of("fixture", "fixture@example.org", "hash")).id();
      assertThat(todo.tasks().overdue(user, Instant.now())).isEmpty();
    } // dropped here
    // end::testing-fixture[]
  }
}
