-- The service's own table, in its own schema (public), under its own Flyway history
-- (flyway_schema_history); todokit's tables and history live in schema todokit.
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer text NOT NULL,
  -- The todokit task that tracks the order's delivery (todokit.tasks (user_id, id)).
  task_user_id uuid NOT NULL,
  task_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
