UPDATE entries SET starred = 't' WHERE id IN (1, 3);
