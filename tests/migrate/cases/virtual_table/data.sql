INSERT INTO t VALUES (1, 'a');
INSERT INTO docs VALUES ('x', 'y');
