-- Test only: a step that a newer release of todokit ships, to stand for a database that such a
-- release migrated during a rolling deploy. It only adds, so this release keeps working.

CREATE TABLE task_notes
(
    user_id    uuid        NOT NULL,
    task_id    uuid        NOT NULL,
    id         uuid        NOT NULL DEFAULT gen_random_uuid(),
    body       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT task_notes_pkey PRIMARY KEY (user_id, id),
    CONSTRAINT task_notes_task_fkey FOREIGN KEY (user_id, task_id)
        REFERENCES tasks (user_id, id) ON DELETE CASCADE
);
