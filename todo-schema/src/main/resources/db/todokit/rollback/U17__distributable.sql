-- Step 17, undone: the message trigger's V4 error, the V11 zone function, the V10 foreign key.
CREATE OR REPLACE FUNCTION todokit_messages_assign_seq() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    UPDATE conversations
       SET last_message_seq = last_message_seq + 1,
           updated_at = greatest(now(), NEW.created_at)
     WHERE user_id = NEW.user_id
       AND id = NEW.conversation_id
    RETURNING last_message_seq INTO NEW.seq;
    IF NEW.seq IS NULL THEN
        RAISE foreign_key_violation
            USING MESSAGE = 'conversation ' || NEW.conversation_id || ' does not exist',
                  CONSTRAINT = 'messages_conversation_fkey';
    END IF;
    RETURN NEW;
END
$$;

DO $$
BEGIN
    EXECUTE format(
        'ALTER FUNCTION %I.todokit_messages_assign_seq() SET search_path = %I, pg_catalog, pg_temp',
        current_schema(), current_schema());
END
$$;

-- The V11 function, as V11 made it.
CREATE OR REPLACE FUNCTION todokit_is_time_zone(zone text) RETURNS boolean
    LANGUAGE plpgsql STABLE STRICT AS
$$
BEGIN
    IF NOT (zone = 'UTC' OR zone ~ '^[A-Za-z]+(/[A-Za-z0-9_+-]+)+$') THEN
        RETURN false;
    END IF;
    PERFORM now() AT TIME ZONE zone;
    RETURN true;
EXCEPTION
    WHEN invalid_parameter_value THEN
        RETURN false;
END
$$;

ALTER TABLE tasks DROP CONSTRAINT tasks_template_fkey;
ALTER TABLE tasks ADD CONSTRAINT tasks_template_fkey FOREIGN KEY (user_id, template_id)
    REFERENCES recurring_tasks (user_id, id) ON DELETE SET NULL (template_id);
