package io.todokit.dao.tasks;

/** What a write recorded as a {@link TaskEffect} did to its task. */
public enum TaskEffectKind {
  /** {@link TaskDao#create}. */
  CREATED,
  /** {@link TaskDao#update}. */
  UPDATED,
  /** {@link TaskDao#complete} (also when the task was already completed). */
  COMPLETED,
  /** {@link TaskDao#reopen} (also when the task was not completed). */
  REOPENED,
  /** {@link TaskDao#delete}. */
  DELETED
}
