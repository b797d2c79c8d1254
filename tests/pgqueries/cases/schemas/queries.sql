-- name: BazEmbed :one
SELECT sqlc.embed(bu) FROM baz.users bu;
-- name: BazStar :many
SELECT * FROM baz.users;
-- name: PublicStar :many
SELECT * FROM users;
-- name: Both :many
SELECT u.name, b.nick FROM users u LEFT JOIN baz.users b ON b.id = u.id;
