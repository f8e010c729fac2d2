DROP INDEX tasks_user_open_due_idx;
ALTER TABLE tasks DROP COLUMN due_at;
