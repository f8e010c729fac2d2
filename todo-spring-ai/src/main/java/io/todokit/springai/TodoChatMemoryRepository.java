package io.todokit.springai;

import io.todokit.dao.DuplicateException;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.Page;
import io.todokit.dao.PageRequest;
import io.todokit.dao.TodoDb;
import io.todokit.dao.ValidationException;
import io.todokit.dao.conversations.ContextWindow;
import io.todokit.dao.conversations.Conversation;
import io.todokit.dao.conversations.NewMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.messages.Message;

/**
 * A Spring AI {@link ChatMemoryRepository} over todokit's conversations, bound to one user: make
 * one per request (it is cheap) with the authenticated user, and give it to {@code
 * MessageWindowChatMemory.builder().chatMemoryRepository(…)}.
 *
 * <p><b>Conversation ids.</b> Spring AI's conversation id is a string; todokit's is a UUID. A
 * string that is a UUID is that conversation's id; any other string (such as Spring AI's {@code
 * "default"}) maps to the name-based UUID (version 3) of {@code "todokit:spring-ai:<user
 * uuid>:<string>"}, stable across restarts. {@link #saveAll} creates the conversation on first save
 * (titled with the string, cut to 255 characters); {@link #findConversationIds} lists the user's
 * conversations as UUID strings, most recent first.
 *
 * <p><b>Append-only.</b> {@link #saveAll} receives the chat memory's whole window; it appends only
 * the messages that follow the newest stored one, and never deletes or rewrites the history
 * (messages a window evicted stay stored). {@link #findByConversationId} returns the whole history,
 * which the chat memory then windows; for a window that never splits a tool call from its answers,
 * read {@code db.conversations().window}.
 *
 * <p><b>Lossless</b> for system, user (text), assistant (text and tool calls: id, name, arguments)
 * and tool response messages: one response per todokit tool message, and consecutive tool messages
 * read back as one {@code ToolResponseMessage}, each response named after the call it answers. Not
 * stored: metadata, media (refused). Thread-safe.
 */
public final class TodoChatMemoryRepository implements ChatMemoryRepository {

  /** The window {@link #findByConversationId} returns unless {@link #withWindow} sets another. */
  public static final ContextWindow DEFAULT_WINDOW = ContextWindow.of(100);

  private static final int MAX_TITLE = 255;

  private final TodoDb db;
  private final UUID userId;
  private final ContextWindow window;

  private TodoChatMemoryRepository(TodoDb db, UUID userId, ContextWindow window) {
    this.db = Objects.requireNonNull(db, "db");
    this.userId = Objects.requireNonNull(userId, "userId");
    this.window = Objects.requireNonNull(window, "window");
  }

  /**
   * A repository of one user's conversations.
   *
   * @param db the database
   * @param userId the acting user
   * @return the repository
   */
  public static TodoChatMemoryRepository forUser(TodoDb db, UUID userId) {
    return new TodoChatMemoryRepository(db, userId, DEFAULT_WINDOW);
  }

  /**
   * This repository with another window for {@link #findByConversationId}.
   *
   * @param window the window, e.g. {@code ContextWindow.of(20).withTokenBudget(8_000)}
   * @return the new repository
   */
  public TodoChatMemoryRepository withWindow(ContextWindow window) {
    return new TodoChatMemoryRepository(db, userId, window);
  }

  /**
   * The todokit conversation id a Spring AI conversation id maps to.
   *
   * @param conversationId Spring AI's id
   * @return the UUID it is, or the name-based UUID of this user and the string
   * @throws ValidationException ({@code conversation_id}) for a blank id
   */
  public UUID conversationId(String conversationId) {
    if (conversationId == null || conversationId.isBlank()) {
      throw new ValidationException("conversation_id", "must not be blank");
    }
    try {
      UUID id = UUID.fromString(conversationId);
      if (id.toString().equalsIgnoreCase(conversationId)) {
        return id;
      }
    } catch (IllegalArgumentException e) {
      // not a UUID: mapped below
    }
    return UUID.nameUUIDFromBytes(
        ("todokit:spring-ai:" + userId + ":" + conversationId).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public List<String> findConversationIds() {
    List<String> ids = new ArrayList<>();
    PageRequest request = PageRequest.first(200);
    while (request != null) {
      Page<Conversation> page = db.conversations().list(userId, request);
      page.items().forEach(c -> ids.add(c.id().toString()));
      request = page.next().orElse(null);
    }
    return ids;
  }

  /**
   * The conversation's context window, oldest first; empty for a conversation the user does not
   * have.
   */
  @Override
  public List<Message> findByConversationId(String conversationId) {
    UUID id = conversationId(conversationId);
    try {
      return SpringMessages.toSpring(db.conversations().window(userId, id, window).messages());
    } catch (NotFoundException e) {
      return List.of();
    }
  }

  /**
   * Appends the messages that follow the newest stored one, creating the conversation on first
   * save.
   *
   * @throws ValidationException naming the field of a message todokit cannot store ({@code
   *     content}, {@code tool_calls[i].id}, {@code tool_call_id}, …)
   */
  @Override
  public void saveAll(String conversationId, List<Message> messages) {
    UUID id = conversationId(conversationId);
    List<NewMessage> given = SpringMessages.toNew(messages);
    Optional<Conversation> existing = db.conversations().find(userId, id);
    if (existing.isEmpty()) {
      String title = conversationId.strip();
      title = title.length() > MAX_TITLE ? title.substring(0, MAX_TITLE) : title;
      try {
        db.conversations().create(userId, id, title);
      } catch (DuplicateException e) {
        // created meanwhile by another request
      }
    }
    List<NewMessage> stored = history(id).stream().map(SpringMessages::asNew).toList();
    for (NewMessage message : given.subList(SpringMessages.newFrom(stored, given), given.size())) {
      db.conversations().append(userId, id, message);
    }
  }

  /** Deletes the conversation and all its messages; nothing for a missing one. */
  @Override
  public void deleteByConversationId(String conversationId) {
    UUID id = conversationId(conversationId);
    try {
      db.conversations().delete(userId, id);
    } catch (NotFoundException e) {
      // nothing to delete
    }
  }

  private List<io.todokit.dao.conversations.Message> history(UUID id) {
    List<io.todokit.dao.conversations.Message> all = new ArrayList<>();
    PageRequest request = PageRequest.first(200);
    while (request != null) {
      Page<io.todokit.dao.conversations.Message> page =
          db.conversations().messages(userId, id, request);
      all.addAll(page.items());
      request = page.next().orElse(null);
    }
    return all;
  }
}
