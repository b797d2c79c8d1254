ALTER TABLE entries ADD COLUMN starred bool default 'f';
