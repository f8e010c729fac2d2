CREATE TABLE widget (
  id   bigint PRIMARY KEY,
  name text NOT NULL
);

INSERT INTO widget (id, name) VALUES (1, 'sprocket');
