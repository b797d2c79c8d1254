-- name: InsertReturningAll :one
INSERT INTO users (email, name) VALUES (?, ?) RETURNING *;

-- name: InsertReturningSome :one
INSERT INTO users (email) VALUES (?) RETURNING id, visits + 1 AS next;

-- name: UpdateReturning :many
UPDATE users SET visits = visits + ? WHERE name LIKE ? RETURNING id, email;

-- name: DeleteReturning :many
DELETE FROM users WHERE id > ? RETURNING *;

-- name: Upsert :exec
INSERT INTO users (email, name) VALUES (?, ?)
ON CONFLICT (email) DO UPDATE SET name = excluded.name, visits = visits + ?;

-- name: MultiRow :exec
INSERT INTO users (email, name) VALUES (?, ?), (?, NULL), ('x@y', ?);

-- name: InsertSelect :execrows
INSERT INTO archive (email, name) SELECT email, ? FROM users WHERE id < ?;

-- name: UpdateFrom :execrows
UPDATE users SET name = archive.name FROM archive WHERE archive.email = users.email AND archive.name <> ?;

-- name: UpdateRow :exec
UPDATE users SET (email, name) = (?, ?) WHERE id = ?;
