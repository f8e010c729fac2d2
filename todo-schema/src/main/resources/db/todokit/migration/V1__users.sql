-- Step 1: users, and the helpers every later table uses.

-- Keeps updated_at current on every UPDATE unless the statement set it itself (the library may
-- pass its own clock's time; plain SQL from operators gets the transaction time).
CREATE FUNCTION todokit_set_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
        NEW.updated_at := now();
    END IF;
    RETURN NEW;
END
$$;

-- True when PostgreSQL knows the time zone name (IANA ids such as 'Europe/Berlin', and 'UTC').
-- Used by CHECK constraints so that every stored zone works in AT TIME ZONE.
CREATE FUNCTION todokit_is_time_zone(zone text) RETURNS boolean
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

CREATE TABLE users
(
    id            uuid        NOT NULL DEFAULT gen_random_uuid(),
    username      text        NOT NULL,
    email         text        NOT NULL,
    password_hash text        NOT NULL,
    time_zone     text        NOT NULL DEFAULT 'UTC',
    is_active     boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_username_length CHECK (char_length(username) BETWEEN 3 AND 50),
    CONSTRAINT users_username_format CHECK (username ~ '^[A-Za-z0-9][A-Za-z0-9._-]*$'),
    CONSTRAINT users_email_format CHECK (char_length(email) <= 254 AND email ~ '^[^@\s]+@[^@\s]+$'),
    CONSTRAINT users_password_hash_not_blank CHECK (btrim(password_hash) <> ''),
    CONSTRAINT users_time_zone_valid CHECK (todokit_is_time_zone(time_zone))
);

CREATE UNIQUE INDEX users_username_key ON users (username);
-- Emails are unique case-insensitively: Alice@x.org and alice@x.org are one account.
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

CREATE TRIGGER users_set_updated_at
    BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION todokit_set_updated_at();
