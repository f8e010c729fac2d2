package io.todokit.dao.conversations;

import io.todokit.dao.NotFoundException;
import io.todokit.dao.Page;
import io.todokit.dao.PageRequest;
import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.DaoAccess;
import io.todokit.dao.internal.DaoContext;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

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

  private final Conversations conversations;
  private final Messages messages;

  static {
    DaoAccess.register(ConversationDao.class, ConversationDao::new);
  }

  private ConversationDao(DaoContext context) {
    Objects.requireNonNull(context, "context");
    this.conversations = new Conversations(context);
    this.messages = new Messages(context);
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
    return conversations.create(userId, title);
  }

  /**
   * One conversation, if the user has it.
   *
   * @param userId the acting user
   * @param id the conversation
   * @return the conversation, or empty if the user has no such conversation
   */
  public Optional<Conversation> find(UUID userId, UUID id) {
    return conversations.find(userId, id);
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
    return conversations.list(userId, page);
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
    return conversations.rename(userId, id, title);
  }

  /**
   * Deletes a conversation and all its messages.
   *
   * @param userId the acting user
   * @param id the conversation
   * @throws NotFoundException ({@code conversation}) if the user has no such conversation
   */
  public void delete(UUID userId, UUID id) {
    conversations.delete(userId, id);
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
    return messages.append(userId, conversationId, message);
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
    return messages.messages(userId, conversationId, page);
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
    return messages.lastMessages(userId, conversationId, limit);
  }
}
