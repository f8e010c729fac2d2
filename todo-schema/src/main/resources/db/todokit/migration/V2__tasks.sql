-- Step 2: tasks, keyed by (user_id, id) so that every reference to a task carries its owner.

CREATE TYPE task_status AS ENUM ('pending', 'in_progress', 'completed');

CREATE TABLE tasks
(
    user_id      uuid        NOT NULL,
    id           uuid        NOT NULL DEFAULT gen_random_uuid(),
    title        text        NOT NULL,
    description  text,
    status       task_status NOT NULL DEFAULT 'pending',
    completed_at timestamptz,
    version      bigint      NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tasks_pkey PRIMARY KEY (user_id, id),
    CONSTRAINT tasks_user_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT tasks_title_length CHECK (btrim(title) <> '' AND char_length(title) <= 255),
    CONSTRAINT tasks_description_length CHECK (char_length(description) <= 10000),
    -- completed_at is set exactly when the task is completed.
    CONSTRAINT tasks_completed_at_matches_status
        CHECK ((status = 'completed') = (completed_at IS NOT NULL)),
    CONSTRAINT tasks_version_not_negative CHECK (version >= 0)
);

CREATE TRIGGER tasks_set_updated_at
    BEFORE UPDATE ON tasks
    FOR EACH ROW EXECUTE FUNCTION todokit_set_updated_at();
