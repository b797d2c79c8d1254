-- name: GetMainUser :one
SELECT sqlc.embed(users) FROM users WHERE id = $1;

-- name: GetBazUser :one
SELECT sqlc.embed(bu) FROM baz.users bu WHERE bu.id = $1;

-- name: BothUsers :many
SELECT sqlc.embed(users), sqlc.embed(bu) FROM users JOIN baz.users bu ON bu.id = users.id ORDER BY users.id;

-- name: Unqualified :many
SELECT * FROM users ORDER BY id;

-- name: PublicQualified :many
SELECT * FROM public.users ORDER BY id;

-- name: BazAll :many
SELECT * FROM baz.users ORDER BY id;

-- name: AddBazUser :execlastid
INSERT INTO baz.users (name, nick) VALUES ($1, $2);

-- name: RenameMain :execrows
UPDATE users SET name = $1 WHERE id = $2;

-- name: DeleteBaz :execrows
DELETE FROM baz.users WHERE nick = $1;

-- name: PostsWithAuthor :many
SELECT p.title, sqlc.embed(u) FROM posts p JOIN users u ON u.id = p.user_id ORDER BY p.id;
