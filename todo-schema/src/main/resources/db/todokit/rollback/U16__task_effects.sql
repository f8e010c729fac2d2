-- Step 16, undone: writes no longer record their origin; the tasks stay as they are.
DROP INDEX messages_system_idx;
DROP TABLE task_effects;
