-- sqlc.arg / sqlc.narg take any word as the parameter's name, SQL
-- keywords included, and a quoted name too.

-- name: Page :many
SELECT id, label FROM entry
ORDER BY id
LIMIT CASE WHEN sqlc.arg(limit) > 0 THEN sqlc.arg(limit) ELSE 10 END
OFFSET sqlc.arg(offset);

-- name: ByGroup :many
SELECT id FROM entry
WHERE rank IS sqlc.narg(group) AND label IN (sqlc.arg('select'), sqlc.arg(default));
