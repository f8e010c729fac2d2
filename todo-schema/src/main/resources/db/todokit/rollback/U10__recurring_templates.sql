DROP INDEX tasks_template_occurrence_key;
ALTER TABLE tasks DROP CONSTRAINT tasks_template_has_occurrence;
ALTER TABLE tasks DROP CONSTRAINT tasks_template_fkey;
ALTER TABLE tasks DROP COLUMN occurrence_at;
ALTER TABLE tasks DROP COLUMN template_id;
DROP TABLE recurring_tasks;
