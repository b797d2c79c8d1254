-- name: ListAuthors :many
SELECT id, name FROM authors;

-- name: CopyAuthors :copyfrom
INSERT INTO authors (name, bio) VALUES (?, ?);

-- name: RenameAuthors :batchexec
UPDATE authors SET name = ? WHERE id = ?;

-- name: GetAuthors :batchone
SELECT id, name FROM authors WHERE id = ?;

-- name: AuthorsNamed :batchmany
SELECT id, name FROM authors WHERE name = ?;
