-- name: Search :many
SELECT rowid, title, rank, bm25(post_fts) AS score FROM post_fts WHERE post_fts MATCH ? ORDER BY rank;

-- name: SearchTitle :many
SELECT rowid, title FROM post_fts WHERE title MATCH ? ORDER BY rowid;

-- name: SearchNotes :many
SELECT rowid, docid, text FROM note_fts WHERE note_fts MATCH ? ORDER BY docid;

-- name: SearchAll :many
SELECT * FROM post_fts WHERE post_fts MATCH ? ORDER BY rowid;

-- name: Reindex :exec
INSERT INTO post_fts (post_fts) VALUES ('rebuild');

-- name: AddNote :execlastid
INSERT INTO note_fts (docid, text) VALUES (?, ?);
