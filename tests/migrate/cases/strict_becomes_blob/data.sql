INSERT INTO t VALUES (1, 'text', 'a'), (2, 42, 'b'), (3, 1.5, 'c'), (4, x'00FF', 'd'), (5, NULL, NULL);
