package io.todokit.dao.portability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.dao.DaoTestSupport;
import io.todokit.dao.NotFoundException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code users().delete} removes every row of the user in every table that has a {@code user_id}
 * column, found in the catalog (so a table a later migration adds is covered without a change here,
 * and fails this test until the fixtures fill it), and leaves other users' rows alone.
 */
class DeletingAUserTest extends DaoTestSupport {

  private static List<String> tablesWithAUserId() {
    List<String> tables = new ArrayList<>();
    try (Connection connection = sqlSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT c.table_name FROM information_schema.columns c"
                    + " JOIN information_schema.tables t USING (table_schema, table_name)"
                    + " WHERE c.table_schema = 'todokit' AND c.column_name = 'user_id'"
                    + " AND t.table_type = 'BASE TABLE' ORDER BY 1")) {
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return tables;
  }

  private static Map<String, Long> rowsOf(List<String> tables, UUID user) {
    Map<String, Long> rows = new LinkedHashMap<>();
    for (String table : tables) {
      rows.put(table, count("SELECT count(*) FROM " + table + " WHERE user_id = ?", user));
    }
    return rows;
  }

  @Test
  void deletingAUserLeavesNoRowOfTheirsInAnyTableAndKeepsEveryOtherUsersRows() {
    PortabilityFixtures fixtures = new PortabilityFixtures(sqlSource);
    UUID doomed = fixtures.richUser("doomed_user");
    UUID kept = fixtures.richUser("kept_user");
    List<String> tables = tablesWithAUserId();
    assertThat(tables).contains("tasks", "tags", "task_tags", "reminders", "messages");

    Map<String, Long> before = rowsOf(tables, doomed);
    // The fixture must reach every table, or the check below would prove nothing for it.
    assertThat(before).allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());
    Map<String, Long> keptBefore = rowsOf(tables, kept);

    db.users().delete(doomed);

    assertThat(rowsOf(tables, doomed))
        .allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
    assertThat(count("SELECT count(*) FROM users WHERE id = ?", doomed)).isZero();
    assertThat(rowsOf(tables, kept)).isEqualTo(keptBefore);
    assertThat(db.users().find(kept)).isPresent();
  }

  @Test
  void deletingAMissingUserIsNotFound() {
    UUID ghost = UUID.randomUUID();
    assertThatThrownBy(() -> db.users().delete(ghost))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.entity()).isEqualTo("user");
              assertThat(e.id()).isEqualTo(ghost.toString());
            });
  }
}
