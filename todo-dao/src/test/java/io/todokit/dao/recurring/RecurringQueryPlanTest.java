package io.todokit.dao.recurring;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.DaoTestSupport;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The plans of the workers' scan and the idempotent insert on realistic volumes. */
class RecurringQueryPlanTest extends DaoTestSupport {

  @Test
  void theDueScanAndTheOccurrenceKeyUseTheirIndexes() throws SQLException {
    UUID user = newUser();
    // 50,000 templates, most not yet due or inactive; 200,000 tasks from templates.
    sql(
        "INSERT INTO recurring_tasks (user_id, title, recurrence_rule, starts_at, next_due_at, is_active)"
            + " SELECT ?, 't' || i, '{\"frequency\": \"daily\"}', now(), now() + (i || ' minutes')::interval, i % 5 <> 0"
            + " FROM generate_series(1, 50000) i",
        user);
    sql(
        "INSERT INTO tasks (user_id, title, template_id, occurrence_at, due_at)"
            + " SELECT user_id, title, id, gs, gs FROM recurring_tasks,"
            + " generate_series(now(), now() + interval '3 days', interval '1 day') gs",
        new Object[0]);
    sql("ANALYZE recurring_tasks");
    sql("ANALYZE tasks");

    String scan =
        explain(
            "SELECT * FROM recurring_tasks WHERE is_active AND next_due_at <= now() + interval '10 minutes'"
                + " ORDER BY next_due_at LIMIT 100 FOR UPDATE SKIP LOCKED");
    assertThat(scan).contains("recurring_tasks_due_idx");

    String byUser =
        explain("SELECT * FROM recurring_tasks WHERE user_id = '" + user + "' ORDER BY id");
    assertThat(byUser).contains("recurring_tasks_pkey");

    String conflict =
        explain(
            "INSERT INTO tasks (user_id, title, template_id, occurrence_at, due_at)"
                + " SELECT user_id, title, id, now(), now() FROM recurring_tasks LIMIT 1"
                + " ON CONFLICT (user_id, template_id, occurrence_at) WHERE template_id IS NOT NULL DO NOTHING");
    assertThat(conflict).contains("tasks_template_occurrence_key");
  }
}
