package io.todokit.examples.spring.comments;

import io.todokit.dao.TodoDb;
import io.todokit.dao.ValidationException;
import io.todokit.examples.spring.web.ActingUser;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/tasks/{id}/comments}: comments on a task, kept in the service's own table ({@code
 * task_comments}, migrated by Spring Boot's Flyway from {@code db/migration}) next to todokit's.
 * todokit answers whether the task is the user's ({@code db.tasks().get}, a 404 otherwise); the
 * table's foreign key to {@code todokit.tasks} keeps the two consistent.
 */
@RestController
@RequestMapping("/api/tasks/{taskId}/comments")
class CommentController {

  /** A comment as JSON. */
  record CommentJson(long id, String text, Instant createdAt) {}

  /** The request body of a new comment. */
  record NewCommentRequest(@Nullable String text) {}

  /** The comments of a task, oldest first. */
  record CommentList(List<CommentJson> items) {}

  private final TodoDb db;
  private final JdbcClient jdbc;

  CommentController(TodoDb db, JdbcClient jdbc) {
    this.db = db;
    this.jdbc = jdbc;
  }

  @PostMapping
  ResponseEntity<CommentJson> add(
      ActingUser user, @PathVariable UUID taskId, @RequestBody NewCommentRequest request) {
    String text = request.text() == null ? "" : request.text().strip();
    if (text.isEmpty() || text.length() > 2000) {
      throw new ValidationException("text", "must be 1 to 2000 characters");
    }
    db.tasks().get(user.id(), taskId); // NotFoundException (404) unless it is the user's task
    CommentJson comment =
        jdbc.sql(
                "INSERT INTO task_comments (user_id, task_id, text) VALUES (?, ?, ?)"
                    + " RETURNING id, text, created_at")
            .params(user.id(), taskId, text)
            .query(
                (row, number) ->
                    new CommentJson(
                        row.getLong("id"),
                        row.getString("text"),
                        row.getObject("created_at", java.time.OffsetDateTime.class).toInstant()))
            .single();
    return ResponseEntity.created(URI.create("/api/tasks/" + taskId + "/comments/" + comment.id()))
        .body(comment);
  }

  @GetMapping
  CommentList list(ActingUser user, @PathVariable UUID taskId) {
    db.tasks().get(user.id(), taskId);
    return new CommentList(
        jdbc.sql(
                "SELECT id, text, created_at FROM task_comments"
                    + " WHERE user_id = ? AND task_id = ? ORDER BY id")
            .params(user.id(), taskId)
            .query(
                (row, number) ->
                    new CommentJson(
                        row.getLong("id"),
                        row.getString("text"),
                        row.getObject("created_at", java.time.OffsetDateTime.class).toInstant()))
            .list());
  }
}
