package io.todokit.dao.tasks;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link TaskDao#complete}: the completed task and, for a recurring task, the next
 * one it created. Immutable and thread-safe.
 *
 * @param completed the task, now completed
 * @param next the next task of its recurrence, or empty when it has no rule, the rule has ended, or
 *     the task had already been completed before this call
 */
public record Completion(Task completed, Optional<Task> next) {

  /** Checks the fields. */
  public Completion {
    Objects.requireNonNull(completed, "completed");
    Objects.requireNonNull(next, "next");
  }
}
