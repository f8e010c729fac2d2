package io.todokit.dao.conversations;

import static io.todokit.dao.conversations.ConversationRows.MESSAGE_COLUMNS;
import static io.todokit.schema.jooq.Tables.CONVERSATIONS;
import static io.todokit.schema.jooq.Tables.MESSAGES;

import io.todokit.dao.NotFoundException;
import io.todokit.dao.Page;
import io.todokit.dao.PageRequest;
import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Check;
import io.todokit.dao.internal.DaoContext;
import io.todokit.dao.internal.Json;
import io.todokit.dao.internal.ResultSets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/** The message calls of {@link ConversationDao}: append and read a conversation's messages. */
final class Messages {

  private final DaoContext context;

  Messages(DaoContext context) {
    this.context = context;
  }

  Message append(UUID userId, UUID conversationId, NewMessage message) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(message, "message");
    // The message was validated when built; what is left needs the database.
    String content = message.content();
    JSONB toolCalls = message.toolCalls() == null ? null : JSONB.jsonb(message.toolCalls());
    String toolCallId = message.toolCallId();
    Instant now = context.now();
    UUID id = context.newId();
    return context.write(
        dsl -> {
          if (toolCallId != null) {
            requireConversation(dsl, userId, conversationId);
            requireAnsweredCall(dsl, userId, conversationId, toolCallId);
          }
          // seq is assigned by the BEFORE INSERT trigger, which also raises a foreign key
          // violation (→ NotFoundException) for another user's or a missing conversation.
          return ResultSets.fetch(
                  dsl.insertInto(MESSAGES)
                      .set(MESSAGES.USER_ID, userId)
                      .set(MESSAGES.CONVERSATION_ID, conversationId)
                      .set(MESSAGES.ID, id)
                      .set(MESSAGES.ROLE, message.role())
                      .set(MESSAGES.CONTENT, content)
                      .set(MESSAGES.TOOL_CALLS, toolCalls)
                      .set(MESSAGES.TOOL_CALL_ID, toolCallId)
                      .set(MESSAGES.CREATED_AT, now)
                      .returningResult(MESSAGE_COLUMNS),
                  ConversationRows::toMessage)
              .getFirst();
        },
        conversationId);
  }

  Page<Message> messages(UUID userId, UUID conversationId, PageRequest page) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(page, "page");
    int size = page.limit();
    long afterSeq =
        page.cursor()
            .map(c -> MessageCursor.decode(context.cursors(), userId, conversationId, c).seq())
            .orElse(0L);
    List<Message> rows =
        context.read(
            dsl -> {
              List<Message> found =
                  ResultSets.fetch(
                      dsl.select(MESSAGE_COLUMNS)
                          .from(MESSAGES)
                          .where(
                              MESSAGES.USER_ID.eq(userId),
                              MESSAGES.CONVERSATION_ID.eq(conversationId),
                              MESSAGES.SEQ.gt(afterSeq))
                          .orderBy(MESSAGES.SEQ)
                          .limit(size + 1),
                      ConversationRows::toMessage);
              if (found.isEmpty()) {
                requireConversation(dsl, userId, conversationId);
              }
              return found;
            },
            conversationId);
    if (rows.size() <= size) {
      return Page.last(rows);
    }
    String next =
        new MessageCursor(rows.get(size - 1).seq())
            .encode(context.cursors(), userId, conversationId);
    return Page.of(rows.subList(0, size), PageRequest.after(next, size));
  }

  List<Message> lastMessages(UUID userId, UUID conversationId, int limit) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(conversationId, "conversationId");
    Check.pageSize(limit);
    return context.read(
        dsl -> {
          List<Message> newestFirst =
              ResultSets.fetch(
                  dsl.select(MESSAGE_COLUMNS)
                      .from(MESSAGES)
                      .where(
                          MESSAGES.USER_ID.eq(userId), MESSAGES.CONVERSATION_ID.eq(conversationId))
                      .orderBy(MESSAGES.SEQ.desc())
                      .limit(limit),
                  ConversationRows::toMessage);
          if (newestFirst.isEmpty()) {
            requireConversation(dsl, userId, conversationId);
          }
          List<Message> oldestFirst = new ArrayList<>(newestFirst);
          Collections.reverse(oldestFirst);
          return List.copyOf(oldestFirst);
        },
        conversationId);
  }

  private static void requireConversation(DSLContext dsl, UUID userId, UUID conversationId) {
    boolean exists =
        dsl.fetchExists(
            CONVERSATIONS, CONVERSATIONS.USER_ID.eq(userId), CONVERSATIONS.ID.eq(conversationId));
    if (!exists) {
      throw new NotFoundException("conversation", conversationId);
    }
  }

  private void requireAnsweredCall(
      DSLContext dsl, UUID userId, UUID conversationId, String toolCallId) {
    // The JSON documents are built with Jackson and bound as parameters, never concatenated.
    JSONB asElement = JSONB.jsonb(Json.array().add(Json.object().put("id", toolCallId)).toString());
    JSONB asObject = JSONB.jsonb(Json.object().put("id", toolCallId).toString());
    // Plain-SQL template: jOOQ's open-source DSL has no jsonb containment operator (@>).
    Condition answers =
        DSL.condition("{0} @> {1}", MESSAGES.TOOL_CALLS, DSL.val(asElement))
            .or(DSL.condition("{0} @> {1}", MESSAGES.TOOL_CALLS, DSL.val(asObject)));
    boolean found =
        dsl.fetchExists(
            MESSAGES,
            MESSAGES.USER_ID.eq(userId),
            MESSAGES.CONVERSATION_ID.eq(conversationId),
            MESSAGES.ROLE.eq(MessageRole.ASSISTANT),
            MESSAGES.TOOL_CALLS.isNotNull(),
            answers);
    if (!found) {
      throw new ValidationException(
          "tool_call_id",
          "answers no tool call of an earlier assistant message in this conversation");
    }
  }
}
