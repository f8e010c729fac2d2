-- Step 3: indexes for the task lists every user sees.

-- A user's tasks by status, newest first (list and filter by status).
CREATE INDEX tasks_user_status_created_idx ON tasks (user_id, status, created_at DESC);

-- Text search over title and description ('simple' configuration: no stemming, any language).
CREATE INDEX tasks_search_idx ON tasks
    USING gin (to_tsvector('simple'::regconfig, title || ' ' || coalesce(description, '')));
