package io.todokit.dao.conversations;

import io.todokit.dao.DuplicateException;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.Page;
import io.todokit.dao.PageRequest;
import io.todokit.dao.ValidationException;
import io.todokit.dao.internal.DaoAccess;
import io.todokit.dao.internal.DaoContext;
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
   * Starts a conversation with an id the caller chose, e.g. one derived from a framework's own
   * conversation key; ids are per user, so another user's conversation with the same id is no
   * conflict.
   *
   * @param userId the acting user
   * @param id the new conversation's id
   * @param title 1 to 255 characters after trimming, no NUL
   * @return the conversation, without messages
   * @throws ValidationException ({@code id}) for a null id, ({@code title}) for a bad title
   * @throws DuplicateException ({@code id}) if the user has a conversation with this id
   * @throws NotFoundException ({@code user}) if the user does not exist
   */
  public Conversation create(UUID userId, UUID id, String title) {
    return conversations.create(userId, id, title);
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
   * <p>Only assistant messages may carry tool calls (stored as OpenAI's {@code tool_calls} array,
   * see {@link ToolCall}); a tool message must answer, by its id, a tool call of an earlier
   * assistant message of the same conversation.
   *
   * @param userId the acting user
   * @param conversationId the conversation
   * @param message the message
   * @return the stored message with its sequence number
   * @throws ValidationException ({@code tool_call_id}) for a tool call id that answers no earlier
   *     call (the other rules are checked when the {@link NewMessage} is built)
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
   * The context window a chatbot sends to the model: the newest messages that fit the spec, oldest
   * first, never cutting an assistant's tool calls from their answers. The full history stays
   * stored; the window only selects.
   *
   * <ul>
   *   <li>System messages are pinned by default: all of them come first (newest first while they
   *       fit), wherever they are in the history; unpinned, they are cut like the others.
   *   <li>The other messages are the longest suffix of the history that fits both budgets (pinned
   *       ones count) and starts outside a tool-call group: the window never holds a {@code tool}
   *       message without the assistant message that called it, nor an assistant call without all
   *       of its answers.
   *   <li>A turn in progress: an assistant message whose calls are not all answered yet, with the
   *       answers stored so far, is left out (the APIs reject a call without its answer) and
   *       reported in {@link ConversationWindow#unanswered()}; so is a tool message answering no
   *       stored call. Once every answer is stored, the group comes back.
   * </ul>
   *
   * <p>Reads are bounded by the spec, not the history: one statement reads the newest {@code
   * maxMessages + 32} messages (by sequence number, which has no gaps) and, when pinned, the older
   * system messages; only if a window could still reach further back (messages left out, or a tool
   * message whose call is older) does it read older batches, each four times larger, in the same
   * transaction.
   *
   * @param userId the acting user
   * @param conversationId the conversation
   * @param window the spec: {@link ContextWindow#of(int)} and its withers
   * @return the window (empty for a conversation without messages)
   * @throws ValidationException ({@code window}) for a null spec, ({@code token_estimator}) if the
   *     estimator returns a negative count
   * @throws NotFoundException ({@code conversation}) if the user has no such conversation
   */
  public ConversationWindow window(UUID userId, UUID conversationId, ContextWindow window) {
    return messages.window(userId, conversationId, window);
  }
}
