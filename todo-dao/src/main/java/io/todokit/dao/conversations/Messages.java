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
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
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
    JSONB toolCalls =
        message.toolCalls().isEmpty()
            ? null
            : JSONB.jsonb(MessageValues.toJson(message.toolCalls()));
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

  /** The first read takes this many messages more than the spec's maximum. */
  private static final int SLACK = 32;

  ConversationWindow window(UUID userId, UUID conversationId, ContextWindow spec) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(conversationId, "conversationId");
    Check.required("window", spec);
    boolean pin = spec.pinSystemMessages();
    Condition mine = MESSAGES.USER_ID.eq(userId).and(MESSAGES.CONVERSATION_ID.eq(conversationId));
    return context.read(
        dsl -> {
          // One read: the newest maxMessages + SLACK messages (by the sequence numbers below the
          // conversation's last one, which have no gaps) and, when pinned, the older system
          // messages. Older batches, each 4 times larger, only when the selector needs them.
          long batch = spec.maxMessages() + SLACK;
          Field<Long> newest =
              DSL.field(
                  DSL.select(CONVERSATIONS.LAST_MESSAGE_SEQ)
                      .from(CONVERSATIONS)
                      .where(
                          CONVERSATIONS.USER_ID.eq(userId), CONVERSATIONS.ID.eq(conversationId)));
          var recent =
              dsl.select(MESSAGE_COLUMNS)
                  .from(MESSAGES)
                  .where(mine, MESSAGES.SEQ.gt(newest.minus(batch)));
          List<Message> first =
              ResultSets.fetch(
                  pin
                      ? recent.unionAll(
                          dsl.select(MESSAGE_COLUMNS)
                              .from(MESSAGES)
                              .where(
                                  mine,
                                  MESSAGES.ROLE.eq(MessageRole.SYSTEM),
                                  MESSAGES.SEQ.le(newest.minus(batch))))
                      : recent,
                  ConversationRows::toMessage);
          if (first.isEmpty()) {
            requireConversation(dsl, userId, conversationId);
            return new ConversationWindow(List.of(), 0, List.of(), 0);
          }
          TreeMap<Long, Message> fetched = new TreeMap<>();
          first.forEach(m -> fetched.put(m.seq(), m));
          long total = fetched.lastKey();
          long from = Math.max(0, total - batch);
          while (true) {
            ConversationWindow window =
                WindowSelector.select(List.copyOf(fetched.values()), from, total, spec);
            if (window != null) {
              return window;
            }
            batch = Math.min(batch * 4, total);
            long to = from;
            from = Math.max(0, total - batch);
            List<Message> older =
                ResultSets.fetch(
                    dsl.select(MESSAGE_COLUMNS)
                        .from(MESSAGES)
                        .where(mine, MESSAGES.SEQ.gt(from), MESSAGES.SEQ.le(to))
                        .orderBy(MESSAGES.SEQ),
                    ConversationRows::toMessage);
            older.forEach(m -> fetched.put(m.seq(), m));
          }
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
