-- Step 17: a schema that Citus can distribute on user_id (docs/distributed.md), with the same
-- behaviour on a single server.
--
-- 1. tasks_template_fkey loses its ON DELETE SET NULL (template_id): Citus refuses SET NULL and
--    SET DEFAULT on a foreign key that includes the distribution column. Deleting a template still
--    keeps its tasks and unlinks them: RecurringTaskDao.delete clears their template_id in the
--    transaction that deletes the template (plain SQL must do the same, or the delete is refused).
--    NO ACTION, not RESTRICT: the check runs at the end of the statement, so deleting a user,
--    which cascades to both tasks and recurring_tasks, still passes.
ALTER TABLE tasks DROP CONSTRAINT tasks_template_fkey;
ALTER TABLE tasks ADD CONSTRAINT tasks_template_fkey FOREIGN KEY (user_id, template_id)
    REFERENCES recurring_tasks (user_id, id) NOT VALID;
ALTER TABLE tasks VALIDATE CONSTRAINT tasks_template_fkey;

-- 2. todokit_is_time_zone without an EXCEPTION block: Citus breaks multi-row inserts into a
--    distributed or reference table whose CHECK calls a function with one (it opens a
--    subtransaction per call). The function is now a plain SQL lookup in the list of region ids
--    that this server's PostgreSQL knows (pg_timezone_names), taken when this step runs and
--    written into the function body, so that it reads no table, is the same on every node and costs
--    one hashed array lookup. What it accepts: the V11 rules (UTC, or Area/Location), and only the
--    exact spelling of a zone: PostgreSQL's AT TIME ZONE also takes 'europe/berlin', java.time's
--    ZoneId does not, so such a name is now refused (TodoSchema.verify counts stored ones). A zone
--    that a later tzdata adds is refused until a todokit step or an operator regenerates the
--    function (docs/distributed.md, "Time zones"); zones are never removed from the tzdb, so every
--    zone accepted here keeps working in AT TIME ZONE.
DO $$
DECLARE
    zones text;
BEGIN
    SELECT string_agg(quote_literal(name), ', ' ORDER BY name COLLATE "C")
    INTO zones
    FROM (SELECT DISTINCT name
          FROM pg_timezone_names
          WHERE name = 'UTC'
             OR name ~ '^[A-Za-z]+(/[A-Za-z0-9_+-]+)+$') AS known;
    EXECUTE format(
        'CREATE OR REPLACE FUNCTION %I.todokit_is_time_zone(zone text) RETURNS boolean'
            || ' LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS %L',
        current_schema(),
        'SELECT zone = ANY (ARRAY[' || zones || ']::text[])');
END
$$;

-- 3. The message-sequence trigger's error names its constraint in the message and says which key
--    is missing in the detail, as PostgreSQL's own foreign-key errors do: Citus does not pass the
--    CONSTRAINT field of a worker's error on to the client, so the library reads the name from
--    the message. The search_path of step 13 is set again (CREATE OR REPLACE drops it).
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
            USING MESSAGE = 'insert or update on table "messages" violates foreign key constraint'
                      || ' "messages_conversation_fkey"',
                  DETAIL = 'Key (user_id, conversation_id)=(' || NEW.user_id || ', '
                      || NEW.conversation_id || ') is not present in table "conversations".',
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
