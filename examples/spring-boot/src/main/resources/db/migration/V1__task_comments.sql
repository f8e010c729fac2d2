-- The service's own table, migrated by Spring Boot's Flyway into the service's schema (public),
-- with its history in public.flyway_schema_history. todokit's tables are in the todokit schema,
-- migrated before this by the starter, so a foreign key may refer to them: a comment belongs to
-- one of its user's tasks (todokit's keys are tenant-keyed: (user_id, id)).
CREATE TABLE task_comments (
  id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id    uuid        NOT NULL,
  task_id    uuid        NOT NULL,
  text       text        NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (user_id, task_id) REFERENCES todokit.tasks (user_id, id) ON DELETE CASCADE
);

CREATE INDEX task_comments_by_task ON task_comments (user_id, task_id, id);
