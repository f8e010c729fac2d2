-- A service's own table that needs nothing of todokit's.
CREATE TABLE audit_log (
  id   bigint PRIMARY KEY,
  note text   NOT NULL
);
