-- name: Positional :many
SELECT id FROM items WHERE name = ? AND kind = ?;

-- name: Numbered :many
-- ?2 before ?1; after ?3 a bare ? is 4
SELECT id FROM items WHERE kind = ?2 AND name = ?1 AND weight > ?3 AND id <> ?;

-- name: SameNameEveryForm :many
-- :n, @n and $n are three SQLite parameters but one C argument
SELECT id FROM items WHERE name = :n OR kind = @n OR name || kind = $n;

-- name: SqlcForms :many
SELECT id FROM items
WHERE name = sqlc.arg(name) AND weight IS sqlc.narg(min_weight) AND kind = sqlc.arg(name);

-- name: Slice :many
SELECT id, name FROM items WHERE id IN (sqlc.slice(ids)) AND kind = sqlc.arg(kind);

-- name: SliceOfText :many
SELECT id FROM items WHERE name NOT IN (sqlc.slice(names));

-- name: SameColumnTwice :exec
DELETE FROM items WHERE name = ? AND name = ?;

-- name: Embed :many
SELECT sqlc.embed(items), sqlc.embed(owners), items.name AS item_name
FROM items JOIN owners ON owners.id = items.id;

-- name: Contexts :many
SELECT id FROM items
WHERE ? < weight
  AND id BETWEEN ? AND ?
  AND name LIKE ? ESCAPE ?
  AND kind GLOB ?
  AND substr(name, ?, 2) = 'ab'
  AND CAST(? AS INTEGER) > 0
  AND data = ?
  AND coalesce(weight, ?) > 1
  AND kind IN (?, ?)
  AND (name, kind) = (?, ?)
LIMIT ?;

-- name: JsonArg :many
SELECT key, value FROM json_each(?, ?);
