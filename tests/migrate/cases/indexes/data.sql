INSERT INTO t VALUES (1, 'A', 1, 'x'), (2, 'b', NULL, 'Y'), (3, 'c', NULL, NULL);
