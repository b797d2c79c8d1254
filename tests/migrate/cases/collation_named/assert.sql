SELECT count(*) = 1 FROM t WHERE name = 'ANN';
SELECT sql LIKE '%CONSTRAINT code_u UNIQUE%' FROM sqlite_schema WHERE name = 't';
