package io.todokit.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.testing.TodoDatabaseTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * {@code @TodoDatabaseTest(locations = …)}: todokit's migrations and a service's own, both numbered
 * from V1, in one test database.
 */
@TodoDatabaseTest(locations = "classpath:db/service")
class ServiceMigrationsTest {

  @Test
  void bothMigrationSetsAreAppliedEachWithItsOwnHistory(DataSource dataSource) throws SQLException {
    assertThat(column(dataSource, "SELECT version FROM public.flyway_schema_history"))
        .containsExactly("1");
    assertThat(column(dataSource, "SELECT count(*) FROM public.orders")).containsExactly("0");
    assertThat(TodoSchema.standard().info(dataSource).currentVersion())
        .isEqualTo(TodoSchema.latestVersion());
    assertThat(TodoSchema.standard().verify(dataSource).failures()).isEmpty();
  }

  private static List<String> column(DataSource dataSource, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
