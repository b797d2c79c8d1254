ALTER TABLE feeds ADD COLUMN rewrite_rules text default '';
