package io.todokit.examples.spring.tasks;

import io.todokit.dao.PageRequest;
import io.todokit.dao.TodoDb;
import io.todokit.dao.ValidationException;
import io.todokit.dao.tasks.Task;
import io.todokit.dao.tasks.TaskQuery;
import io.todokit.examples.spring.tags.TagList;
import io.todokit.examples.spring.web.ActingUser;
import java.net.URI;
import java.time.Clock;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/tasks}: create tasks, list them (open, overdue, due today, by tag), set their tags.
 */
@RestController
@RequestMapping("/api/tasks")
class TaskController {

  private final TodoDb db;
  private final Clock clock;

  TaskController(TodoDb db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @PostMapping
  ResponseEntity<TaskJson> create(ActingUser user, @RequestBody NewTaskRequest request) {
    Task task = db.tasks().create(user.id(), request.toCommand());
    return ResponseEntity.created(URI.create("/api/tasks/" + task.id())).body(TaskJson.of(task));
  }

  @GetMapping("/{id}")
  TaskJson get(ActingUser user, @PathVariable UUID id) {
    return TaskJson.of(db.tasks().get(user.id(), id));
  }

  /**
   * With {@code tag_id}: every task of the user's that carries the tag (completed ones included),
   * by due date. Without: one page of the user's open tasks, most urgent first.
   */
  @GetMapping
  TaskList list(
      ActingUser user,
      @RequestParam(name = "tag_id", required = false) @Nullable UUID tagId,
      @RequestParam(required = false) @Nullable String cursor,
      @RequestParam(required = false) @Nullable Integer limit) {
    if (tagId != null) {
      if (cursor != null || limit != null) {
        throw new ValidationException(
            cursor != null ? "cursor" : "limit", "is not supported together with tag_id");
      }
      return TaskList.of(db.tasks().byTag(user.id(), tagId));
    }
    int size = limit == null ? PageRequest.DEFAULT_LIMIT : limit;
    PageRequest page = cursor == null ? PageRequest.first(size) : PageRequest.after(cursor, size);
    return TaskList.of(db.tasks().query(user.id(), TaskQuery.open(), page));
  }

  /** The user's open tasks due before now, earliest first. */
  @GetMapping("/overdue")
  TaskList overdue(ActingUser user) {
    return TaskList.of(db.tasks().overdue(user.id(), clock.instant()));
  }

  /** The user's open tasks due today in the user's time zone ({@code users.time_zone}). */
  @GetMapping("/due-today")
  TaskList dueToday(ActingUser user) {
    return TaskList.of(db.tasks().dueToday(user.id(), clock.instant()));
  }

  /** Replaces the task's tags (PUT semantics) and returns them, ordered by name. */
  @PutMapping("/{id}/tags")
  TagList setTags(ActingUser user, @PathVariable UUID id, @RequestBody TaskTagsRequest request) {
    return TagList.of(db.tags().setTaskTags(user.id(), id, request.ids()));
  }
}
