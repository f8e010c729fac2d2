-- Step 9: per-user tags. Both foreign keys of task_tags include user_id, so a task can only
-- carry its own user's tags: the database itself refuses anything else.

CREATE TABLE tags
(
    user_id    uuid        NOT NULL,
    id         uuid        NOT NULL DEFAULT gen_random_uuid(),
    name       text        NOT NULL,
    color      text        NOT NULL DEFAULT '#007bff',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tags_pkey PRIMARY KEY (user_id, id),
    CONSTRAINT tags_user_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT tags_name_length CHECK (name = btrim(name) AND char_length(name) BETWEEN 1 AND 50),
    CONSTRAINT tags_color_format CHECK (color ~ '^#[0-9A-Fa-f]{6}$')
);

-- Names are unique per user, case-insensitively.
CREATE UNIQUE INDEX tags_user_name_key ON tags (user_id, lower(name));

CREATE TRIGGER tags_set_updated_at
    BEFORE UPDATE ON tags
    FOR EACH ROW EXECUTE FUNCTION todokit_set_updated_at();

CREATE TABLE task_tags
(
    user_id    uuid        NOT NULL,
    task_id    uuid        NOT NULL,
    tag_id     uuid        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT task_tags_pkey PRIMARY KEY (user_id, task_id, tag_id),
    CONSTRAINT task_tags_task_fkey FOREIGN KEY (user_id, task_id)
        REFERENCES tasks (user_id, id) ON DELETE CASCADE,
    CONSTRAINT task_tags_tag_fkey FOREIGN KEY (user_id, tag_id)
        REFERENCES tags (user_id, id) ON DELETE CASCADE
);

-- Tasks by tag (and the cascade from tags); the primary key serves tags of a task.
CREATE INDEX task_tags_user_tag_idx ON task_tags (user_id, tag_id, task_id);
