-- name: AccountByHost :one
SELECT id, name, config FROM account WHERE host = ?;

-- name: SharedPayloads :many
SELECT id, payload FROM shared ORDER BY id;

-- name: SharedDigests :many
SELECT id, digest FROM shared ORDER BY id;
