UPDATE entries SET comments_url = 'https://example.com/1#comments' WHERE id = 1;
