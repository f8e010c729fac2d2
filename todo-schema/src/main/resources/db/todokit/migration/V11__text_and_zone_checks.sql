-- Step 11: text made only of Unicode spaces counts as blank, and time zones are region ids.
-- The replaced constraints keep their names (the library maps each name to a field). They are
-- added NOT VALID: existing rows are not scanned, so the step takes its locks only briefly and
-- cannot fail on old data; TodoSchema.verify counts the rows that no longer pass (see
-- docs/schema.md for how to fix them and validate the constraints).

-- True when the text holds nothing but white space as Java sees it
-- (Character.isWhitespace(cp) || Character.isSpaceChar(cp)); the empty string is blank. The code
-- points are listed one by one, so that the answer depends on neither the database's locale nor
-- a collation: U+0009-U+000D, U+001C-U+001F, U+0020, U+00A0, U+1680, U+2000-U+200A, U+2028,
-- U+2029, U+202F, U+205F, U+3000. The E'' string hands the \u escapes to the regular expression
-- whatever standard_conforming_strings says.
CREATE FUNCTION todokit_is_blank(value text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$
SELECT value COLLATE "C"
    ~ E'^[\\u0009-\\u000D\\u001C-\\u0020\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]*$'
$$;

ALTER TABLE tasks
    DROP CONSTRAINT tasks_title_length,
    ADD CONSTRAINT tasks_title_length
        CHECK (NOT todokit_is_blank(title) AND char_length(title) <= 255) NOT VALID;

ALTER TABLE recurring_tasks
    DROP CONSTRAINT recurring_tasks_title_length,
    ADD CONSTRAINT recurring_tasks_title_length
        CHECK (NOT todokit_is_blank(title) AND char_length(title) <= 255) NOT VALID;

ALTER TABLE conversations
    DROP CONSTRAINT conversations_title_length,
    ADD CONSTRAINT conversations_title_length
        CHECK (NOT todokit_is_blank(title) AND char_length(title) <= 255) NOT VALID;

-- Still trimmed of ASCII spaces (the library strips names before it stores them).
ALTER TABLE tags
    DROP CONSTRAINT tags_name_length,
    ADD CONSTRAINT tags_name_length
        CHECK (name = btrim(name) AND NOT todokit_is_blank(name)
            AND char_length(name) BETWEEN 1 AND 50) NOT VALID;

ALTER TABLE users
    DROP CONSTRAINT users_password_hash_not_blank,
    ADD CONSTRAINT users_password_hash_not_blank
        CHECK (NOT todokit_is_blank(password_hash)) NOT VALID;

-- NULL on every message but tool answers: STRICT makes the check pass for it, as before.
ALTER TABLE messages
    DROP CONSTRAINT messages_tool_call_id_not_blank,
    ADD CONSTRAINT messages_tool_call_id_not_blank
        CHECK (NOT todokit_is_blank(tool_call_id)) NOT VALID;

-- Only region ids: 'UTC', or Area/Location as in the tzdb ('Europe/Berlin',
-- 'America/Argentina/Buenos_Aires', 'Etc/GMT+5'), that PostgreSQL knows. PostgreSQL also takes
-- abbreviations and aliases ('Z', 'UT', 'GMT', 'EST'), POSIX rules ('EST5EDT', 'UTC+1', whose
-- sign is the opposite of ISO 8601's) and offsets ('+02:00'); those either mean something else
-- in Java and other tzdb clients or follow no daylight-saving rules, so they are refused. The
-- pattern is tested first, so only plausible names reach the AT TIME ZONE probe.
-- The constraints that call it (users_time_zone_valid, recurring_tasks_time_zone_valid) are not
-- re-checked on existing rows; an UPDATE of such a row fails until its zone is fixed.
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
