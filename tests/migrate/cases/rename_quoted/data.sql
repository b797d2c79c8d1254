INSERT INTO "order items" VALUES (1, 2.5, 'hello', 'x'), (2, NULL, NULL, 'y');
