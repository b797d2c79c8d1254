INSERT INTO items (id, v, note) SELECT g, g % 1000, 'row; ' || g FROM generate_series(1, 300000) g;
INSERT INTO effects VALUES (2);
