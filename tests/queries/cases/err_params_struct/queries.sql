-- name: Search :many
SELECT id FROM t WHERE a = ? AND b = ? AND c = ? AND d = ? AND e = ?;

-- name: SearchParams :exec
DELETE FROM t WHERE id = ?;
