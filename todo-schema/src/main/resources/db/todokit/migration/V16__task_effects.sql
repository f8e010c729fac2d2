-- Step 16: provenance and idempotency of writes made for a chatbot's tool calls (task_effects),
-- and an index for the system messages a context window pins.
--
-- A row per write a caller named an origin for: the task it touched, what it did (created,
-- updated, completed, reopened, deleted), and the origin: a tool call of a conversation
-- (conversation_id, tool_call_id and, when known, the assistant message that carried the call), or
-- the caller's own idempotency key, or both. A log, not a property of the task: it outlives the
-- task (a deleted task's "deleted" row stays, so that a retried delete_task or add_task is still
-- recognised) and is removed with the user, or with the conversation it names.
--
-- The unique indexes make a retried call find the first one's row instead of writing again: the
-- DAO inserts the row first, ON CONFLICT DO NOTHING, in the transaction of the write; a concurrent
-- retry waits on the index entry and then sees the committed row (or, if the first rolled back,
-- writes its own).
CREATE TABLE task_effects
(
    user_id         uuid        NOT NULL,
    id              uuid        NOT NULL,
    task_id         uuid        NOT NULL,
    kind            text        NOT NULL,
    conversation_id uuid,
    message_id      uuid,
    tool_call_id    text,
    idempotency_key text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT task_effects_pkey PRIMARY KEY (user_id, id),
    CONSTRAINT task_effects_user_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT task_effects_conversation_fkey FOREIGN KEY (user_id, conversation_id)
        REFERENCES conversations (user_id, id) ON DELETE CASCADE,
    CONSTRAINT task_effects_kind_valid
        CHECK (kind IN ('created', 'updated', 'completed', 'reopened', 'deleted')),
    CONSTRAINT task_effects_origin_present
        CHECK (tool_call_id IS NOT NULL OR idempotency_key IS NOT NULL),
    CONSTRAINT task_effects_tool_call_in_conversation
        CHECK (tool_call_id IS NULL OR conversation_id IS NOT NULL),
    CONSTRAINT task_effects_message_in_conversation
        CHECK (message_id IS NULL OR conversation_id IS NOT NULL),
    CONSTRAINT task_effects_tool_call_id_length
        CHECK (btrim(tool_call_id) <> '' AND char_length(tool_call_id) <= 255),
    CONSTRAINT task_effects_idempotency_key_length
        CHECK (btrim(idempotency_key) <> '' AND char_length(idempotency_key) <= 255)
);

CREATE UNIQUE INDEX task_effects_tool_call_key
    ON task_effects (user_id, conversation_id, tool_call_id)
    WHERE tool_call_id IS NOT NULL;

CREATE UNIQUE INDEX task_effects_idempotency_key
    ON task_effects (user_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- "What did the assistant do to this task", newest first.
CREATE INDEX task_effects_task_idx ON task_effects (user_id, task_id, created_at);

-- "What did the assistant do in this conversation", in order.
CREATE INDEX task_effects_conversation_idx
    ON task_effects (user_id, conversation_id, created_at)
    WHERE conversation_id IS NOT NULL;

-- A context window that pins the system messages reads those older than its newest batch: with
-- this index only them, not the whole (possibly long) conversation.
CREATE INDEX messages_system_idx
    ON messages (user_id, conversation_id, seq)
    WHERE role = 'system';
