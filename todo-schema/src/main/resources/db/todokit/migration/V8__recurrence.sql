-- Step 8: a recurrence rule on tasks, in the documented JSON shape
-- {"frequency", "interval", "days", "end_date", ...}; completing such a task creates the next one.

ALTER TABLE tasks ADD COLUMN recurrence_rule jsonb;

ALTER TABLE tasks ADD CONSTRAINT tasks_recurrence_rule_shape
    CHECK (recurrence_rule IS NULL
        OR (jsonb_typeof(recurrence_rule) = 'object'
            AND recurrence_rule ->> 'frequency' IN ('daily', 'weekly', 'monthly', 'yearly')));
