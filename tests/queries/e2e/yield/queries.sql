-- name: TestList :many
SELECT name FROM test WHERE score >= ? ORDER BY score DESC;

-- name: TestCount :one
SELECT count(*) * 10 AS tens FROM test;

-- name: TestGetByName :one
SELECT id, score FROM test WHERE name = ?;

-- name: RankedList :many
SELECT name FROM ranked ORDER BY name DESC;

-- name: TestListTable :exec
DELETE FROM test WHERE score < 0;
