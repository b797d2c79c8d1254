INSERT INTO person VALUES (1, 'ann'), (2, 'bob');
INSERT INTO pet VALUES (1, 1), (2, 1), (3, 2);
