package io.todokit.examples.spring.tags;

import io.todokit.dao.TodoDb;
import io.todokit.dao.tags.Tag;
import io.todokit.examples.spring.web.ActingUser;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/tags}: the user's tags. Tagging a task is {@code PUT /api/tasks/{id}/tags}. */
// tag::spring-inject[]
@RestController
@RequestMapping("/api/tags")
class TagController {

  private final TodoDb db;

  TagController(TodoDb db) { // migrated at startup, version-checked, bounded by timeouts
    this.db = db;
  }

  // end::spring-inject[]

  @PostMapping
  ResponseEntity<TagJson> create(ActingUser user, @RequestBody NewTagRequest request) {
    Tag tag = db.tags().create(user.id(), request.toCommand());
    return ResponseEntity.created(URI.create("/api/tags/" + tag.id())).body(TagJson.of(tag));
  }

  @GetMapping("/{id}")
  TagJson get(ActingUser user, @PathVariable UUID id) {
    return TagJson.of(db.tags().get(user.id(), id));
  }

  /** The user's tags by name, each with the number of tasks that carry it. */
  @GetMapping
  TagList list(ActingUser user) {
    return new TagList(
        db.tags().list(user.id()).stream()
            .map(counted -> TagJson.of(counted.tag(), counted.taskCount()))
            .toList());
  }
}
