SELECT count(*) = 0 FROM sqlite_schema WHERE name LIKE '_dalgen_new%';
