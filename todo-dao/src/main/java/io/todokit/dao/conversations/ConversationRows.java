package io.todokit.dao.conversations;

import static io.todokit.schema.jooq.Tables.CONVERSATIONS;
import static io.todokit.schema.jooq.Tables.MESSAGES;

import io.todokit.dao.internal.ResultSets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.jooq.Record;
import org.jooq.SelectField;

/** The mapping of {@code conversations} and {@code messages} rows to their values. */
final class ConversationRows {

  private ConversationRows() {}

  static final List<SelectField<?>> MESSAGE_COLUMNS =
      List.of(
          MESSAGES.ID,
          MESSAGES.CONVERSATION_ID,
          MESSAGES.SEQ,
          MESSAGES.ROLE,
          MESSAGES.CONTENT,
          MESSAGES.TOOL_CALLS,
          MESSAGES.TOOL_CALL_ID,
          MESSAGES.CREATED_AT);

  static final List<SelectField<?>> CONVERSATION_COLUMNS =
      List.of(
          CONVERSATIONS.ID,
          CONVERSATIONS.USER_ID,
          CONVERSATIONS.TITLE,
          CONVERSATIONS.LAST_MESSAGE_SEQ,
          CONVERSATIONS.CREATED_AT,
          CONVERSATIONS.UPDATED_AT);

  static Conversation toConversation(Record row) {
    return new Conversation(
        row.get(CONVERSATIONS.ID),
        row.get(CONVERSATIONS.USER_ID),
        row.get(CONVERSATIONS.TITLE),
        row.get(CONVERSATIONS.LAST_MESSAGE_SEQ),
        row.get(CONVERSATIONS.CREATED_AT),
        row.get(CONVERSATIONS.UPDATED_AT));
  }

  static Message toMessage(ResultSet row) throws SQLException {
    return new Message(
        Objects.requireNonNull(ResultSets.uuid(row, MESSAGES.ID)),
        Objects.requireNonNull(ResultSets.uuid(row, MESSAGES.CONVERSATION_ID)),
        row.getLong(MESSAGES.SEQ.getName()),
        Objects.requireNonNull(ResultSets.converted(row, MESSAGES.ROLE)),
        Objects.requireNonNull(ResultSets.text(row, MESSAGES.CONTENT)),
        MessageValues.fromJson(ResultSets.text(row, MESSAGES.TOOL_CALLS)),
        ResultSets.text(row, MESSAGES.TOOL_CALL_ID),
        Objects.requireNonNull(ResultSets.instant(row, MESSAGES.CREATED_AT)));
  }
}
