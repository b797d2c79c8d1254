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
