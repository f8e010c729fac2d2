-- Step 4: the chatbot's memory: conversations and their strictly ordered messages.

CREATE TYPE message_role AS ENUM ('user', 'assistant', 'system', 'tool');

CREATE TABLE conversations
(
    user_id          uuid        NOT NULL,
    id               uuid        NOT NULL DEFAULT gen_random_uuid(),
    title            text        NOT NULL,
    -- The sequence number of the newest message; messages take the next one (see trigger below).
    last_message_seq bigint      NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT conversations_pkey PRIMARY KEY (user_id, id),
    CONSTRAINT conversations_user_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT conversations_title_length CHECK (btrim(title) <> '' AND char_length(title) <= 255),
    CONSTRAINT conversations_last_message_seq_not_negative CHECK (last_message_seq >= 0)
);

-- A user's conversations by last activity (updated_at is bumped by every new message).
CREATE INDEX conversations_user_activity_idx ON conversations (user_id, updated_at DESC, id DESC);

CREATE TRIGGER conversations_set_updated_at
    BEFORE UPDATE ON conversations
    FOR EACH ROW EXECUTE FUNCTION todokit_set_updated_at();

CREATE TABLE messages
(
    user_id         uuid         NOT NULL,
    conversation_id uuid         NOT NULL,
    id              uuid         NOT NULL DEFAULT gen_random_uuid(),
    seq             bigint       NOT NULL,
    role            message_role NOT NULL,
    content         text         NOT NULL,
    tool_calls      jsonb,
    tool_call_id    text,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT messages_pkey PRIMARY KEY (user_id, id),
    CONSTRAINT messages_conversation_fkey FOREIGN KEY (user_id, conversation_id)
        REFERENCES conversations (user_id, id) ON DELETE CASCADE,
    CONSTRAINT messages_seq_positive CHECK (seq > 0),
    CONSTRAINT messages_content_length CHECK (char_length(content) <= 1000000),
    CONSTRAINT messages_tool_calls_shape
        CHECK (tool_calls IS NULL OR jsonb_typeof(tool_calls) IN ('array', 'object')),
    -- Only the assistant calls tools; a tool message answers exactly one call.
    CONSTRAINT messages_tool_calls_by_assistant CHECK (tool_calls IS NULL OR role = 'assistant'),
    CONSTRAINT messages_tool_call_id_for_tool CHECK ((role = 'tool') = (tool_call_id IS NOT NULL)),
    CONSTRAINT messages_tool_call_id_not_blank CHECK (btrim(tool_call_id) <> '')
);

-- Messages of a conversation in order; also what makes the order strict.
CREATE UNIQUE INDEX messages_conversation_seq_key ON messages (user_id, conversation_id, seq);

-- Every new message takes the conversation's next sequence number and bumps its updated_at.
-- The row lock taken by the UPDATE serialises concurrent appends to one conversation, so the
-- order is strict even for rows inserted by plain SQL.
CREATE FUNCTION todokit_messages_assign_seq() RETURNS trigger
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

CREATE TRIGGER messages_assign_seq
    BEFORE INSERT ON messages
    FOR EACH ROW EXECUTE FUNCTION todokit_messages_assign_seq();
