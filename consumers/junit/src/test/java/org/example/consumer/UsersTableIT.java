package org.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.todokit.testing.TestDatabase;
import io.todokit.testing.TodoDatabaseTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A consumer's test: todokit's migrations, a row written and read back, on the consumer's JUnit. */
@TodoDatabaseTest
class UsersTableIT {

  private final DataSource dataSource;

  UsersTableIT(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Test
  void runsOnTheJUnitThisProjectAsksFor() {
    String running = Test.class.getPackage().getImplementationVersion();
    System.out.println("consumer: JUnit Jupiter " + running);
    assertEquals(System.getProperty("expected.junit.version"), running);
  }

  @Test
  void storesAndReadsAUser() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO todokit.users (username, email, password_hash) VALUES (?, ?, ?)")) {
        insert.setString(1, "consumer");
        insert.setString(2, "consumer@example.org");
        insert.setString(3, "hash");
        assertEquals(1, insert.executeUpdate());
      }
      try (PreparedStatement select =
              connection.prepareStatement("SELECT email, time_zone FROM todokit.users WHERE username = ?")) {
        select.setString(1, "consumer");
        try (ResultSet row = select.executeQuery()) {
          assertEquals(true, row.next());
          assertEquals("consumer@example.org", row.getString("email"));
          assertEquals("UTC", row.getString("time_zone"));
          assertEquals(false, row.next());
        }
      }
    }
  }

  @Nested
  class WhenNested {
    @Test
    void sharesTheOuterClassDatabase(TestDatabase database) throws SQLException {
      try (Connection connection = dataSource.getConnection();
          ResultSet row =
              connection.createStatement().executeQuery("SELECT current_database()")) {
        row.next();
        assertEquals(database.name(), row.getString(1));
      }
    }
  }
}
