-- Step 15: recurring templates carry reminders relative to the due time, which every task a worker
-- makes from the template gets (as reminders rows of its own, written with the task).
--
-- A column, not a table: a template's reminders are a short list (at most 20, as per task) that is
-- only ever read and written with its template row: created with it, replaced by a patch, read by
-- the worker's claim of the row it materializes. A column keeps each of those one row and one
-- statement (no join, no second write, no ordering column), is tenant-keyed by the row it is in,
-- and distributes with recurring_tasks. Nothing claims, pages or indexes template reminders on
-- their own; the firings live in reminders, per task, as before.
ALTER TABLE recurring_tasks
    ADD COLUMN reminders_before_due interval[] NOT NULL DEFAULT '{}';

ALTER TABLE recurring_tasks
    ADD CONSTRAINT recurring_tasks_reminders_valid CHECK (
        cardinality(reminders_before_due) <= 20
            AND coalesce(array_ndims(reminders_before_due), 1) = 1
            AND array_position(reminders_before_due, NULL) IS NULL
            AND interval '0' <= ALL (reminders_before_due)
            AND interval '366 days' >= ALL (reminders_before_due));
