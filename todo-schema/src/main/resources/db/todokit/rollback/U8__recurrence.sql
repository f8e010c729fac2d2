ALTER TABLE tasks DROP CONSTRAINT tasks_recurrence_rule_shape;
ALTER TABLE tasks DROP COLUMN recurrence_rule;
