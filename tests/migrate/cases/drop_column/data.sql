INSERT INTO users VALUES (1, 'a', 'x', 30), (2, 'b', NULL, NULL);
