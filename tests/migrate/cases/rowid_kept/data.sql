INSERT INTO notes (rowid, body, rank) VALUES (5, 'a', 1), (17, NULL, 2), (900, 'c', NULL);
