package io.todokit.examples.spring.tasks;

import io.todokit.dao.Page;
import io.todokit.dao.tasks.Task;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A list of tasks: {@code {"items": [...], "next_cursor": "..."}}.
 *
 * @param items the tasks
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page and for lists
 *     that are not paged
 */
record TaskList(List<TaskJson> items, @Nullable String nextCursor) {

  static TaskList of(List<Task> tasks) {
    return new TaskList(tasks.stream().map(TaskJson::of).toList(), null);
  }

  static TaskList of(Page<Task> page) {
    return new TaskList(
        page.items().stream().map(TaskJson::of).toList(), page.nextCursor().orElse(null));
  }
}
