package org.example.boot;

import io.todokit.dao.TodoDb;
import io.todokit.dao.tasks.NewTask;
import io.todokit.dao.tasks.Task;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The smallest service on todokit's starter: one endpoint that creates a task. */
@SpringBootApplication
public class ConsumerApplication {

  public static void main(String[] args) {
    SpringApplication.run(ConsumerApplication.class, args);
  }

  @RestController
  static class Tasks {
    private final TodoDb db;

    Tasks(TodoDb db) {
      this.db = db;
    }

    @PostMapping("/users/{user}/tasks")
    Map<String, Object> create(@PathVariable UUID user, @RequestBody Map<String, String> body) {
      Task task = db.tasks().create(user, NewTask.titled(body.get("title")));
      return Map.of("id", task.id().toString(), "title", task.title());
    }
  }
}
