-- The application's own table, next to todokit's (which live in the todokit schema).
CREATE TABLE notes (
  id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id uuid   NOT NULL REFERENCES todokit.users (id),
  text    text   NOT NULL
);
