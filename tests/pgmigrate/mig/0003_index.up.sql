INSERT INTO effects VALUES (3);
-- dalgen:no-transaction
CREATE INDEX CONCURRENTLY items_v ON items (v);
CREATE UNIQUE INDEX CONCURRENTLY "Items_Note" ON items (note);
-- dalgen:transaction
ALTER TABLE items ADD COLUMN tags text[];
