INSERT INTO t VALUES (1, 'abc', 42, 2.5, '5'), (2, 'é', -7, -0.125, '-12'), (3, NULL, NULL, NULL, NULL);
INSERT INTO t (id, v, n) VALUES (4, '', 0);
