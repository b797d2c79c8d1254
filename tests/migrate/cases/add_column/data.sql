INSERT INTO users VALUES (1, 'ann'), (2, 'bob'), (7, 'cy');
