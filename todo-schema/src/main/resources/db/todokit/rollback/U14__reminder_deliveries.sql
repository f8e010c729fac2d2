-- Step 14, undone: one reminder per task back into tasks.remind_at, the earliest absolute one (or,
-- for a task with only relative reminders, the earliest that has a fire instant); a firing that
-- is over (delivered, failed or missed) sets reminded_at, so that it does not fire again.
ALTER TABLE tasks ADD COLUMN remind_at timestamptz;
ALTER TABLE tasks ADD COLUMN reminded_at timestamptz;

ALTER TABLE tasks ADD CONSTRAINT tasks_reminded_at_needs_remind_at
    CHECK (reminded_at IS NULL OR remind_at IS NOT NULL);

UPDATE tasks t
SET remind_at   = r.fire_at,
    reminded_at = CASE
                      WHEN r.state IN ('delivered', 'failed', 'missed')
                          THEN coalesce(r.delivered_at, r.updated_at)
        END
FROM (SELECT DISTINCT ON (user_id, task_id) user_id, task_id, fire_at, state, delivered_at,
                                            updated_at
      FROM reminders
      WHERE fire_at IS NOT NULL
      ORDER BY user_id, task_id, (at IS NULL), fire_at, id) r
WHERE t.user_id = r.user_id
  AND t.id = r.task_id;

DROP TRIGGER tasks_follow_reminders ON tasks;
DROP TABLE reminders;
DROP FUNCTION todokit_reminders_notify();
DROP FUNCTION todokit_tasks_follow_reminders();
DROP FUNCTION todokit_reminders_schedule();

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

CREATE INDEX tasks_armed_reminder_idx ON tasks (remind_at)
    WHERE reminded_at IS NULL AND remind_at IS NOT NULL AND status <> 'completed';
