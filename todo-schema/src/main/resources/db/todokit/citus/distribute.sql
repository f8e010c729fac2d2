-- todokit: the one-time distribution of a migrated todokit schema on a Citus cluster
-- (docs/distributed.md). Run it on the coordinator, as the schema's owner, with todokit's schema
-- first on the search path, after `todo-cli migrate` and before the service writes:
--
--   psql -v ON_ERROR_STOP=1 -c 'SET search_path = todokit' -f distribute.sql
--
-- or `todo-cli distribute`, which checks that the citus extension is installed first. The tables
-- are those of io.todokit.schema.Distribution, in its order: users becomes a reference table, the
-- tenant tables are distributed on user_id and colocated. Existing rows are copied to the shards.
-- It runs in one transaction: on any error nothing is distributed.
--
-- What it needs on every node (cluster-wide settings, not only for this session):
--   citus.enable_unsafe_triggers = on   todokit keeps its row triggers on distributed tables
--                                       (updated_at, message sequence, reminder scheduling); each
--                                       touches only rows of the row's own user, which are colocated
--   ALTER SYSTEM SET citus.enable_unsafe_triggers = on; SELECT pg_reload_conf();  (on each node)

BEGIN;

-- Foreign keys and DDL of several tables in one transaction need sequential shard connections.
SET LOCAL citus.multi_shard_modify_mode TO 'sequential';
SET LOCAL citus.enable_unsafe_triggers TO on;

DO $$
DECLARE
    tenant    text[] := ARRAY['recurring_tasks', 'tasks', 'tags', 'task_tags', 'conversations',
                              'messages', 'reminders', 'task_effects'];
    reference text[] := ARRAY['users'];
    keys      record;
    saved     text[][] := ARRAY[]::text[][];
    tab       text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        RAISE EXCEPTION 'citus extension not installed';
    END IF;
    -- The foreign keys between tenant tables are dropped and added again once all are
    -- distributed, exactly as the catalog defines them (Citus distributes a table only when the
    -- tables that reference it and that it references are distributed or reference tables).
    FOR keys IN
        SELECT c.conrelid::regclass::text AS tab, c.conname, pg_get_constraintdef(c.oid) AS def
        FROM pg_constraint c
        WHERE c.contype = 'f'
          AND c.connamespace = current_schema()::regnamespace
          AND c.conrelid::regclass::text = ANY (tenant)
          AND c.confrelid::regclass::text = ANY (tenant)
        ORDER BY c.conname
    LOOP
        saved := saved || ARRAY[[keys.tab, keys.conname, keys.def]];
        EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', keys.tab, keys.conname);
    END LOOP;
    FOREACH tab IN ARRAY reference LOOP
        PERFORM create_reference_table(tab);
    END LOOP;
    FOREACH tab IN ARRAY tenant LOOP
        IF tab = tenant[1] THEN
            PERFORM create_distributed_table(tab, 'user_id');
        ELSE
            PERFORM create_distributed_table(tab, 'user_id', colocate_with => tenant[1]);
        END IF;
    END LOOP;
    FOR i IN 1 .. coalesce(array_length(saved, 1), 0) LOOP
        EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I %s', saved[i][1], saved[i][2], saved[i][3]);
    END LOOP;
END
$$;

COMMIT;
