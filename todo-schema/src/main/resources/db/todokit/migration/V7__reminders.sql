-- Step 7: reminders. remind_at is when to remind; reminded_at marks a reminder as claimed by a
-- worker, so that it fires once.

ALTER TABLE tasks ADD COLUMN remind_at timestamptz;
ALTER TABLE tasks ADD COLUMN reminded_at timestamptz;

ALTER TABLE tasks ADD CONSTRAINT tasks_reminded_at_needs_remind_at
    CHECK (reminded_at IS NULL OR remind_at IS NOT NULL);

-- Moving remind_at re-arms the reminder, whoever moves it (the library or plain SQL).
CREATE FUNCTION todokit_tasks_rearm_reminder() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.remind_at IS DISTINCT FROM OLD.remind_at THEN
        NEW.reminded_at := NULL;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER tasks_rearm_reminder
    BEFORE UPDATE OF remind_at ON tasks
    FOR EACH ROW EXECUTE FUNCTION todokit_tasks_rearm_reminder();

-- The reminder window and the workers' claim: armed reminders of open tasks, across all users.
-- Claimed and completed rows leave the index, so it stays as small as the backlog.
CREATE INDEX tasks_armed_reminder_idx ON tasks (remind_at)
    WHERE reminded_at IS NULL AND remind_at IS NOT NULL AND status <> 'completed';
