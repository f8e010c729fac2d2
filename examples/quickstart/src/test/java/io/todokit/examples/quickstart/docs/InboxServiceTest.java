package io.todokit.examples.quickstart.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.TodoDb;
import io.todokit.dao.tasks.NewTask;
import io.todokit.dao.tasks.Task;
import io.todokit.dao.users.NewUser;
import io.todokit.testing.TodoDatabaseTest;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

// tag::testing-extension[]
@TodoDatabaseTest
class InboxServiceTest {

  private final TodoDb db;

  InboxServiceTest(DataSource dataSource) { // or TestDatabase; also in test and lifecycle methods
    this.db = TodoDb.create(dataSource);
  }

  @Test
  void listsOverdueTasks() {
    UUID user = db.users().create(NewUser.of("inbox", "inbox@example.org", "hash")).id();
    db.tasks()
        .create(user, NewTask.titled("Pay rent").withDueAt(Instant.parse("2026-01-01T09:00:00Z")));

    assertThat(db.tasks().overdue(user, Instant.parse("2026-01-02T00:00:00Z")))
        .extracting(Task::title)
        .containsExactly("Pay rent");
  }
}
// end::testing-extension[]
