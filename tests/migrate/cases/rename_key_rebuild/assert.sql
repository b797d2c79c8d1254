SELECT count(*) = 89 FROM c JOIN p ON p.z = c.px;
SELECT count(*) = 40 FROM p WHERE y = 'y' || z;
SELECT count(*) = 10 FROM p WHERE y = '1';
SELECT count(*) = 1 FROM pragma_foreign_key_list('c') WHERE "table" = 'p' AND "to" = 'z';
