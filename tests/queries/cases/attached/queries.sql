-- name: GetUser :one
SELECT * FROM baz.users WHERE id = ?;

-- name: UsersNamed :many
SELECT u.id, u.name, l.note FROM baz.users AS u LEFT JOIN users_log l ON l.user_id = u.id
WHERE u.name = ? ORDER BY u.id, l.id;

-- name: AddUser :execlastid
INSERT INTO baz.users (name, email) VALUES (?, ?);

-- name: Rename :execrows
UPDATE baz.users SET name = ? WHERE id = ?;

-- name: Notes :many
SELECT baz.users.id, main.users_log.note FROM baz.users JOIN main.users_log ON main.users_log.user_id = baz.users.id;
