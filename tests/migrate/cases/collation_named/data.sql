INSERT INTO t VALUES (1, 'a', 'Ann'), (2, 'b', 'bob');
