ALTER TABLE feeds ADD COLUMN disabled boolean default 'f';
