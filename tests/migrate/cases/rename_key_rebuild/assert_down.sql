SELECT count(*) = 89 FROM c JOIN p ON p.x = c.px;
SELECT count(*) = 40 FROM p WHERE y = 'y' || x;
SELECT count(*) = 1 FROM pragma_foreign_key_list('c') WHERE "table" = 'p' AND "to" = 'x';
