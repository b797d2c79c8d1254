-- name: AddNote :exec
INSERT INTO notes (id, body) VALUES ($1, $2);

-- name: GetNote :one
SELECT body FROM notes WHERE id = $1;

-- name: InRecovery :one
SELECT pg_is_in_recovery() AS in_recovery;
