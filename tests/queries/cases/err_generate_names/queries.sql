-- name: UserList :many
SELECT * FROM users;
-- name: NamedList :many
SELECT * FROM named;
