ALTER TABLE feeds ADD COLUMN user_agent text default '';
