ALTER TABLE feeds ADD COLUMN crawler boolean default 'f';
