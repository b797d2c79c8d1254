-- name: GetMainUser :one
SELECT sqlc.embed(users) FROM users WHERE id = ?;

-- name: GetBazUser :one
SELECT sqlc.embed(bu) FROM baz.users AS bu WHERE bu.id = ?;

-- name: BothUsers :many
SELECT sqlc.embed(u), sqlc.embed(bu) FROM users AS u JOIN baz.users AS bu ON bu.id = u.id ORDER BY u.id;

-- An unqualified name is main's (SQLite's search order: main, then the
-- attached schemas).
-- name: Unqualified :many
SELECT * FROM users ORDER BY id;

-- name: MainQualified :many
SELECT * FROM main.users ORDER BY id;

-- name: BazAll :many
SELECT * FROM baz.users ORDER BY id;

-- name: ThreePart :many
SELECT baz.users.name AS baz_name, main.users.name AS main_name, main.users.age
FROM main.users JOIN baz.users ON baz.users.id = main.users.id ORDER BY main.users.id;

-- name: AddBazUser :execlastid
INSERT INTO baz.users (name, nick) VALUES (?, ?);

-- name: RenameMain :execrows
UPDATE users SET name = ? WHERE id = ?;

-- name: DeleteBaz :execrows
DELETE FROM baz.users WHERE nick = ?;

-- name: PostsWithAuthor :many
SELECT p.title, sqlc.embed(u) FROM posts AS p JOIN users AS u ON u.id = p.user_id ORDER BY p.id;
