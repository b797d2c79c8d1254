INSERT INTO kv VALUES ('x', '1'), ('y', NULL);
INSERT INTO tags VALUES (1, 2, 'p'), (2, 1, 'q');
