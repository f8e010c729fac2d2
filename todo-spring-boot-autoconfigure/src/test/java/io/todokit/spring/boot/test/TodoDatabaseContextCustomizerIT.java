package io.todokit.spring.boot.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

/** The test database lives exactly as long as its context. */
class TodoDatabaseContextCustomizerIT {

  @Test
  void theDatabaseIsDroppedWhenTheContextCloses() throws SQLException {
    GenericApplicationContext context = new GenericApplicationContext();
    new TodoDatabaseContextCustomizer(false).customizeContext(context, null);
    context.refresh();
    String url = context.getEnvironment().getProperty("spring.datasource.url");
    String name = url.substring(url.lastIndexOf('/') + 1);

    assertThat(exists(name)).isTrue();
    context.close();

    assertThat(exists(name)).isFalse();
  }

  @Test
  void customizersForTheSameKindOfDatabaseAreEqualSoSpringCachesTheContext() {
    assertThat(new TodoDatabaseContextCustomizer(false))
        .isEqualTo(new TodoDatabaseContextCustomizer(false))
        .hasSameHashCodeAs(new TodoDatabaseContextCustomizer(false))
        .isNotEqualTo(new TodoDatabaseContextCustomizer(true));
  }

  private static boolean exists(String database) throws SQLException {
    try (TestDatabase other = TestDatabase.empty();
        Connection connection = other.dataSource().getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
      statement.setString(1, database);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getInt(1) == 1;
      }
    }
  }
}
