-- name: GetAuthor :one
SELECT name FROM authors WHERE id = ?;

-- name: get_author :one
SELECT name FROM authors WHERE id = ?;
