-- Step 10: recurring-task templates that a scheduler turns into tasks. Each task made from a
-- template records (template, occurrence); a unique key makes sure no occurrence is made twice.

CREATE TABLE recurring_tasks
(
    user_id         uuid          NOT NULL,
    id              uuid          NOT NULL DEFAULT gen_random_uuid(),
    title           text          NOT NULL,
    description     text,
    priority        task_priority NOT NULL DEFAULT 'medium',
    recurrence_rule jsonb         NOT NULL,
    time_zone       text          NOT NULL DEFAULT 'UTC',
    -- The first occurrence: the rule's DTSTART, on time_zone's wall clock.
    starts_at       timestamptz   NOT NULL,
    -- The next occurrence to create; NULL once the rule has ended.
    next_due_at     timestamptz,
    -- What to do with occurrences missed while no worker ran: create only the latest, or all.
    missed_policy   text          NOT NULL DEFAULT 'latest',
    is_active       boolean       NOT NULL DEFAULT true,
    created_at      timestamptz   NOT NULL DEFAULT now(),
    updated_at      timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT recurring_tasks_pkey PRIMARY KEY (user_id, id),
    CONSTRAINT recurring_tasks_user_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT recurring_tasks_title_length CHECK (btrim(title) <> '' AND char_length(title) <= 255),
    CONSTRAINT recurring_tasks_description_length CHECK (char_length(description) <= 10000),
    CONSTRAINT recurring_tasks_recurrence_rule_shape
        CHECK (jsonb_typeof(recurrence_rule) = 'object'
            AND recurrence_rule ->> 'frequency' IN ('daily', 'weekly', 'monthly', 'yearly')),
    CONSTRAINT recurring_tasks_time_zone_valid CHECK (todokit_is_time_zone(time_zone)),
    CONSTRAINT recurring_tasks_missed_policy_valid CHECK (missed_policy IN ('latest', 'all')),
    CONSTRAINT recurring_tasks_ended_inactive CHECK (next_due_at IS NOT NULL OR NOT is_active)
);

-- The workers' scan: active templates by next due time, across all users.
CREATE INDEX recurring_tasks_due_idx ON recurring_tasks (next_due_at) WHERE is_active;

CREATE TRIGGER recurring_tasks_set_updated_at
    BEFORE UPDATE ON recurring_tasks
    FOR EACH ROW EXECUTE FUNCTION todokit_set_updated_at();

ALTER TABLE tasks ADD COLUMN template_id uuid;
ALTER TABLE tasks ADD COLUMN occurrence_at timestamptz;

-- Deleting a template keeps its tasks and forgets where they came from (PostgreSQL 15+ column
-- list: user_id must stay).
ALTER TABLE tasks ADD CONSTRAINT tasks_template_fkey FOREIGN KEY (user_id, template_id)
    REFERENCES recurring_tasks (user_id, id) ON DELETE SET NULL (template_id);
ALTER TABLE tasks ADD CONSTRAINT tasks_template_has_occurrence
    CHECK (template_id IS NULL OR occurrence_at IS NOT NULL);

-- No occurrence of a template is ever made twice, whatever the workers do.
CREATE UNIQUE INDEX tasks_template_occurrence_key ON tasks (user_id, template_id, occurrence_at)
    WHERE template_id IS NOT NULL;
