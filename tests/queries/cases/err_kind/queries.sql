-- name: OneWithoutRows :one
DELETE FROM authors WHERE id = ?;

-- name: ExecWithRows :exec
SELECT id FROM authors;

-- name: ManyWithoutRows :many
UPDATE authors SET name = ?;
