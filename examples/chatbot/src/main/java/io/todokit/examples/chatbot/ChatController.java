package io.todokit.examples.chatbot;

import io.todokit.dao.NotFoundException;
import io.todokit.dao.TodoDb;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/{userId}/chat} and {@code GET /api/{userId}/conversations/{id}/effects}.
 *
 * <p>The user in the path stands for the authenticated user of a real service (put Spring
 * Security's principal there); it must exist. An unknown user, or a conversation the user does not
 * have, is a 404 problem detail; a blank message a 400 naming {@code message} (todokit's starter).
 */
@RestController
class ChatController {

  private final ChatService chat;
  private final TodoDb db;

  ChatController(ChatService chat, TodoDb db) {
    this.chat = chat;
    this.db = db;
  }

  @PostMapping("/api/{userId}/chat")
  ChatReply chat(@PathVariable UUID userId, @RequestBody ChatRequest request) {
    return chat.chat(userId, request.message(), request.conversationId());
  }

  /** What the assistant did in a conversation, in order (from {@code tasks().effects}). */
  @GetMapping("/api/{userId}/conversations/{conversationId}/effects")
  List<EffectJson> effects(@PathVariable UUID userId, @PathVariable UUID conversationId) {
    db.users().get(userId);
    db.conversations().get(userId, conversationId);
    return db.tasks().effects(userId, conversationId).stream().map(EffectJson::of).toList();
  }

  /**
   * Not found, the user included: the starter answers 401 for an unknown acting user, but here the
   * user is a path segment, a resource like the conversation.
   */
  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("Not Found");
    problem.setProperty("entity", e.entity());
    problem.setProperty("id", e.id());
    return problem;
  }
}
