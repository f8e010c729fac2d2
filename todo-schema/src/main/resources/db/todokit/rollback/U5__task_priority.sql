DROP INDEX tasks_user_open_priority_idx;
ALTER TABLE tasks DROP COLUMN priority;
DROP TYPE task_priority;
