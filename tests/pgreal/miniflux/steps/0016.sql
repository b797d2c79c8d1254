ALTER TABLE entries ADD COLUMN comments_url text default '';
