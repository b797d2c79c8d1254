INSERT INTO parent VALUES (1, 'x', 'one'), (2, 'y', 'two');
INSERT INTO child VALUES (1, 1, 'x'), (2, 2, 'y'), (3, NULL, NULL);
