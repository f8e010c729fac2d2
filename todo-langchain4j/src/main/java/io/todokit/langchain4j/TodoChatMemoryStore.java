package io.todokit.langchain4j;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import io.todokit.dao.NotFoundException;
import io.todokit.dao.Page;
import io.todokit.dao.PageRequest;
import io.todokit.dao.TodoDb;
import io.todokit.dao.ValidationException;
import io.todokit.dao.conversations.Message;
import io.todokit.dao.conversations.NewMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A LangChain4j {@link ChatMemoryStore} over todokit's conversations: the memory id is a {@link
 * MemoryId} (user and conversation), so one user never sees another's memory.
 *
 * <p>The full history is kept. {@link #updateMessages} appends only the messages that are new: a
 * chat memory such as {@code MessageWindowChatMemory} passes its window, which may have evicted
 * older messages; they stay stored, and nothing stored is ever deleted or rewritten. {@link
 * #getMessages} returns the whole history, which the chat memory then windows; to give the model a
 * window that never splits a tool call from its answers, read {@code db.conversations().window}.
 *
 * <p>Lossless for system, user (text), AI (text and tool execution requests: id, name, arguments)
 * and tool execution result messages (the tool's name is taken from the call it answers). Not
 * stored: user names, images and other non-text contents (refused), an AI message's thinking and
 * attributes, a result's {@code isError}. Conversations are created by the service ({@code
 * db.conversations().create(userId)}); thread-safe.
 */
public final class TodoChatMemoryStore implements ChatMemoryStore {

  private final TodoDb db;

  private TodoChatMemoryStore(TodoDb db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /**
   * A store over a database.
   *
   * @param db the database
   * @return the store
   */
  public static TodoChatMemoryStore create(TodoDb db) {
    return new TodoChatMemoryStore(db);
  }

  /**
   * The conversation's whole history, oldest first; empty for a missing or another user's one.
   *
   * @throws ValidationException ({@code memory_id}) for an id that is not a {@link MemoryId}
   */
  @Override
  public List<ChatMessage> getMessages(Object memoryId) {
    MemoryId id = MemoryId.of(memoryId);
    try {
      return Messages.toChat(history(id));
    } catch (NotFoundException e) {
      return List.of();
    }
  }

  /**
   * Appends the messages that follow the newest stored one; the rest are stored already.
   *
   * @throws ValidationException ({@code memory_id}, {@code content}, {@code tool_calls[i].id}, …)
   *     for a bad id or a message todokit cannot store
   * @throws NotFoundException ({@code conversation}) if the user has no such conversation
   */
  @Override
  public void updateMessages(Object memoryId, List<ChatMessage> messages) {
    MemoryId id = MemoryId.of(memoryId);
    List<NewMessage> given = new ArrayList<>(messages.size());
    for (ChatMessage message : messages) {
      given.add(Messages.toNew(message));
    }
    List<NewMessage> stored = history(id).stream().map(Messages::asNew).toList();
    for (NewMessage message : given.subList(Messages.newFrom(stored, given), given.size())) {
      db.conversations().append(id.userId(), id.conversationId(), message);
    }
  }

  /** Deletes the conversation and all its messages; nothing for a missing one. */
  @Override
  public void deleteMessages(Object memoryId) {
    MemoryId id = MemoryId.of(memoryId);
    if (db.conversations().find(id.userId(), id.conversationId()).isPresent()) {
      try {
        db.conversations().delete(id.userId(), id.conversationId());
      } catch (NotFoundException e) {
        // deleted meanwhile
      }
    }
  }

  private List<Message> history(MemoryId id) {
    List<Message> all = new ArrayList<>();
    PageRequest request = PageRequest.first(200);
    while (request != null) {
      Page<Message> page = db.conversations().messages(id.userId(), id.conversationId(), request);
      all.addAll(page.items());
      request = page.next().orElse(null);
    }
    return all;
  }
}
