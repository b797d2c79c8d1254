ALTER TABLE items DROP COLUMN tags;
-- dalgen:no-transaction
DROP INDEX CONCURRENTLY IF EXISTS "Items_Note";
DROP INDEX CONCURRENTLY IF EXISTS items_v;
-- dalgen:transaction
DELETE FROM effects WHERE migration = 3;
