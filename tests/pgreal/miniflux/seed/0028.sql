UPDATE entries SET share_code = 'abc123' WHERE id = 2;
