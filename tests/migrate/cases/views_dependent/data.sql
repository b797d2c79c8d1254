INSERT INTO users VALUES (1, 'ann', 'a@x'), (2, NULL, NULL);
INSERT INTO posts VALUES (1, 1, 't1'), (2, 1, 't2'), (3, 2, 't3');
