-- Full-text search tables (docs/queries.md "Virtual tables"): hidden columns
-- are not the row's fields but queries may select them; rowid and docid are
-- non-null integers; `_fts` names stay as they are.
CREATE TABLE post (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL);
CREATE VIRTUAL TABLE post_fts USING fts5(title, body, content='post', content_rowid='id');
CREATE VIRTUAL TABLE note_fts USING fts4(text);
