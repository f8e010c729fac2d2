DROP TABLE task_tags;
DROP TABLE tags;
