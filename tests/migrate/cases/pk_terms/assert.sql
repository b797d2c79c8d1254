SELECT count(*) = 2 FROM tag;
SELECT count(*) = 1 FROM pragma_index_xinfo('sqlite_autoindex_tag_1') WHERE name = 'name' AND coll = 'NOCASE';
SELECT sql LIKE '%ON CONFLICT REPLACE%' FROM sqlite_schema WHERE name = 'note';
SELECT body = 'first' FROM note WHERE id = 1;
