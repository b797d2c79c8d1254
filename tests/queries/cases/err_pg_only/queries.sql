-- name: ListAuthors :many
SELECT id, name FROM authors;

-- name: CopyAuthors :copyfrom
INSERT INTO authors (name, bio) VALUES (?, ?);
