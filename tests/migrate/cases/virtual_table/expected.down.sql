ALTER TABLE "t" DROP COLUMN "x";

-- virtual table docs is recreated: table constraints or options changed
DROP TABLE "docs";

CREATE VIRTUAL TABLE docs USING fts5(title, body);
