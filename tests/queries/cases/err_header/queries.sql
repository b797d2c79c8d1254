-- name: BadKind :copyto
SELECT 1;

-- name: NoKind
SELECT 1;

-- name: Trailing :one extra
SELECT 1;

-- name: Empty :exec

-- name: Ok :one
SELECT 1 AS one;
