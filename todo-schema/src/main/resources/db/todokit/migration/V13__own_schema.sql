-- Step 13: todokit lives in a schema of its own (by default "todokit"), with its own history
-- table, beside a service's tables. A caller's search_path is the service's, so the one function
-- that names a table resolves it in todokit's schema, whatever the caller's path; pg_temp comes
-- last so that a temporary table cannot stand in for conversations. Flyway runs this script with
-- todokit's schema as the current schema.
DO $$
BEGIN
    EXECUTE format(
        'ALTER FUNCTION %I.todokit_messages_assign_seq() SET search_path = %I, pg_catalog, pg_temp',
        current_schema(), current_schema());
END
$$;
