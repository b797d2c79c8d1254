-- name: OneWithoutRows :one
DELETE FROM authors WHERE id = ?;

-- name: ManyWithoutRows :many
UPDATE authors SET name = ?;
