INSERT INTO t VALUES (1, NULL, 5, 'a'), (2, 'done', NULL, 'b');
