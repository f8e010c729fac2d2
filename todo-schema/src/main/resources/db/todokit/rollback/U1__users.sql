DROP TABLE users;
DROP FUNCTION todokit_is_time_zone(text);
DROP FUNCTION todokit_set_updated_at();
