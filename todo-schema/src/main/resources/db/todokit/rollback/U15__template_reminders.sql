-- Step 15, undone: templates carry no reminders again. The reminders that tasks already got from
-- their templates are rows of those tasks (step 14) and stay.
ALTER TABLE recurring_tasks DROP CONSTRAINT recurring_tasks_reminders_valid;
ALTER TABLE recurring_tasks DROP COLUMN reminders_before_due;
