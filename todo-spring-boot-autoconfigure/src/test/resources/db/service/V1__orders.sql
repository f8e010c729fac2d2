-- A service's own table that refers to todokit's: it only migrates after todokit's migrations.
CREATE TABLE orders (
  id      bigint PRIMARY KEY,
  user_id uuid   NOT NULL REFERENCES todokit.users (id)
);
