DROP INDEX tasks_search_idx;
DROP INDEX tasks_user_status_created_idx;
