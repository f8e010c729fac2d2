DROP INDEX tasks_armed_reminder_idx;
DROP TRIGGER tasks_rearm_reminder ON tasks;
DROP FUNCTION todokit_tasks_rearm_reminder();
ALTER TABLE tasks DROP CONSTRAINT tasks_reminded_at_needs_remind_at;
ALTER TABLE tasks DROP COLUMN reminded_at;
ALTER TABLE tasks DROP COLUMN remind_at;
