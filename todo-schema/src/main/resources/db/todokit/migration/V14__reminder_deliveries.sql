-- Step 14: reminders in a table of their own, several per task, delivered at least once.
--
-- A reminder fires either at an absolute instant (at) or a distance before its task's due time
-- (before_due); fire_at is the computed instant (null for a relative reminder of a task without a
-- due time, which never fires). Each firing goes pending -> leased -> delivered; a nack puts it
-- back to pending at a retry time, the last failed attempt makes it failed (the dead letter), and
-- a claim that finds it later than the worker's lateness limit makes it missed. A completed task's
-- unfired reminders are canceled; reopening the task re-arms them (a firing that is by then too
-- late becomes missed at its claim). next_attempt_at is when the row can next be claimed: fire_at
-- while pending, the retry time after a nack, the lease expiry while leased; null otherwise. So a
-- claim is "state IN ('pending','leased') AND next_attempt_at <= now" on one partial index, and
-- claims write only this narrow table, never tasks.

CREATE TABLE reminders
(
    user_id         uuid        NOT NULL,
    id              uuid        NOT NULL DEFAULT gen_random_uuid(),
    task_id         uuid        NOT NULL,
    at              timestamptz,
    before_due      interval,
    fire_at         timestamptz,
    state           text        NOT NULL DEFAULT 'pending',
    next_attempt_at timestamptz,
    attempts        integer     NOT NULL DEFAULT 0,
    last_error      text,
    lease_token     uuid,
    delivered_at    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT reminders_pkey PRIMARY KEY (user_id, id),
    CONSTRAINT reminders_task_fkey FOREIGN KEY (user_id, task_id)
        REFERENCES tasks (user_id, id) ON DELETE CASCADE,
    CONSTRAINT reminders_one_kind CHECK ((at IS NULL) <> (before_due IS NULL)),
    CONSTRAINT reminders_before_due_not_negative CHECK (before_due >= interval '0'),
    CONSTRAINT reminders_state_valid
        CHECK (state IN ('pending', 'leased', 'delivered', 'failed', 'missed', 'canceled')),
    CONSTRAINT reminders_lease_held CHECK (state <> 'leased'
        OR (lease_token IS NOT NULL AND next_attempt_at IS NOT NULL)),
    CONSTRAINT reminders_next_attempt_when_claimable
        CHECK (state IN ('pending', 'leased') OR next_attempt_at IS NULL),
    CONSTRAINT reminders_delivered_at_when_delivered
        CHECK ((state = 'delivered') = (delivered_at IS NOT NULL)),
    CONSTRAINT reminders_attempts_not_negative CHECK (attempts >= 0),
    CONSTRAINT reminders_last_error_length CHECK (char_length(last_error) <= 2000)
);

-- The existing reminders, carried over before the triggers exist (so that their state is kept):
-- one absolute reminder per remind_at; a claimed one (reminded_at) was delivered, an unclaimed
-- one of a completed task is canceled.
INSERT INTO reminders (user_id, task_id, at, fire_at, state, next_attempt_at, delivered_at,
                       created_at, updated_at)
SELECT user_id,
       id,
       remind_at,
       remind_at,
       CASE
           WHEN reminded_at IS NOT NULL THEN 'delivered'
           WHEN status = 'completed' THEN 'canceled'
           ELSE 'pending'
           END,
       CASE WHEN reminded_at IS NULL AND status <> 'completed' THEN remind_at END,
       reminded_at,
       created_at,
       updated_at
FROM tasks
WHERE remind_at IS NOT NULL;

DROP INDEX tasks_armed_reminder_idx;
DROP TRIGGER tasks_rearm_reminder ON tasks;
DROP FUNCTION todokit_tasks_rearm_reminder();
ALTER TABLE tasks DROP CONSTRAINT tasks_reminded_at_needs_remind_at;
ALTER TABLE tasks DROP COLUMN reminded_at;
ALTER TABLE tasks DROP COLUMN remind_at;

-- The claim: the claimable rows, oldest first, and nothing else (delivered, failed, missed and
-- canceled rows leave the index, so it stays as small as the backlog plus what is in flight).
CREATE INDEX reminders_claim_idx ON reminders (next_attempt_at)
    WHERE state IN ('pending', 'leased');
-- A task's reminders (listing, following the task, the cascade from tasks).
CREATE INDEX reminders_task_idx ON reminders (user_id, task_id);
-- The dead letter, listed by operators.
CREATE INDEX reminders_failed_idx ON reminders (user_id, id) WHERE state = 'failed';

CREATE TRIGGER reminders_set_updated_at
    BEFORE UPDATE ON reminders
    FOR EACH ROW EXECUTE FUNCTION todokit_set_updated_at();

-- Computes fire_at from the reminder and its task, whoever writes the row. A new row, or a new
-- fire instant, is a new firing: armed again (pending, no attempts) unless the task is completed
-- (canceled). Other writes (the delivery state) leave it alone.
CREATE FUNCTION todokit_reminders_schedule() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    task_due  timestamptz;
    task_done boolean;
BEGIN
    -- No row for a missing task: the foreign key refuses the reminder after this trigger.
    SELECT t.due_at, t.status = 'completed'
    INTO task_due, task_done
    FROM tasks t
    WHERE t.user_id = NEW.user_id
      AND t.id = NEW.task_id;
    NEW.fire_at := coalesce(NEW.at, task_due - NEW.before_due);
    IF TG_OP = 'INSERT' OR NEW.fire_at IS DISTINCT FROM OLD.fire_at THEN
        NEW.state := CASE WHEN task_done THEN 'canceled' ELSE 'pending' END;
        NEW.next_attempt_at := CASE WHEN task_done THEN NULL ELSE NEW.fire_at END;
        NEW.attempts := 0;
        NEW.last_error := NULL;
        NEW.lease_token := NULL;
        NEW.delivered_at := NULL;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER reminders_schedule
    BEFORE INSERT OR UPDATE OF at, before_due ON reminders
    FOR EACH ROW EXECUTE FUNCTION todokit_reminders_schedule();

-- Reminders follow their task: a moved due time moves the relative reminders (through the
-- trigger above, which re-arms those whose fire instant changed); completing the task cancels its
-- unfired reminders, and reopening it re-arms the canceled ones. Deleting the task deletes them
-- (the foreign key's cascade).
CREATE FUNCTION todokit_tasks_follow_reminders() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.due_at IS DISTINCT FROM OLD.due_at THEN
        UPDATE reminders
        SET before_due = before_due
        WHERE user_id = NEW.user_id
          AND task_id = NEW.id
          AND before_due IS NOT NULL;
    END IF;
    IF NEW.status = 'completed' AND OLD.status <> 'completed' THEN
        UPDATE reminders
        SET state           = 'canceled',
            next_attempt_at = NULL,
            lease_token     = NULL
        WHERE user_id = NEW.user_id
          AND task_id = NEW.id
          AND state IN ('pending', 'leased');
    ELSIF NEW.status <> 'completed' AND OLD.status = 'completed' THEN
        UPDATE reminders
        SET state           = 'pending',
            next_attempt_at = fire_at,
            attempts        = 0,
            last_error      = NULL
        WHERE user_id = NEW.user_id
          AND task_id = NEW.id
          AND state = 'canceled';
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER tasks_follow_reminders
    AFTER UPDATE OF due_at, status ON tasks
    FOR EACH ROW
    WHEN (OLD.due_at IS DISTINCT FROM NEW.due_at OR OLD.status IS DISTINCT FROM NEW.status)
EXECUTE FUNCTION todokit_tasks_follow_reminders();

-- A latency hint for workers that LISTEN: a row that becomes claimable within a minute notifies
-- channel todokit_reminders. The payload is empty when the row is claimable at once (identical
-- notifications of one transaction are folded into one), else the epoch milliseconds at which it
-- becomes claimable. Polling stays the safety net: a notification may be missed.
CREATE FUNCTION todokit_reminders_notify() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('todokit_reminders',
                      CASE
                          WHEN NEW.next_attempt_at <= now() THEN ''
                          ELSE floor(extract(EPOCH FROM NEW.next_attempt_at) * 1000)::bigint::text
                          END);
    RETURN NULL;
END
$$;

CREATE TRIGGER reminders_notify
    AFTER INSERT OR UPDATE OF next_attempt_at, state ON reminders
    FOR EACH ROW
    WHEN (NEW.state = 'pending' AND NEW.next_attempt_at <= now() + interval '1 minute')
EXECUTE FUNCTION todokit_reminders_notify();

-- The two functions that name a table find it in todokit's schema, whatever the caller's
-- search_path (as step 13 does for the message sequence).
DO $$
BEGIN
    EXECUTE format(
        'ALTER FUNCTION %I.todokit_reminders_schedule() SET search_path = %I, pg_catalog, pg_temp',
        current_schema(), current_schema());
    EXECUTE format(
        'ALTER FUNCTION %I.todokit_tasks_follow_reminders() SET search_path = %I, pg_catalog, pg_temp',
        current_schema(), current_schema());
END
$$;
