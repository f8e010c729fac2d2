ALTER TABLE widget ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
