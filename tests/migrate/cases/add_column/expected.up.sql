ALTER TABLE "users" ADD COLUMN email TEXT /* @format email */;

ALTER TABLE "users" ADD COLUMN active INTEGER NOT NULL DEFAULT 1;

ALTER TABLE "users" ADD COLUMN score REAL DEFAULT -1.5 CHECK (score IS NULL OR score >= -10);
