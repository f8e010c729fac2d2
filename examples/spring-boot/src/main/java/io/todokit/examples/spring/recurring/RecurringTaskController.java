package io.todokit.examples.spring.recurring;

import io.todokit.dao.TodoDb;
import io.todokit.dao.recurring.RecurringTask;
import io.todokit.dao.recurring.RecurringTaskPatch;
import io.todokit.examples.spring.web.ActingUser;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/recurring-tasks}: templates that a scheduler (see the worker example) turns into
 * tasks.
 */
@RestController
@RequestMapping("/api/recurring-tasks")
class RecurringTaskController {

  private final TodoDb db;

  RecurringTaskController(TodoDb db) {
    this.db = db;
  }

  @PostMapping
  ResponseEntity<RecurringTaskJson> create(
      ActingUser user, @RequestBody NewRecurringTaskRequest request) {
    RecurringTask template = db.recurring().create(user.id(), request.toCommand());
    return ResponseEntity.created(URI.create("/api/recurring-tasks/" + template.id()))
        .body(RecurringTaskJson.of(template));
  }

  @GetMapping("/{id}")
  RecurringTaskJson get(ActingUser user, @PathVariable UUID id) {
    return RecurringTaskJson.of(db.recurring().get(user.id(), id));
  }

  /**
   * Changes the template's fields, then pauses or resumes it as {@code is_active} says, in one
   * transaction: either all of it happens or none.
   */
  @PutMapping("/{id}")
  RecurringTaskJson update(
      ActingUser user, @PathVariable UUID id, @RequestBody RecurringTaskChanges changes) {
    RecurringTaskPatch patch = changes.toPatch();
    Boolean active = changes.isActive();
    return RecurringTaskJson.of(
        db.transactionResult(
            tx -> {
              RecurringTask template =
                  patch.equals(RecurringTaskPatch.empty())
                      ? tx.recurring().get(user.id(), id)
                      : tx.recurring().update(user.id(), id, patch);
              if (active == null) {
                return template;
              }
              return active
                  ? tx.recurring().resume(user.id(), id)
                  : tx.recurring().pause(user.id(), id);
            }));
  }
}
