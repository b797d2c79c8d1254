-- 0001_init.down.sql: written by `dalgen migrate new`; reverts the up migration.
-- The runner applies it in one transaction with foreign keys off.

DROP TABLE "products";

DROP TABLE "orders";
