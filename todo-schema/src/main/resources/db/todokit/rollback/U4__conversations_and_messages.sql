DROP TABLE messages;
DROP FUNCTION todokit_messages_assign_seq();
DROP TABLE conversations;
DROP TYPE message_role;
