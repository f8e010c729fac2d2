ALTER TABLE recurring_tasks DROP CONSTRAINT recurring_tasks_end_reason_length;
ALTER TABLE recurring_tasks DROP COLUMN end_reason;
