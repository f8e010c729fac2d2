-- Step 5: task priority. The enum's declaration order is its sort order, so ORDER BY priority
-- DESC lists urgent first. Existing tasks become 'medium'.

CREATE TYPE task_priority AS ENUM ('low', 'medium', 'high', 'urgent');

ALTER TABLE tasks ADD COLUMN priority task_priority NOT NULL DEFAULT 'medium';

-- A user's open tasks by priority, most urgent first.
CREATE INDEX tasks_user_open_priority_idx ON tasks (user_id, priority DESC, created_at)
    WHERE status <> 'completed';
