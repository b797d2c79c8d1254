-- name: AddItem :execlastid
INSERT INTO items (name, kind, weight, qty, active, data, extra) VALUES (?, ?, ?, ?, ?, ?, ?);

-- name: AddOwner :one
INSERT INTO owners (item_id, owner) VALUES (:item_id, :owner) RETURNING *;

-- name: GetItem :one
SELECT * FROM items WHERE id = ?1;

-- name: ByNameAnyForm :many
SELECT id FROM items WHERE name = :n OR kind = @n OR name = $n ORDER BY id;

-- name: ByNumbered :many
SELECT id FROM items WHERE qty >= ?2 AND name <> ?1 AND id > ? ORDER BY id;

-- name: SqlcArgs :many
SELECT id, weight FROM items
WHERE kind = sqlc.arg(kind) AND (sqlc.narg(min_weight) IS NULL OR weight >= sqlc.narg(min_weight))
ORDER BY id;

-- name: ByIds :many
SELECT id, name FROM items WHERE id IN (sqlc.slice(ids)) ORDER BY id;

-- name: CountByNames :one
SELECT count(*) AS n FROM items WHERE name IN (sqlc.slice(names));

-- name: CountByWeights :one
SELECT count(*) AS n FROM items WHERE weight IN (sqlc.slice(weights));

-- name: CountByData :one
SELECT count(*) AS n FROM items WHERE data IN (sqlc.slice(blobs));

-- name: DeleteByIds :execrows
DELETE FROM items WHERE id IN (sqlc.slice(ids)) AND kind = ?;

-- name: SetWeight :execrows
UPDATE items SET weight = ? WHERE id = ?;

-- name: Bump :many
UPDATE items SET qty = qty + :by WHERE kind = :kind RETURNING id, qty;

-- name: ItemsWithOwners :many
SELECT sqlc.embed(items), owners.owner
FROM items LEFT JOIN owners ON owners.item_id = items.id
WHERE items.id <= ? ORDER BY items.id, owners.owner;

-- name: OwnerOrNull :many
SELECT items.name, owners.owner FROM items LEFT JOIN owners ON owners.item_id = items.id ORDER BY items.id;

-- name: Stats :one
SELECT count(*) AS n, sum(qty) AS total, avg(weight) AS mean, max(name) AS last_name,
       coalesce(min(weight), -1.0) AS lightest
FROM items WHERE kind = ?;

-- name: Chain :many
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
SELECT i FROM n;

-- name: Names :many
SELECT name FROM items WHERE kind = 'plain' UNION SELECT owner FROM owners ORDER BY 1;

-- name: Upsert :exec
INSERT INTO items (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name || ?;

-- name: Extra :one
SELECT extra, typeof(extra) AS t FROM items WHERE id = ?;

-- name: AddOwnerQuietly :exec
INSERT INTO owners (item_id, owner) VALUES (?, ?) RETURNING id;

-- name: BumpAllCounted :execrows
UPDATE items SET qty = qty + 1 RETURNING id;

-- name: Ping :exec
SELECT 1;
