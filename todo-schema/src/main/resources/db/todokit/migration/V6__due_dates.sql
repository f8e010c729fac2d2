-- Step 6: due dates.

ALTER TABLE tasks ADD COLUMN due_at timestamptz;

-- Overdue, due today and due between: a user's open tasks by due date.
CREATE INDEX tasks_user_open_due_idx ON tasks (user_id, due_at)
    WHERE status <> 'completed' AND due_at IS NOT NULL;
