-- name: Two :exec
DELETE FROM authors; DELETE FROM authors;

-- name: Ok :exec
DELETE FROM authors;
