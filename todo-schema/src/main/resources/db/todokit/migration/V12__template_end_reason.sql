-- Step 12: why a template stopped, in one line: its rule ended, it has no occurrence left within
-- the supported range, or a worker could not materialize it (a value Java refuses, a task the
-- database refuses). NULL while the template runs normally.

ALTER TABLE recurring_tasks ADD COLUMN end_reason text;

ALTER TABLE recurring_tasks ADD CONSTRAINT recurring_tasks_end_reason_length
    CHECK (char_length(end_reason) <= 500);
