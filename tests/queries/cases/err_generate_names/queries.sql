-- name: UserNext :many
SELECT * FROM users;
-- name: NamedIterEnd :many
SELECT * FROM named;
-- name: User :one
SELECT * FROM users LIMIT 1;
