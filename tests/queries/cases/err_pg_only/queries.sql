-- name: ListAuthors :many
SELECT id, name FROM authors;

-- name: CopyAuthors :copyfrom
INSERT INTO authors (name, bio) VALUES (?, ?);

-- name: RenameAuthors :batchexec
UPDATE authors SET name = ? WHERE id = ?;
