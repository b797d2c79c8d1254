-- 0001_init.up.sql: written by `dalgen migrate new`.
-- The runner applies it in one transaction with foreign keys off.

CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
