-- A :many query List generates list_row, list_iter, list_next and
-- list_iter_end: no other query may be called so.
-- name: List :many
SELECT id FROM item LIMIT ?;

-- name: ListNext :one
SELECT id FROM item WHERE kind = ? LIMIT 1;

-- name: ListRow :exec
DELETE FROM item WHERE id = ?;

-- The other way round: Kinds generates kinds_iter_end, the C name of a
-- query before it.
-- name: KindsIterEnd :exec
DELETE FROM item WHERE kind = ?;

-- name: Kinds :many
SELECT DISTINCT kind FROM item;

-- A query whose row is the table's struct generates no _row.
-- name: Items :many
SELECT * FROM item;

-- name: ItemsRow :exec
UPDATE item SET kind = ? WHERE id = ?;
