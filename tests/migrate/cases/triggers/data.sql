INSERT INTO item_names VALUES (1, 'a');
INSERT INTO items (id, name) VALUES (2, NULL);
