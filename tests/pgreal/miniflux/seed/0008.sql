UPDATE feeds SET scraper_rules = 'article', rewrite_rules = 'add_image_title', crawler = 't' WHERE id = 1;
