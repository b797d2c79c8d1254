-- sqlc's schemas attach a file (sqlc_embed): the schema baz is read in
-- memory, no file is opened or created, and its tables are baz's.
ATTACH 'baz.db' AS baz;
CREATE TABLE baz.items (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE notes (id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL, body TEXT);
