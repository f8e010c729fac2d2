package io.todokit.dao.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.todokit.dao.DaoTestSupport;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The plans of the conversation and message queries on realistic volumes. */
class ConversationQueryPlanTest extends DaoTestSupport {

  @Test
  void listsAndMessagesUseTheirIndexes() throws SQLException {
    UUID user = null;
    for (int i = 0; i < 50; i++) {
      user = newUser();
      sql(
          "INSERT INTO conversations (user_id, id, title, updated_at)"
              + " SELECT ?, gen_random_uuid(), 'c' || i, now() - (i || ' minutes')::interval"
              + " FROM generate_series(1, 400) i",
          user);
    }
    // 20,000 messages over the last user's 400 conversations, 2,000 of them in one.
    sql(
        "INSERT INTO messages (user_id, conversation_id, role, content)"
            + " SELECT c.user_id, c.id, 'user', 'm' || i FROM conversations c, generate_series(1, 45) i"
            + " WHERE c.user_id = ? ORDER BY i",
        user);
    UUID conversation = UUID.randomUUID();
    sql("INSERT INTO conversations (user_id, id, title) VALUES (?, ?, 'long')", user, conversation);
    sql(
        "INSERT INTO messages (user_id, conversation_id, role, content, tool_calls)"
            + " SELECT ?, ?, CASE WHEN i % 2 = 0 THEN 'assistant' ELSE 'user' END::message_role, 'm' || i,"
            + " CASE WHEN i % 2 = 0 THEN jsonb_build_array(jsonb_build_object('id', 'call_' || i)) END"
            + " FROM generate_series(1, 2000) i",
        user, conversation);
    sql("ANALYZE conversations");
    sql("ANALYZE messages");

    assertThat(
            explain(
                "SELECT * FROM conversations WHERE user_id = '"
                    + user
                    + "'"
                    + " AND (updated_at, id) < (now(), '"
                    + conversation
                    + "')"
                    + " ORDER BY updated_at DESC, id DESC LIMIT 51"))
        .contains("conversations_user_activity_idx");
    assertThat(
            explain(
                "SELECT * FROM messages WHERE user_id = '"
                    + user
                    + "' AND conversation_id = '"
                    + conversation
                    + "' AND seq > 100 ORDER BY seq LIMIT 51"))
        .contains("messages_conversation_seq_key");
    assertThat(
            explain(
                "SELECT * FROM messages WHERE user_id = '"
                    + user
                    + "' AND conversation_id = '"
                    + conversation
                    + "' ORDER BY seq DESC LIMIT 20"))
        .contains("messages_conversation_seq_key");
    assertThat(
            explain(
                "SELECT 1 FROM messages WHERE user_id = '"
                    + user
                    + "' AND conversation_id = '"
                    + conversation
                    + "' AND role = 'assistant' AND tool_calls IS NOT NULL"
                    + " AND (tool_calls @> '[{\"id\": \"call_4\"}]' OR tool_calls @> '{\"id\": \"call_4\"}')"
                    + " LIMIT 1"))
        .contains("messages_conversation_seq_key");
    // The pinned system messages older than a window's first batch: the partial index of step 16
    // reads only them, not the whole conversation.
    assertThat(
            explain(
                "SELECT * FROM messages WHERE user_id = '"
                    + user
                    + "' AND conversation_id = '"
                    + conversation
                    + "' AND role = 'system' AND seq <= 1900"))
        .contains("messages_system_idx");
  }
}
