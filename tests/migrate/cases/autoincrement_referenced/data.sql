INSERT INTO orders (total) VALUES (10), (20), (30), (40);
DELETE FROM orders WHERE id = 4;
INSERT INTO lines VALUES (1, 1, 2), (2, 1, 3), (3, 2, 1), (4, 3, NULL);
