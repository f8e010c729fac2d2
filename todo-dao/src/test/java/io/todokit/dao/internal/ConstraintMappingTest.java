package io.todokit.dao.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.DaoTestSupport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every constraint of the schema that user input can violate is mapped to the field (or, for a
 * foreign key, the entity) the API names, and every mapped name exists: a renamed or new constraint
 * cannot silently turn into field {@code unknown}.
 */
class ConstraintMappingTest extends DaoTestSupport {

  /**
   * Constraints no DAO input can violate: primary keys (ids are made by the library), invariants
   * the DAOs keep themselves, and cascades of rows the DAO just read.
   */
  private static final Set<String> INTERNAL =
      Set.of(
          "tasks_version_not_negative",
          "tasks_template_has_occurrence",
          "conversations_last_message_seq_not_negative",
          "messages_seq_positive",
          "messages_conversation_seq_key",
          "recurring_tasks_ended_inactive",
          "recurring_tasks_end_reason_length",
          // The delivery state is written by the DAO and the schema's triggers only; errors are
          // cut to length; add() locks the task before inserting its reminder.
          "reminders_attempts_not_negative",
          "reminders_delivered_at_when_delivered",
          "reminders_last_error_length",
          "reminders_lease_held",
          "reminders_next_attempt_when_claimable",
          "reminders_state_valid",
          "reminders_task_fkey",
          // Effects are written by TaskEffects only: the kind from the enum, the origin checked by
          // TaskOrigin, and the unique origin keys taken with ON CONFLICT DO NOTHING.
          "task_effects_idempotency_key",
          "task_effects_kind_valid",
          "task_effects_message_in_conversation",
          "task_effects_origin_present",
          "task_effects_tool_call_in_conversation",
          "task_effects_tool_call_key");

  private static Set<String> constraints() throws SQLException {
    Set<String> names = new TreeSet<>();
    try (Connection connection = sqlSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace"
                    + " WHERE n.nspname = current_schema() AND c.contype IN ('c', 'u', 'f')"
                    + " UNION SELECT indexrelid::regclass::text FROM pg_index i"
                    + " JOIN pg_class t ON t.oid = i.indrelid"
                    + " JOIN pg_namespace n ON n.oid = t.relnamespace"
                    + " WHERE n.nspname = current_schema() AND i.indisunique AND NOT i.indisprimary"
                    + " AND t.relname <> 'todokit_schema_history'")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }

  @Test
  void everyConstraintInputCanViolateIsMapped() throws SQLException {
    Set<String> unmapped = new TreeSet<>(constraints());
    unmapped.removeAll(SqlErrors.mappedConstraints());
    unmapped.removeAll(INTERNAL);
    // Unique indexes that back a constraint are listed under the constraint's name already.
    unmapped.removeIf(name -> name.endsWith("_pkey"));

    assertThat(unmapped).isEmpty();
  }

  @Test
  void everyMappedConstraintExists() throws SQLException {
    assertThat(constraints()).containsAll(SqlErrors.mappedConstraints());
  }
}
