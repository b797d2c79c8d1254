UPDATE users SET entry_direction = 'desc' WHERE id = 2;
