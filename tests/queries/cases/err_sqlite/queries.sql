-- Every error of the file is reported in one run, at its place in the file
-- (after * was expanded and sqlc.arg rewritten); columns count characters.

-- name: NoSuchColumn :many
SELECT * FROM authors WHERE nme = sqlc.arg(name);

-- name: NoSuchTable :many
SELECT id FROM author;

-- name: Utf8 :one
SELECT 'é€', * FROM authors WHERE id = ? AND ünknown = 1;

-- name: NoSuchFunction :one
SELECT frobnicate(name) FROM authors WHERE id = ?;

-- name: Fine :one
SELECT name FROM authors WHERE id = ?;

-- name: NoSuchJoined :many
SELECT a.id
FROM authors a JOIN "bookz" b ON b.id = a.id;

-- name: NoSuchInto :exec
INSERT INTO writers (name) VALUES ('x');
