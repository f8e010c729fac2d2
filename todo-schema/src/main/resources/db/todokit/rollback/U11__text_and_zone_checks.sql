CREATE OR REPLACE FUNCTION todokit_is_time_zone(zone text) RETURNS boolean
    LANGUAGE plpgsql STABLE AS
$$
BEGIN
    PERFORM now() AT TIME ZONE zone;
    RETURN zone ~ '^[A-Za-z][A-Za-z0-9_+/-]*$';
EXCEPTION
    WHEN invalid_parameter_value THEN
        RETURN false;
END
$$;
ALTER TABLE messages
    DROP CONSTRAINT messages_tool_call_id_not_blank,
    ADD CONSTRAINT messages_tool_call_id_not_blank CHECK (btrim(tool_call_id) <> '');
ALTER TABLE users
    DROP CONSTRAINT users_password_hash_not_blank,
    ADD CONSTRAINT users_password_hash_not_blank CHECK (btrim(password_hash) <> '');
ALTER TABLE tags
    DROP CONSTRAINT tags_name_length,
    ADD CONSTRAINT tags_name_length CHECK (name = btrim(name) AND char_length(name) BETWEEN 1 AND 50);
ALTER TABLE conversations
    DROP CONSTRAINT conversations_title_length,
    ADD CONSTRAINT conversations_title_length CHECK (btrim(title) <> '' AND char_length(title) <= 255);
ALTER TABLE recurring_tasks
    DROP CONSTRAINT recurring_tasks_title_length,
    ADD CONSTRAINT recurring_tasks_title_length CHECK (btrim(title) <> '' AND char_length(title) <= 255);
ALTER TABLE tasks
    DROP CONSTRAINT tasks_title_length,
    ADD CONSTRAINT tasks_title_length CHECK (btrim(title) <> '' AND char_length(title) <= 255);
DROP FUNCTION todokit_is_blank(text);
