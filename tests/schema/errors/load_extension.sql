CREATE TABLE t (id INTEGER PRIMARY KEY);
SELECT load_extension('evil');
