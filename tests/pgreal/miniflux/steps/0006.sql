ALTER TABLE feeds ADD COLUMN scraper_rules text default '';
