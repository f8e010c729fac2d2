DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION %I.todokit_messages_assign_seq() RESET search_path',
        current_schema());
END
$$;
