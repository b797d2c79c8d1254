-- Field names of unaliased expressions, as sqlc derives them: a function's
-- name, exists / not_exists, a cast column's name, a scalar subquery's
-- column, then column_N.

-- name: UsernameTaken :one
SELECT EXISTS(SELECT 1 FROM account WHERE username = ?);

-- name: UsernameFree :one
SELECT NOT EXISTS(SELECT 1 FROM account WHERE username = ?);

-- name: TotalSize :one
SELECT ifnull(sum(size), 0) FROM attachment WHERE account_id = ?;

-- name: Counts :one
SELECT count(1), count(*) FROM attachment;

-- name: Mixed :many
SELECT CAST(size AS REAL), size * 2, (SELECT username FROM account WHERE account.id = attachment.account_id), id + 1 AS next_id
FROM attachment;

-- has_ flags: only a nullable scalar has one, so a text field `content`
-- leaves `has_content` free; a scalar's flag and a field never collide.
-- name: Flags :many
SELECT a.username AS content, b.id AS has_content,
       b.size AS n, a.id AS has_n,
       a.id AS has_m, b.size AS m
FROM account a LEFT JOIN attachment b ON b.account_id = a.id;
