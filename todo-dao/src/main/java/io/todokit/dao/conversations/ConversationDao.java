package io.todokit.dao.conversations;

import static io.todokit.schema.jooq.Tables.CONVERSATIONS;
import static io.todokit.schema.jooq.Tables.MESSAGES;

import io.todokit.dao.NotFoundException;
import io.todokit.dao.Page;
import io.todokit.dao.PageRequest;
import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.Check;
import io.todokit.dao.internal.DaoContext;
import io.todokit.dao.internal.ResultSets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.impl.DSL;

/**
 * The chatbot's memory: a user's conversations and their strictly ordered messages; use {@code
 * TodoDb.conversations()}.
 *
 * <p>Every method takes the acting user's id and sees only that user's conversations; another
 * user's ids behave exactly like missing ones. Message order is assigned by the database (trigger
 * {@code messages_assign_seq}), which locks the conversation row per append, so concurrent appends
 * to one conversation get the sequence numbers 1, 2, 3, … without gaps or duplicates. Immutable and
 * thread-safe.
 */
public final class ConversationDao {

  /** The title {@link #create(UUID)} gives a conversation. */
  public static final String DEFAULT_TITLE = "New conversation";

  private static final int MAX_TITLE = 255;

  private static final List<SelectField<?>> CONVERSATION_COLUMNS =
      List.of(
          CONVERSATIONS.ID,
          CONVERSATIONS.USER_ID,
          CONVERSATIONS.TITLE,
          CONVERSATIONS.LAST_MESSAGE_SEQ,
          CONVERSATIONS.CREATED_AT,
          CONVERSATIONS.UPDATED_AT);

  private static final List<SelectField<?>> MESSAGE_COLUMNS =
      List.of(
          MESSAGES.ID,
          MESSAGES.CONVERSATION_ID,
          MESSAGES.SEQ,
          MESSAGES.ROLE,
          MESSAGES.CONTENT,
          MESSAGES.TOOL_CALLS,
          MESSAGES.TOOL_CALL_ID,
          MESSAGES.CREATED_AT);

  private final DaoContext context;

  /**
   * Creates the DAO; use {@code TodoDb.conversations()} instead.
   *
   * @param context the shared DAO context
   */
  public ConversationDao(DaoContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  /**
   * Starts a conversation titled {@value #DEFAULT_TITLE}.
   *
   * @param userId the acting user
   * @return the conversation, without messages
   * @throws NotFoundException ({@code user}) if the user does not exist
   */
  public Conversation create(UUID userId) {
    return create(userId, DEFAULT_TITLE);
  }

  /**
   * Starts a conversation.
   *
   * @param userId the acting user
   * @param title 1 to 255 characters after trimming, no NUL
   * @return the conversation, without messages
   * @throws ValidationException ({@code title}) for a blank, oversize or NUL-holding title
   * @throws NotFoundException ({@code user}) if the user does not exist
   */
  public Conversation create(UUID userId, String title) {
    Objects.requireNonNull(userId, "userId");
    String checkedTitle = Check.text("title", title, 1, MAX_TITLE);
    Instant now = context.now();
    UUID id = context.newId();
    return context.write(
        dsl ->
            toConversation(
                dsl.insertInto(CONVERSATIONS)
                    .set(CONVERSATIONS.USER_ID, userId)
                    .set(CONVERSATIONS.ID, id)
                    .set(CONVERSATIONS.TITLE, checkedTitle)
                    .set(CONVERSATIONS.CREATED_AT, now)
                    .set(CONVERSATIONS.UPDATED_AT, now)
                    .returningResult(CONVERSATION_COLUMNS)
                    .fetchSingle()),
        userId);
  }

  /**
   * One conversation, if the user has it.
   *
   * @param userId the acting user
   * @param id the conversation
   * @return the conversation, or empty if the user has no such conversation
   */
  public Optional<Conversation> find(UUID userId, UUID id) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    return context.read(
        dsl ->
            dsl.select(CONVERSATION_COLUMNS)
                .from(CONVERSATIONS)
                .where(CONVERSATIONS.USER_ID.eq(userId), CONVERSATIONS.ID.eq(id))
                .fetchOptional()
                .map(ConversationDao::toConversation),
        id);
  }

  /**
   * One conversation.
   *
   * @param userId the acting user
   * @param id the conversation
   * @return the conversation
   * @throws NotFoundException ({@code conversation}) if the user has no such conversation
   */
  public Conversation get(UUID userId, UUID id) {
    return find(userId, id).orElseThrow(() -> new NotFoundException("conversation", id));
  }

  /**
   * The user's conversations by last activity, most recent first (ties by id, descending).
   *
   * @param userId the acting user
   * @param page the page: {@link PageRequest#first(int)}, or {@link Page#next()} of the previous
   *     page
   * @return one page
   * @throws ValidationException ({@code cursor}) when the cursor is not one this list handed out to
   *     this user
   */
  public Page<Conversation> list(UUID userId, PageRequest page) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(page, "page");
    int size = page.limit();
    Condition after = DSL.noCondition();
    if (page.cursor().isPresent()) {
      ConversationCursor key =
          ConversationCursor.decode(context.cursors(), userId, page.cursor().get());
      after = DSL.row(CONVERSATIONS.UPDATED_AT, CONVERSATIONS.ID).lt(key.updatedAt(), key.id());
    }
    Condition keyset = after;
    List<Conversation> rows =
        context.read(
            dsl ->
                dsl.select(CONVERSATION_COLUMNS)
                    .from(CONVERSATIONS)
                    .where(CONVERSATIONS.USER_ID.eq(userId), keyset)
                    .orderBy(CONVERSATIONS.UPDATED_AT.desc(), CONVERSATIONS.ID.desc())
                    .limit(size + 1)
                    .fetch(ConversationDao::toConversation),
            userId);
    if (rows.size() <= size) {
      return Page.last(rows);
    }
    String next = ConversationCursor.of(rows.get(size - 1)).encode(context.cursors(), userId);
    return Page.of(rows.subList(0, size), PageRequest.after(next, size));
  }

  /**
   * Renames a conversation; this counts as activity (its {@code updatedAt} becomes now).
   *
   * @param userId the acting user
   * @param id the conversation
   * @param title 1 to 255 characters after trimming, no NUL
   * @return the renamed conversation
   * @throws ValidationException ({@code title}) for a blank, oversize or NUL-holding title
   * @throws NotFoundException ({@code conversation}) if the user has no such conversation
   */
  public Conversation rename(UUID userId, UUID id, String title) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    String checkedTitle = Check.text("title", title, 1, MAX_TITLE);
    Instant now = context.now();
    return context.write(
        dsl ->
            dsl.update(CONVERSATIONS)
                .set(CONVERSATIONS.TITLE, checkedTitle)
                .set(CONVERSATIONS.UPDATED_AT, now)
                .where(CONVERSATIONS.USER_ID.eq(userId), CONVERSATIONS.ID.eq(id))
                .returningResult(CONVERSATION_COLUMNS)
                .fetchOptional()
                .map(ConversationDao::toConversation)
                .orElseThrow(() -> new NotFoundException("conversation", id)),
        id);
  }

  /**
   * Deletes a conversation and all its messages.
   *
   * @param userId the acting user
   * @param id the conversation
   * @throws NotFoundException ({@code conversation}) if the user has no such conversation
   */
  public void delete(UUID userId, UUID id) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    context.deleteOwned(
        CONVERSATIONS, CONVERSATIONS.USER_ID, CONVERSATIONS.ID, userId, id, "conversation");
  }

  /**
   * Appends a message; the database gives it the conversation's next sequence number and bumps the
   * conversation's last activity.
   *
   * <p>Only assistant messages may carry tool calls (a JSON array or object); a tool message must
   * answer, by its id, a tool call of an earlier assistant message of the same conversation: an
   * element of that message's {@code tool_calls} array (or the object itself) whose {@code "id"} is
   * the tool call id.
   *
   * @param userId the acting user
   * @param conversationId the conversation
   * @param message the message
   * @return the stored message with its sequence number
   * @throws ValidationException ({@code content}, {@code tool_calls}, {@code tool_call_id}) for
   *     oversize or NUL-holding content, tool calls that are not a JSON array or object or on a
   *     non-assistant message, or a tool call id that is missing, misplaced or answers no call
   * @throws NotFoundException ({@code conversation}) if the user has no such conversation
   */
  public Message append(UUID userId, UUID conversationId, NewMessage message) {
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
          return dsl.insertInto(MESSAGES)
              .set(MESSAGES.USER_ID, userId)
              .set(MESSAGES.CONVERSATION_ID, conversationId)
              .set(MESSAGES.ID, id)
              .set(MESSAGES.ROLE, role(message.role()))
              .set(MESSAGES.CONTENT, content)
              .set(MESSAGES.TOOL_CALLS, toolCalls)
              .set(MESSAGES.TOOL_CALL_ID, toolCallId)
              .set(MESSAGES.CREATED_AT, now)
              .returningResult(MESSAGE_COLUMNS)
              .fetchSingle(ConversationDao::toMessage);
        },
        conversationId);
  }

  /**
   * A conversation's messages in order (oldest first), one page at a time.
   *
   * @param userId the acting user
   * @param conversationId the conversation
   * @param page the page: {@link PageRequest#first(int)}, or {@link Page#next()} of the previous
   *     page
   * @return one page (empty for a conversation without messages)
   * @throws ValidationException ({@code cursor}) when the cursor is not one this conversation's
   *     list handed out to this user
   * @throws NotFoundException ({@code conversation}) if the user has no such conversation
   */
  public Page<Message> messages(UUID userId, UUID conversationId, PageRequest page) {
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
                      ConversationDao::toMessage);
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

  /**
   * The newest messages of a conversation, oldest first: the context window a chatbot sends to the
   * model.
   *
   * @param userId the acting user
   * @param conversationId the conversation
   * @param limit how many, 1 to 500
   * @return up to {@code limit} messages (empty for a conversation without messages), in order
   * @throws ValidationException ({@code limit}) for a bad count
   * @throws NotFoundException ({@code conversation}) if the user has no such conversation
   */
  public List<Message> lastMessages(UUID userId, UUID conversationId, int limit) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(conversationId, "conversationId");
    if (limit < 1 || limit > 500) {
      throw new ValidationException("limit", "must be 1 to 500 (was " + limit + ")");
    }
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
                  ConversationDao::toMessage);
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
    JSONB asElement =
        JSONB.jsonb(
            context
                .json()
                .createArrayNode()
                .add(context.json().createObjectNode().put("id", toolCallId))
                .toString());
    JSONB asObject =
        JSONB.jsonb(context.json().createObjectNode().put("id", toolCallId).toString());
    // Plain-SQL template: jOOQ's open-source DSL has no jsonb containment operator (@>).
    Condition answers =
        DSL.condition("{0} @> {1}", MESSAGES.TOOL_CALLS, DSL.val(asElement))
            .or(DSL.condition("{0} @> {1}", MESSAGES.TOOL_CALLS, DSL.val(asObject)));
    boolean found =
        dsl.fetchExists(
            MESSAGES,
            MESSAGES.USER_ID.eq(userId),
            MESSAGES.CONVERSATION_ID.eq(conversationId),
            MESSAGES.ROLE.eq(io.todokit.schema.jooq.enums.MessageRole.assistant),
            MESSAGES.TOOL_CALLS.isNotNull(),
            answers);
    if (!found) {
      throw new ValidationException(
          "tool_call_id",
          "answers no tool call of an earlier assistant message in this conversation");
    }
  }

  private static io.todokit.schema.jooq.enums.MessageRole role(MessageRole role) {
    return switch (role) {
      case USER -> io.todokit.schema.jooq.enums.MessageRole.user;
      case ASSISTANT -> io.todokit.schema.jooq.enums.MessageRole.assistant;
      case SYSTEM -> io.todokit.schema.jooq.enums.MessageRole.system;
      case TOOL -> io.todokit.schema.jooq.enums.MessageRole.tool;
    };
  }

  private static MessageRole role(io.todokit.schema.jooq.enums.MessageRole role) {
    return switch (role) {
      case user -> MessageRole.USER;
      case assistant -> MessageRole.ASSISTANT;
      case system -> MessageRole.SYSTEM;
      case tool -> MessageRole.TOOL;
    };
  }

  private static Conversation toConversation(Record row) {
    return new Conversation(
        row.get(CONVERSATIONS.ID),
        row.get(CONVERSATIONS.USER_ID),
        row.get(CONVERSATIONS.TITLE),
        row.get(CONVERSATIONS.LAST_MESSAGE_SEQ),
        row.get(CONVERSATIONS.CREATED_AT),
        row.get(CONVERSATIONS.UPDATED_AT));
  }

  private static Message toMessage(ResultSet row) throws SQLException {
    return new Message(
        Objects.requireNonNull(ResultSets.uuid(row, MESSAGES.ID)),
        Objects.requireNonNull(ResultSets.uuid(row, MESSAGES.CONVERSATION_ID)),
        row.getLong(MESSAGES.SEQ.getName()),
        role(
            io.todokit.schema.jooq.enums.MessageRole.valueOf(
                Objects.requireNonNull(ResultSets.text(row, MESSAGES.ROLE)))),
        Objects.requireNonNull(ResultSets.text(row, MESSAGES.CONTENT)),
        ResultSets.text(row, MESSAGES.TOOL_CALLS),
        ResultSets.text(row, MESSAGES.TOOL_CALL_ID),
        Objects.requireNonNull(ResultSets.instant(row, MESSAGES.CREATED_AT)));
  }

  private static Message toMessage(Record row) {
    JSONB toolCalls = row.get(MESSAGES.TOOL_CALLS);
    return new Message(
        row.get(MESSAGES.ID),
        row.get(MESSAGES.CONVERSATION_ID),
        row.get(MESSAGES.SEQ),
        role(row.get(MESSAGES.ROLE)),
        row.get(MESSAGES.CONTENT),
        toolCalls == null ? null : toolCalls.data(),
        row.get(MESSAGES.TOOL_CALL_ID),
        row.get(MESSAGES.CREATED_AT));
  }
}
