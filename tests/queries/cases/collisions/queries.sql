-- name: BothIds :many
SELECT o.Id, l.id, l.qty, count(*), count(*) FROM "Order" o JOIN line l ON l.order_id = o.Id GROUP BY l.id;

-- name: Keywords :one
SELECT "default", "int", "2fa" FROM "Order" WHERE "default" = ? AND "int" = ?;

-- name: HasCollision :one
SELECT qty AS has_x, qty AS x FROM line WHERE id = 1;

-- name: ParamNamedLikeLocals :exec
DELETE FROM line WHERE id = :db AND qty = :out;
